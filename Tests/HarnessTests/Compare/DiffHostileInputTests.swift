import Foundation
import Testing
@testable import Harness

/// `harness diff` on inputs a fuzzer found: each once trapped or gave a wrong verdict.
@Suite struct DiffHostileInputTests {
    func diff(_ files: [String: String], _ arguments: [String]) throws -> TestSupport.Result {
        let folder = try TestSupport.temporaryFolder("diff-hostile")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files { try TestSupport.write(text, to: folder + "/" + name) }
        return try TestSupport.runHarness(["diff"] + arguments, in: folder)
    }

    @Test func aKeyWhoseValueIsAnArrayDoesNotTrap() throws {
        let result = try diff(["k.jsonl": "{\"id\": [2]}\n"], ["k.jsonl", "k.jsonl", "--key", "id"])
        #expect(result.status == 0, "\(result.stderr)")
        let other = try diff(["a.jsonl": "{\"id\": [2], \"v\": 1}\n", "b.jsonl": "{\"id\": [2], \"v\": 2}\n"],
                             ["a.jsonl", "b.jsonl", "--key", "id"])
        #expect(other.status == 1, "\(other.stderr)")
        #expect(other.stdout.contains("[2]"))
    }

    @Test(arguments: ["1e300", "1.7976931348623157e308"])
    func aHugeAbsoluteToleranceIsAcceptedAndCoversEverything(atol: String) throws {
        let same = try diff(["a.csv": "x\n1\n"], ["a.csv", "a.csv", "--atol", atol])
        #expect(same.status == 0, "\(same.stderr)")
        let close = try diff(["a.csv": "x\n1\n", "b.csv": "x\n1e299\n"], ["a.csv", "b.csv", "--atol", atol, "--rtol", atol])
        #expect(close.status == 0, "\(close.stderr)")
    }

    @Test(arguments: ["inf", "nan", "-1", "1e400"])
    func aToleranceThatIsNotAFiniteNonNegativeNumberIsRefused(atol: String) throws {
        let result = try diff(["a.csv": "x\n1\n"], ["a.csv", "a.csv", "--atol", atol])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--atol expects a number"))
    }

    @Test(arguments: [("k.jsonl", "{\"a\": 1}\n{\"a\":\n", "k.jsonl:2:6: error:"),
                      ("k.jsonl", "{\"a\": 1}\nnot json\n", "k.jsonl:2:1: error:"),
                      ("k.json", "{\"a\": [1, 2}", "k.json:1:12: error:")])
    func aMalformedFileIsTroubleEvenWhenBothSidesAreTheSameBytes(name: String, text: String, message: String) throws {
        let folder = try TestSupport.temporaryFolder("diff-hostile")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(text, to: folder + "/" + name)
        try TestSupport.write(text, to: folder + "/copy-" + name)
        for arguments in [[name, name], [name, "copy-" + name]] {
            let result = try TestSupport.runHarness(["diff"] + arguments, in: folder)
            #expect(result.status == 2, "\(arguments): \(result.stdout)")
            #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        }
    }
}
