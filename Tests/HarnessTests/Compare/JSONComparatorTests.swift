import Foundation
import Testing
@testable import Harness

@Suite struct JSONComparatorTests {
    /// Compares two JSON texts written to files, whole and as streams (every container
    /// walked, however small): both must report the same, so every test here holds for both.
    static func diff(_ expected: String, _ actual: String, _ options: CompareOptions = CompareOptions()) throws -> DiffReport {
        let folder = try TestSupport.temporaryFolder("json")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(expected, to: folder + "/expected.json")
        try TestSupport.write(actual, to: folder + "/actual.json")
        let paths = (expected: folder + "/expected.json", actual: folder + "/actual.json")
        let whole = try JSONComparator.compare(expected: paths.expected, actual: paths.actual, options: options, streaming: .never)
        let streamed = try JSONComparator.streamed(expected: paths.expected, actual: paths.actual, options: options,
                                                   ignore: try options.ignore.map(JSONPointerPattern.init),
                                                   rules: try JSONValueRules(options), threshold: 0, wholeLimit: 0)
        // Only a byte order mark sends a well-formed document back to the whole comparison.
        if !expected.hasPrefix("\u{FEFF}") && !actual.hasPrefix("\u{FEFF}") {
            #expect(streamed == whole, "streamed and whole comparisons of \(expected) and \(actual) disagree")
        }
        return whole
    }

    func diff(_ expected: String, _ actual: String, _ options: CompareOptions = CompareOptions()) throws -> DiffReport {
        try Self.diff(expected, actual, options)
    }

    @Test func keyOrderAndWhitespaceNeverMatter() throws {
        let report = try diff(#"{"a": 1, "b": [1, {"c": null, "d": "x"}]}"#,
                              "{\n  \"b\": [1, {\"d\": \"x\", \"c\": null}],\r\n  \"a\": 1\n}\n")
        #expect(report.equal)
        #expect(report.rowsCompared == 1)
        #expect(report.differingRows == 0)
        #expect(report.diffs.isEmpty)
    }

    @Test(arguments: [
        ("1", "1.0"), ("1", "1e0"), ("100", "1e2"), ("-0", "0"), ("0.5", "5e-1"), ("1.50", "1.5"),
        ("12345678901234567890", "12345678901234567890.000"), ("0.000001", "1E-6"),
        ("123456789012345678901234567890e-5", "1234567890123456789012345.6789"),
        ("0.1", "0.10000000000000001"),   // the same double, as in CSV cells (DESIGN: numbers are parsed)
    ])
    func numbersEqualByValue(expected: String, actual: String) throws {
        #expect(try diff("[\(expected)]", "[\(actual)]").equal)
    }

