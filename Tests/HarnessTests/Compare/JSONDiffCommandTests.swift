import Foundation
import Testing
@testable import Harness

/// `harness diff` on JSON and JSON Lines, through the built binary: exit codes, messages,
/// the `--json` report.
@Suite struct JSONDiffCommandTests {
    static let good = Array(#"{"a": 1}"#.utf8)

    /// Runs `harness diff` on two files written with `expected` and `actual` bytes.
    func run(_ expected: [UInt8], _ actual: [UInt8], extension fileExtension: String = "json",
             _ arguments: [String] = []) throws -> (TestSupport.Result, String) {
        let folder = try TestSupport.temporaryFolder("jsondiff")
        try AtomicFile.write(expected, to: folder + "/expected.\(fileExtension)")
        try AtomicFile.write(actual, to: folder + "/actual.\(fileExtension)")
        let result = try TestSupport.runHarness(["diff", "expected.\(fileExtension)", "actual.\(fileExtension)"] + arguments, in: folder)
        return (result, folder)
    }

    static let malformed: [([UInt8], String)] = [
        (Array(#"{"a": [1, 2"#.utf8), "actual.json:1:12: error: unexpected end of input inside an array"),
        (Array("{\"a\": 1}\n}".utf8), "actual.json:2:1: error: unexpected '}' after the JSON value"),
        (Array("{\n  \"a\": \"\\x\"\n}".utf8), #"actual.json:2:10: error: invalid escape "\x""#),
        (Array(#"{"a": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), "actual.json:1:8: error: invalid UTF-8 in a string"),
        ([UInt8](repeating: UInt8(ascii: "["), count: 100_000), "actual.json:1:513: error: nesting deeper than 512 levels"),
        (Array(#"{"score": NaN}"#.utf8), "actual.json:1:11: error: unexpected 'N', expected a JSON value"),
        ([], "actual.json:1:1: error: expected a JSON value, found the end of the input"),
    ]

    @Test(arguments: JSONDiffCommandTests.malformed)
    func malformedJSONIsExitTwoWithItsLocation(actual: [UInt8], message: String) throws {
        let (result, folder) = try run(Self.good, actual)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func malformedJSONLinesNamesTheFilesLine() throws {
        let expected = Array("{\"id\": 1}\n{\"id\": 2}\n\n{\"id\": 3}\n".utf8)
        let actual = Array("{\"id\": 1}\n{\"id\": 2}\n\n{\"id\": 3, \"v\": tru}\n".utf8)
        for arguments in [[], ["--key", "id"]] {
            let (result, folder) = try run(expected, actual, extension: "jsonl", arguments)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("actual.jsonl:4:16: error: invalid literal, expected true"), "\(result.stderr)")
        }
    }

    @Test func exitCodesAndTheJSONReport() throws {
        let expected = Array(#"{"run_at": "t1", "metrics": {"auc": 0.91, "n": 12345678901234567890}, "tags": ["a"]}"#.utf8)
        let same = Array("{\"tags\": [\"a\"], \"metrics\": {\"n\": 12345678901234567890, \"auc\": 0.910000001}, \"run_at\": \"t2\"}\n".utf8)
        let (equal, folder) = try run(expected, same, ["--rtol", "1e-6", "--ignore", "/run_at"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(equal.status == 0, "\(equal.stdout)\(equal.stderr)")

        let (different, other) = try run(expected, same, ["--ignore", "/run_at", "--json", "report.json"])
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(different.status == 1)
        let report = try JSONParser.parse(fileAt: other + "/report.json")
        #expect(report["equal"] == .bool(false))
        #expect(report["format"] == .string("json"))
        #expect(report["rows_compared"] == .number("1"))
        #expect(report["differing_rows"] == .number("1"))
        #expect(report["differing_cells"] == .number("1"))
        let first = try #require(report["diffs"]?.arrayValue?.first)
        #expect(first["pointer"] == .string("/metrics/auc"))
        #expect(first["column"] == nil)
        #expect(first["kind"] == .string("changed"))
        #expect(first["expected"] == .string("0.91"))
        #expect(first["actual"] == .string("0.910000001"))
        #expect(first["row"] == .null)
    }

    @Test func jsonLinesReportRowsAreLineNumbers() throws {
        let expected = Array("{\"id\": \"a\", \"v\": 1}\n{\"id\": \"b\", \"v\": 2}\n".utf8)
        let actual = Array("{\"id\": \"b\", \"v\": \"2\"}\n\n{\"id\": \"a\", \"v\": 1}\n".utf8)
        let (result, folder) = try run(expected, actual, extension: "ndjson", ["--key", "id", "--json", "r.json"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 1)
        let report = try JSONParser.parse(fileAt: folder + "/r.json")
        #expect(report["format"] == .string("jsonl"))
        #expect(report["rows_compared"] == .number("2"))
        #expect(report["key_columns"] == .array([.string("id")]))
        let first = try #require(report["diffs"]?.arrayValue?.first)
        #expect(first["kind"] == .string("type_changed"))
        #expect(first["row"] == .number("2"))
        #expect(first["actual_row"] == .number("1"))
        #expect(first["key"] == .array([.string(#""b""#)]))
        #expect(first["pointer"] == .string("/v"))
        #expect(first["expected"] == .string("2"))
        #expect(first["actual"] == .string(#""2""#))
    }

    @Test func formatFlagOverridesTheExtension() throws {
        let (result, folder) = try run(Array("{\"a\": 1}\n{\"a\": 2}\n".utf8), Array("{\"a\": 1.0}\n{\"a\": 2}".utf8),
                                       extension: "txt", ["--format", "jsonl"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func optionsThatDoNotApplyAreUsageErrors() throws {
        let (keyed, folder) = try run(Self.good, Self.good, ["--key", "id"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(keyed.status == 2)
        #expect(keyed.stderr.contains("--key applies to CSV and JSON Lines"))
        let (ignored, other) = try run(Self.good, Self.good, ["--ignore", "run_at"])
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(ignored.status == 2)
        #expect(ignored.stderr.contains(#"write "/run_at""#))
    }

    @Test func missingFileIsExitTwo() throws {
        let result = try TestSupport.runHarness(["diff", "/nonexistent/e.json", "/nonexistent/a.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/e.json: error: no such file"))
    }
}
