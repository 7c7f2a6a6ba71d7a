import Foundation
import Testing
@testable import Harness

/// Semantics a user relies on: what is checked when, complete counts, our extensions.
@Suite("Table Schema validation")
struct TableSchemaValidatorTests {
    /// Validates `csv` against `contract` in a fresh folder.
    static func validate(_ csv: String, _ contract: String, maxErrors: Int = 1000) throws -> ValidationReport {
        let folder = try TestSupport.temporaryFolder("table")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(csv, to: folder + "/data.csv")
        try TestSupport.write(contract, to: folder + "/contract.json")
        return try ContractValidator.validate(data: folder + "/data.csv", contract: folder + "/contract.json",
                                              options: ValidateOptions(maxErrors: maxErrors))
    }

    static func pairs(_ report: ValidationReport) -> [String] {
        report.errors.map { "\($0.row.map(String.init) ?? "-") \($0.field ?? "-") \($0.type)" }
    }

    /// Counts read as words: "1 label", "1 cell", "1 row checked".
    @Test func countsOfOneAreSingular() throws {
        let report = try Self.validate("a\n1\n", #"{"fields": [{"name": "a", "type": "integer"}, {"name": "b"}]}"#)
        #expect(report.errors.map(\.message) == ["field \"b\" has no column: the header has 1 label",
                                                  "the row has 1 cell; field \"b\" (column 2) has none"])
        #expect(HTMLRenderer.render(validation: report).contains("in 1 row<"))
    }

    @Test func nullSkipsEveryConstraintButRequiredAndTypeErrorSkipsConstraints() throws {
        let report = try Self.validate("a,b\n,5\nx,5\n7,\n", #"""
            {"fields": [{"name": "a", "type": "integer", "constraints": {"minimum": 10, "enum": [1, 2]}},
                        {"name": "b", "type": "integer", "constraints": {"required": true, "maximum": 6}}]}
            """#)
        #expect(Self.pairs(report) == ["3 a type-error", "4 a constraint-error", "4 a constraint-error", "4 b constraint-error"])
        #expect(report.errors[3].message == "a value is required")
    }

    @Test func boundsOfAnIntegerFieldHoldBeyondSixtyFourBits() throws {
        let report = try Self.validate("n\n5\n99999999999999999999\n-99999999999999999999\n10\n", #"""
            {"fields": [{"name": "n", "type": "integer", "constraints": {"minimum": 0, "maximum": 10}}]}
            """#)
        #expect(Self.pairs(report) == ["3 n constraint-error", "4 n constraint-error"])
        #expect(report.errors.map(\.message) == ["greater than maximum 10", "less than minimum 0"])
        let exclusive = try Self.validate("n\n99999999999999999999\n99999999999999999998\n", #"""
            {"fields": [{"name": "n", "type": "integer", "constraints": {"exclusiveMaximum": 99999999999999999999}}]}
            """#)
        #expect(Self.pairs(exclusive) == ["2 n constraint-error"])
    }

    @Test func missingValuesAreMatchedOnRawTextWithFieldOverridingSchema() throws {
        let report = try Self.validate("a,b\nNA,NA\n-,-\n", #"""
            {"missingValues": ["NA"], "fields": [{"name": "a", "type": "integer"},
             {"name": "b", "type": "integer", "missingValues": ["-"]}]}
            """#)
        // "NA" is null for a only; "-" is null for b only.
        #expect(Self.pairs(report) == ["2 b type-error", "3 a type-error"])
    }

    @Test func countsStayCompleteWhenSamplesAreCapped() throws {
        var csv = "id,v\n"
        for index in 0..<500 { csv += "\(index),\(index % 2 == 0 ? "x" : "-5")\n" }
        let report = try Self.validate(csv, #"""
            {"fields": [{"name": "id", "type": "integer"}, {"name": "v", "type": "integer", "constraints": {"minimum": 0}}],
             "contract:rowCount": {"mustBeLessThan": 100}}
            """#, maxErrors: 3)
        #expect(report.counts == ["type-error": 250, "constraint-error": 250, "row-count": 1])
        #expect(report.errors.count == 3)
        #expect(report.rowsChecked == 500)
    }

    @Test func uniquenessComparesLogicalValues() throws {
        let report = try Self.validate("n,s\n1,a\n1.0,b\n2,A\n2e0,a\n,\n,\n", #"""
            {"fields": [{"name": "n", "type": "number", "constraints": {"unique": true}},
                        {"name": "s", "type": "string", "constraints": {"unique": true}}]}
            """#)
        // 1 = 1.0 and 2 = 2e0 as numbers; "A" differs from "a"; nulls are never duplicates.
        #expect(Self.pairs(report) == ["3 n unique-error", "5 n unique-error", "5 s unique-error", "6 - blank-row", "7 - blank-row"])
    }

    @Test func uniqueIntegersInsideAndOutsideTheDenseWindow() throws {
        // 1..3000 fall in the bitmap window; the huge and negative ones in the hash set.
        var csv = "id\n"
        for id in 1...3000 { csv += "\(id)\n" }
        csv += "9000000000000000000\n-7\n+2999\n9000000000000000000\n-7\n1\n"
        let report = try Self.validate(csv, #"{"fields": [{"name": "id", "type": "integer", "constraints": {"unique": true}}]}"#)
        #expect(Self.pairs(report) == ["3004 id unique-error", "3005 id unique-error", "3006 id unique-error", "3007 id unique-error"])
    }

    @Test func primaryAndUniqueKeysOverSeveralFields() throws {
        let report = try Self.validate("a,b,c\n1,x,p\n1,y,p\n1,x,q\n2,,q\n3,,q\n", #"""
            {"fields": [{"name": "a", "type": "integer"}, {"name": "b"}, {"name": "c"}],
             "primaryKey": ["a", "b"], "uniqueKeys": [["b", "c"]]}
            """#)
        #expect(Self.pairs(report) == ["4 a,b primary-key", "5 a,b primary-key", "6 a,b primary-key"])
        #expect(report.errors[0].message.contains("repeats an earlier row"))
        #expect(report.errors[1].message.contains("null"))
    }

    @Test func qualityRulesAndWarnings() throws {
        let report = try Self.validate("id,score,code\n1,,A1\n2,,zz\n3,5,A3\n4,,A4\n", #"""
            {"fields": [
              {"name": "id", "type": "integer"},
              {"name": "score", "type": "number",
               "contract:quality": [{"metric": "nullValues", "mustBeLessThan": 50, "unit": "percent"},
                                    {"metric": "missingValues", "mustBeLessOrEqualTo": 1, "severity": "warning"}]},
              {"name": "code", "type": "string", "constraints": {"pattern": "A[0-9]"}, "contract:severity": {"pattern": "warning"},
               "contract:quality": [{"metric": "invalidValues", "mustBe": 0, "severity": "warning"}]}],
             "contract:rowCount": {"mustBeBetween": [1, 10]}}
            """#)
        #expect(report.counts == ["quality": 1])
        #expect(report.warningCounts == ["constraint-error": 1, "quality": 2])
        #expect(!report.valid)
        let quality = try #require(report.errors.first { $0.type == .quality && $0.severity == .error })
        #expect(quality.field == "score" && quality.message == "nullValues is 75% (3 of 4 rows); must be less than 50 percent")
    }

    @Test func warningsAloneLeaveTheFileValid() throws {
        let report = try Self.validate("a\n1\n1\n", #"""
            {"fields": [{"name": "a", "type": "integer", "constraints": {"unique": true}, "contract:severity": "warning"}]}
            """#)
        #expect(report.valid)
        #expect(report.warningCounts == ["unique-error": 1])
    }

    @Test func fieldsMatchModes() throws {
        let fields = #"[{"name": "a", "type": "integer"}, {"name": "b", "type": "integer", "constraints": {"required": true}}, {"name": "c"}]"#
        func check(_ mode: String, _ csv: String) throws -> [String] {
            try Self.pairs(Self.validate(csv, #"{"fieldsMatch": ""# + mode + #"", "fields": "# + fields + "}"))
        }
        #expect(try check("equal", "c,b,a\n1,2,3\n") == [])
        #expect(try check("equal", "b,a\n1,2\n") == ["- c missing-label"])
        #expect(try check("subset", "z,c,b,a\nq,1,2,3\n") == [])
        #expect(try check("subset", "b,a\n1,2\n") == ["- c missing-label"])
        #expect(try check("superset", "b,a\n1,2\n") == [])
        #expect(try check("superset", "b,z\n1,2\n") == ["- - extra-label"])
        #expect(try check("partial", "a,z\n1,2\n") == ["- b missing-label"])
        #expect(try check("exact", "a,c,b\n1,2,3\n") == ["- b incorrect-label", "- c incorrect-label"])
        // By name, values are checked under the right field whatever the column order.
        #expect(try check("equal", "b,c,a\nx,1,2\n") == ["2 b type-error"])
    }

    @Test func dialectOptionsShapeTheRows() throws {
        let report = try Self.validate("# produced by a tool\nskip me\nid;name\n1;'a;b'\n#2;x\n3;\\N\n", #"""
            {"schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "constraints": {"required": true}}]},
             "dialect": {"delimiter": ";", "quoteChar": "'", "commentChar": "#", "headerRows": [3], "nullSequence": "\\N"}}
            """#)
        #expect(Self.pairs(report) == ["6 name constraint-error"])
        #expect(report.rowsChecked == 2)
    }

    @Test func noHeaderReadsFieldsByPosition() throws {
        let report = try Self.validate("1,a\nx,b\n", #"""
            {"schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}, "dialect": {"header": false}}
            """#)
        #expect(Self.pairs(report) == ["2 id type-error"])
    }
}