    @Test(arguments: [
        ("9007199254740993", "9007199254740992"),   // the same Double; different integers
        ("12345678901234567890", "12345678901234567891"),
        ("1", "-1"), ("1e2", "1e3"),
    ])
    func numbersDifferingByAnyAmountDifferWithoutTolerance(expected: String, actual: String) throws {
        let report = try diff(#"{"n": \#(expected)}"#, #"{"n": \#(actual)}"#)
        #expect(report.differingCells == 1)
        #expect(report.diffs.first?.pointer == "/n")
        #expect(report.diffs.first?.expected == expected)
        #expect(report.diffs.first?.actual == actual)
    }

    @Test func toleranceIsAbsolutePlusRelativeToExpected() throws {
        func equal(rtol: Double = 0, atol: Double = 0) throws -> Bool {
            try diff("[100]", "[100.5]", CompareOptions(rtol: rtol, atol: atol)).equal
        }
        #expect(try equal(rtol: 0.005))
        #expect(try !equal(rtol: 0.004))
        #expect(try equal(atol: 0.5))
        #expect(try !equal(atol: 0.49))
        #expect(try equal(rtol: 0.003, atol: 0.2))
        let report = try diff("[100]", "[100.5]", CompareOptions(rtol: 0.001))
        #expect(report.diffs.first?.absoluteDifference == 0.5)
        #expect(report.diffs.first?.relativeDifference == 0.005)
    }

    @Test func bigIntegersAreNotJudgedOnRoundedValues() throws {
        // Both round to the same Double; an absolute tolerance of 0.5 must still see the 1.
        let report = try diff("[12345678901234567890]", "[12345678901234567891]", CompareOptions(atol: 0.5))
        #expect(!report.equal)
        #expect(report.diffs.first?.absoluteDifference == 1)
        #expect(try diff("[12345678901234567890]", "[12345678901234567891]", CompareOptions(atol: 1)).equal)
    }

    @Test func nullDiffersFromAMissingMember() throws {
        let missing = try diff(#"{"a": null, "b": 1}"#, #"{"b": 1}"#)
        #expect(missing.diffs == [Difference(kind: .missingMember, pointer: "/a", expected: "null", actual: nil)])
        let extra = try diff(#"{"b": 1}"#, #"{"b": 1, "a": null}"#)
        #expect(extra.diffs == [Difference(kind: .extraMember, pointer: "/a", expected: nil, actual: "null")])
        #expect(extra.differingCells == 1)
    }

    @Test func arraysCompareByPosition() throws {
        let shorter = try diff("[1, 2, 3]", "[1, 3]")
        #expect(shorter.diffs.map(\.kind) == [.changed, .missingMember])
        #expect(shorter.diffs.map(\.pointer) == ["/1", "/2"])
        #expect(shorter.diffs.map(\.expected) == ["2", "3"])
        let longer = try diff(#"{"arr": [1]}"#, #"{"arr": [1, 2, {"x": 3}]}"#)
        #expect(longer.diffs.map(\.kind) == [.extraMember, .extraMember])
        #expect(longer.diffs.map(\.pointer) == ["/arr/1", "/arr/2"])
        #expect(longer.diffs.map(\.actual) == ["2", #"{"x":3}"#])
        #expect(longer.cellsByColumn == ["/arr/*": 2])
    }

    @Test(arguments: [
        (#""1""#, "1", Difference.Kind.typeChanged),
        ("{}", "[]", .typeChanged),
        ("null", "false", .typeChanged),
        ("0", "null", .typeChanged),
        ("true", "false", .changed),
        (#""a""#, #""b""#, .changed),
    ])
    func typeChangesAreDifferences(expected: String, actual: String, kind: Difference.Kind) throws {
        let report = try diff(#"{"v": \#(expected)}"#, #"{"v": \#(actual)}"#)
        #expect(report.diffs == [Difference(kind: kind, pointer: "/v", expected: expected, actual: actual)])
    }

    @Test func pointersEscapeTildeAndSlash() throws {
        let report = try diff(#"{"a/b": {"m~n": 1, "": [0]}}"#, #"{"a/b": {"m~n": 2, "": [1]}}"#)
        #expect(report.diffs.map(\.pointer) == ["/a~1b/m~0n", "/a~1b//0"])
    }

    @Test func stringsAndNamesCompareDecoded() throws {
        #expect(try diff(#"{"s": "caf\u00e9 \/ \ud83d\ude00"}"#, #"{"s": "café / 😀"}"#).equal)
        #expect(try diff(#"{"\u0061": 1, "b": 2}"#, #"{"b": 2, "a": 1}"#).equal)
        // Precomposed and decomposed é are different strings in JSON (and in Python).
        #expect(try !diff(#"["\u00e9"]"#, #"["e\u0301"]"#).equal)
    }

    @Test func ignorePatternsSkipMembersAndEveryIndex() throws {
        let expected = #"{"run_at": 1, "runs": [{"started_at": 1, "v": 1}, {"started_at": 2, "v": 1}], "m": {"x": {"t": 1}, "y": {"t": 2, "u": 0}}, "a/b": 1}"#
        let actual = #"{"run_at": 2, "runs": [{"started_at": 5, "v": 1}, {"started_at": 6, "v": 1}], "m": {"x": {"t": 3}, "y": {"t": 4, "u": 0}}, "a/b": 2}"#
        #expect(try diff(expected, actual).differingCells == 6)
        let ignoring = try diff(expected, actual, CompareOptions(ignore: ["/run_at", "/runs/*/started_at", "/m/*/t", "/a~1b"]))
        #expect(ignoring.equal)
        let partly = try diff(expected, actual, CompareOptions(ignore: ["/runs/1"]))
        #expect(partly.diffs.map(\.pointer) == ["/run_at", "/runs/0/started_at", "/m/x/t", "/m/y/t", "/a~1b"])
        // An ignored member that is missing or extra is not reported either.
        #expect(try diff(#"{"a": 1, "at": 2}"#, #"{"a": 1}"#, CompareOptions(ignore: ["/at"])).equal)
    }

    @Test func maxDiffsCapsTheListButNotTheCounts() throws {
        let expected = "[" + (0..<100).map(String.init).joined(separator: ",") + "]"
        let actual = "[" + (0..<100).map { String($0 + 1) }.joined(separator: ",") + "]"
        let report = try diff(expected, actual, CompareOptions(maxDiffs: 5))
        #expect(report.diffs.count == 5)
        #expect(report.differingCells == 100)
        #expect(report.totalDiffs == 100)
        #expect(report.differingRows == 1)
        #expect(report.cellsByColumn == ["/*": 100])
    }

    @Test func objectsWithManyMembersMatchByNameInAnyOrder() throws {
        let names = (0..<300).map { "k\($0)" }
        let expected = "{" + names.map { "\"\($0)\": 1" }.joined(separator: ",") + "}"
        let actual = "{" + names.reversed().map { "\"\($0)\": \($0 == "k7" ? 2 : 1)" }.joined(separator: ",") + ", \"new\": 0}"
        let report = try diff(expected, actual)
        #expect(report.diffs.map(\.pointer) == ["/k7", "/new"])
        #expect(report.diffs.map(\.kind) == [.changed, .extraMember])
    }

    @Test func repeatedNamesPairUpInOrder() throws {
        #expect(try diff(#"{"a": 1, "b": 0, "a": 2}"#, #"{"b": 0, "a": 1, "a": 2}"#).equal)
        let report = try diff(#"{"a": 1, "a": 2}"#, #"{"a": 1}"#)
        #expect(report.diffs == [Difference(kind: .missingMember, pointer: "/a", expected: "2", actual: nil)])
    }

    @Test func longValuesAreCutInReports() throws {
        let long = String(repeating: "é", count: 2_000)
        let report = try diff(#"{"s": "\#(long)"}"#, #"{"s": "x"}"#)
        let shown = try #require(report.diffs.first?.expected)
        #expect(shown.hasSuffix("…"))
        #expect(shown.utf8.count <= JSONValueText.defaultLimit + 3)
    }

    @Test func keyAndNonPointerIgnoreAreUsageErrors() throws {
        #expect(throws: HarnessError.self) { try diff("{}", "{}", CompareOptions(key: ["id"])) }
        do {
            _ = try diff("{}", "{}", CompareOptions(ignore: ["generated_at"]))
            Issue.record("expected a usage error")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains(#"write "/generated_at""#))
        }
        #expect(throws: HarnessError.self) { try diff("{}", "{}", CompareOptions(ignore: ["/a~2"])) }
    }

    /// Every JSON file of the JSON-Schema-Test-Suite equals itself re-serialised with each
    /// object's members reversed and strings re-escaped, and differs once one number changes.
    @Test(.needsCorpus("json-schema-test-suite")) func corpusDocumentsEqualTheirReorderedReserialisation() throws {
        let root = TestSupport.corpora + "/json-schema-test-suite/tests/draft2020-12"
        let names = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count > 30)
        let folder = try TestSupport.temporaryFolder("corpus")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in names {
            let path = root + "/" + name
            let reordered = Self.reversingMembers(try JSONParser.parse(fileAt: path))
            try AtomicFile.write(reordered.prettyText, to: folder + "/" + name)
            let report = try JSONComparator.compare(expected: path, actual: folder + "/" + name, options: CompareOptions())
            #expect(report.equal, "\(name): \(report.diffs.first.map { "\($0.pointer ?? "") \($0.expected ?? "") \($0.actual ?? "")" } ?? "")")
        }
    }

    static func reversingMembers(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return .object(members.reversed().map { JSONMember($0.key, reversingMembers($0.value)) })
        case .array(let items): return .array(items.map(reversingMembers))
        default: return value
        }
    }

    @Test func byteEqualDocumentsAreCheckedToBeWellFormed() throws {
        let folder = try TestSupport.temporaryFolder("json-equal")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (a, b, c) = (folder + "/a.json", folder + "/b.json", folder + "/c.json")
        try TestSupport.write(#"{"a": [1, 2], "b": "x"}"#, to: a)
        try TestSupport.write(#"{"a": [1, 2], "b": "x"}"#, to: b)
        try TestSupport.write(#"{"a": [1, 3], "b": "x"}"#, to: c)
        #expect(try ByteEqualDocument.check(expected: a, actual: b))
        #expect(try !ByteEqualDocument.check(expected: a, actual: c))
        let same = try JSONComparator.compare(expected: a, actual: b, options: CompareOptions())
        #expect(same.equal && same.rowsCompared == 1)
        let differing = try JSONComparator.compare(expected: a, actual: c, options: CompareOptions())
        #expect(differing.differingRows == 1 && differing.diffs.map(\.pointer) == ["/a/1"])
        // Malformed and byte-equal: exit 2 with the scanner's location, as for any malformed file.
        try TestSupport.write("{\n  \"a\": [1, 2}", to: b)
        try TestSupport.write("{\n  \"a\": [1, 2}", to: c)
        #expect(try !ByteEqualDocument.check(expected: b, actual: c))
        do {
            _ = try JSONComparator.compare(expected: b, actual: c, options: CompareOptions())
            Issue.record("expected an error")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("b.json:2:13: error: unexpected '}', expected ',' or ']'"))
        }
    }
}
