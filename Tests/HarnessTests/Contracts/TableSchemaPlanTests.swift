import Testing
@testable import Harness

/// The per-cell fast paths (plans) must report exactly what the general path (each field's
/// caster and constraints) reports: same counts, same violations in the same order. Cells
/// are drawn from edge cases of each planned kind: numbers at and around bounds, with 17-20
/// digits, signs and spaces; dates that are almost valid; enum members and near misses of
/// every length class; pattern matches and misses, with non-ASCII bytes.
@Suite("Table Schema plans")
struct TableSchemaPlanTests {
    static let contract = #"""
        {"fields": [
          {"name": "a", "type": "number", "constraints": {"minimum": 0.5, "maximum": 999}},
          {"name": "b", "type": "number", "constraints": {"exclusiveMinimum": -100, "exclusiveMaximum": 100}},
          {"name": "c", "type": "number", "constraints": {"minimum": 0, "maximum": 1, "required": true}},
          {"name": "d", "type": "integer", "constraints": {"minimum": -5, "maximum": 123456789012345678}},
          {"name": "e", "type": "number", "constraints": {"unique": true}},
          {"name": "f", "type": "date"},
          {"name": "g", "type": "string", "constraints": {"enum": ["books", "electronics", "a", "ab", "abc", "abcd", "abcdefgh",
                                                                   "abcdefghi", "abcdefghijklmnopq", "abcdefghijklmnopr"]}},
          {"name": "h", "type": "string", "constraints": {"pattern": "[a-z\"][a-z \",.]* [0-9]{1,2}", "maxLength": 12}},
          {"name": "i", "type": "integer", "constraints": {"unique": true}}]}
        """#

    static let numbers = ["0", "1", "-1", "0.5", "1.0", "1.0000000000000001", "0.9999999999999999", "0.99999999999999999",
                          "1e0", "-0", "-0.0", "00", "01", "0.", ".", "-", "+1", "999", "999.0000000001", "998.9999999999",
                          "0.49999999999999999", "0.5000000000000001", "1000", "-1000", "1000.00000000000001", "12345678.5",
                          "123456789012345678", "1234567890123456789", "12345678901234567890", "3.14159265358979323846",
                          "NaN", "inf", "-inf", " 1", "1 ", "1.2.3", "abc", "", "7", "100", "-100", "100.0",
                          "-100.00000000000001", "99.99999999999999", "1e-400", "1e400", ".5", "-.5", "0.25"]
    static let dates = ["2020-01-01", "2020-02-29", "2019-02-29", "2020-13-01", "2020-1-1", "2020-01-1", "2020-00-10",
                        "2020-12-32", "2020-12-31", "202-01-01", "2020/01/01", "2020-01-01 ", "2000-02-29", "1900-02-29", ""]
    static let words = ["books", "electronics", "a", "ab", "abc", "abcd", "abcdefgh", "abcdefghi", "abcdefghijklmnopq",
                        "abcdefghijklmnopr", "abcdefghijklmnops", "Books", "", "abcdefg", "abcdefghj", "élan", "abce"]
    static let texts = ["classic tiny 69", "\"q\" a 1", "a 1", "a 123", "a  1", "ab", "a b c 99", "é 1", "a, b 5", "zzz 00",
                        "", "abcdefghijk 1"]

    static func report(_ rows: [[String]], usesPlans: Bool) throws -> ([String: Int], [ContractViolation]) {
        let document = try JSONParser.parse(Array(contract.utf8), path: "contract.json")
        let compiled = try TableContractLoader.load(document, path: "contract.json")
        let checker = TableChecker(contract: compiled, maxErrors: 1_000_000, expectedRows: rows.count, usesPlans: usesPlans)
        try checker.checkHeader(["a", "b", "c", "d", "e", "f", "g", "h", "i"], contractPath: "contract.json")
        for (index, row) in rows.enumerated() { checker.checkRow(OwnedRecord(row), rowNumber: index + 2) }
        checker.finish(byteCount: 0)
        return (checker.log.counts, checker.log.samples)
    }

    @Test func plansReportWhatTheGeneralPathReports() throws {
        var generator = SystemRandomNumberGenerator()
        func any(_ list: [String]) -> String { list.randomElement(using: &generator) ?? "" }
        let rows = (0..<4000).map { _ in
            [any(Self.numbers), any(Self.numbers), any(Self.numbers), any(Self.numbers),
             Bool.random(using: &generator) ? any(Self.numbers) : String(Double(Int.random(in: 0...300, using: &generator)) / 10),
             any(Self.dates), any(Self.words), any(Self.texts), any(Self.numbers)]
        }
        let planned = try Self.report(rows, usesPlans: true)
        let general = try Self.report(rows, usesPlans: false)
        #expect(planned.0 == general.0)
        #expect(planned.1.count == general.1.count)
        for (fast, slow) in zip(planned.1, general.1) where fast != slow {
            Issue.record("planned \(fast) differs from general \(slow)")
            break
        }
        // The rows do break every kind of check, so the comparison is not vacuous.
        #expect(planned.1.contains { $0.type == .typeError } && planned.1.contains { $0.type == .constraintError }
                && planned.1.contains { $0.type == .uniqueError })
    }
}
