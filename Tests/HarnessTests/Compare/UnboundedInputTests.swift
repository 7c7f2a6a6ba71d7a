import Foundation
import Testing
@testable import Harness

/// Issue 14, item 9: what is read whole is capped, with an error naming the limit and how to
/// raise it; a FIFO or a device is refused where a file is needed, and never hangs.
@Suite struct UnboundedInputTests {
    /// Runs harness under `timeout`, so a regression that hangs fails instead of stalling the suite.
    func harness(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> TestSupport.Result {
        try TestSupport.runHarness(arguments, in: folder, environment: environment, timeout: 30)
    }

    static let contract = #"{"fields": [{"name": "x", "type": "integer"}]}"#

    @Test func aFIFOWithoutAWriterIsRefusedAsDocumentRecordsContractAndConfig() throws {
        let folder = try TestSupport.temporaryFolder("unbounded")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        mkfifo(folder + "/pipe", 0o644)
        try TestSupport.write("x\n1\n", to: folder + "/a.csv")
        try TestSupport.write(Self.contract, to: folder + "/c.json")
        for arguments in [["diff", "pipe", "pipe", "--format", "json"], ["diff", "pipe", "pipe", "--format", "jsonl"],
                          ["diff", "pipe", "a.csv", "--format", "csv"], ["validate", "a.csv", "--contract", "pipe"],
                          ["validate", "pipe", "--contract", "c.json"], ["run", "--config", "pipe"]] {
            let result = try harness(arguments, in: folder)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("pipe: error: is a FIFO (named pipe), not a regular file"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func devZeroIsRefusedNotReadUntilMemoryRunsOut() throws {
        let folder = try TestSupport.temporaryFolder("unbounded")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write("x\n1\n", to: folder + "/a.csv")
        for arguments in [["diff", "/dev/zero", "/dev/zero", "--format", "json"], ["diff", "/dev/zero", "/dev/zero", "--format", "jsonl"],
                          ["validate", "a.csv", "--contract", "/dev/zero"], ["run", "--config", "/dev/zero"]] {
            let result = try harness(arguments, in: folder)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("/dev/zero: error: is a device, not a regular file"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func whatIsHeldInMemoryIsCappedAndTheErrorSaysHowToRaiseIt() throws {
        let folder = try TestSupport.temporaryFolder("unbounded")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = String(repeating: "a", count: 3000)
        try TestSupport.write("{\"v\": \"\(long)\"}", to: folder + "/big.json")
        try TestSupport.write("{\"v\": 1}\n{\"v\": \"\(long)\"}\n", to: folder + "/big.jsonl")
        try TestSupport.write("{\"v\": 2}\n{\"v\": \"\(long)\"}\n", to: folder + "/other.jsonl")
        try TestSupport.write("{\"v\": \"\(long)b\"}", to: folder + "/other.json")
        try TestSupport.write("x\n1\n", to: folder + "/a.csv")
        try TestSupport.write("{\"description\": \"\(long)\", " + Self.contract.dropFirst(), to: folder + "/c.json")
        try TestSupport.write("{\"cases\": {}, \"golden\": \"\(long)\"}", to: folder + "/harness.json")
        let limit = ["HARNESS_MAX_DOCUMENT_BYTES": "2K"]
        for (arguments, what) in [(["diff", "big.json", "other.json"], "big.json: error: the file"),
                                  (["diff", "big.jsonl", "other.jsonl"], "big.jsonl: error: line 2"),
                                  (["diff", "big.jsonl", "big.jsonl"], "big.jsonl: error: line 2"),
                                  (["validate", "a.csv", "--contract", "c.json"], "c.json: error: the file"),
                                  (["run"], "harness.json: error: the file")] {
            let result = try harness(arguments, in: folder, environment: limit)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(what) && result.stderr.contains("larger than the 2 KiB harness holds in memory"),
                    "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("HARNESS_MAX_DOCUMENT_BYTES="), "\(result.stderr)")
            let raised = try harness(arguments, in: folder, environment: ["HARNESS_MAX_DOCUMENT_BYTES": "1M"])
            #expect(!raised.stderr.contains("holds in memory"), "\(arguments): \(raised.stderr)")
        }
    }

    @Test(arguments: [("2K", 2048), ("1m", 1 << 20), ("3G", 3 << 30), ("100", 100)])
    func theLimitIsReadInBytesOrBinaryUnits(text: String, bytes: Int) {
        #expect(ReadLimit.parse(text) == bytes)
    }

    @Test(arguments: ["", "0", "-1", "2T", "lots", "99999999999999999G"])
    func aLimitThatIsNotAPositiveSizeIsNotTaken(text: String) {
        #expect(ReadLimit.parse(text) == nil)
    }
}
