import Foundation
import Testing
@testable import Harness

/// frictionless-py's own data files, checked against the verdicts frictionless gives for
/// them. Each case names the frictionless-py test (in `frictionless/**/__spec__/`) whose
/// assertion it reproduces. Where frictionless infers a schema, the contract here writes
/// out the schema it infers (integer ids, string names, `fieldN` for blank labels).
@Suite("Table Schema conformance with frictionless-py", .needsCorpus("frictionless-data"))
struct TableSchemaConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// The frictionless-py test the verdict comes from.
        var source: String
        var data: String
        /// Inline contract JSON, or `@name.json` for a file of the corpus.
        var contract: String
        /// (row, type) in report order; nil row for header and file-level errors.
        var expected: [Pair]
        /// frictionless's `limit_errors`: only the first N are compared.
        var limit: Int? = nil
        var testDescription: String { "\(data) (\(source))" }
    }

    struct Pair: Equatable, Sendable, CustomStringConvertible {
        var row: Int?
        var type: String
        init(_ row: Int?, _ type: String) { self.row = row; self.type = type }
        var description: String { "[\(row.map(String.init) ?? "None"), \(type)]" }
    }

    static let idName = #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}"#
    static let idNameAge = #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "age", "type": "integer"}]}"#

    static let cases: [Case] = [
        Case(source: "test_resource_validate_invalid_table", data: "invalid.csv",
             contract: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "field3", "type": "integer"}, {"name": "name2", "type": "integer"}]}"#,
             expected: [Pair(nil, "blank-label"), Pair(nil, "duplicate-label"), Pair(2, "missing-cell"), Pair(2, "missing-cell"),
                        Pair(3, "missing-cell"), Pair(3, "missing-cell"), Pair(4, "blank-row"), Pair(5, "extra-cell")]),
        Case(source: "test_resource_validate_invalid_limit_errors", data: "invalid.csv",
             contract: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "field3", "type": "integer"}, {"name": "name2", "type": "integer"}]}"#,
             expected: [Pair(nil, "blank-label"), Pair(nil, "duplicate-label"), Pair(2, "missing-cell")], limit: 3),
        Case(source: "test_resource_validate_blank_headers", data: "blank-headers.csv",
             contract: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "field2", "type": "string"}, {"name": "age", "type": "integer"}]}"#,
             expected: [Pair(nil, "blank-label")]),
        Case(source: "test_resource_validate_duplicate_headers", data: "duplicate-headers.csv",
             contract: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "id2", "type": "integer"}, {"name": "age", "type": "integer"}, {"name": "id3", "type": "string"}]}"#,
             expected: [Pair(nil, "duplicate-label"), Pair(nil, "duplicate-label")]),
        Case(source: "test_resource_validate_defective_rows", data: "defective-rows.csv", contract: idNameAge,
             expected: [Pair(2, "missing-cell"), Pair(3, "extra-cell")]),
        Case(source: "test_resource_validate_blank_rows", data: "blank-rows.csv", contract: idNameAge,
             expected: [Pair(4, "blank-row")]),
        Case(source: "test_resource_validate_blank_rows_multiple", data: "blank-rows-multiple.csv", contract: idNameAge,
             expected: (4...14).map { Pair($0, "blank-row") }),
        Case(source: "test_resource_validate_blank_cell_not_required", data: "blank-cells.csv", contract: idName, expected: []),
        Case(source: "test_resource_validate_no_rows", data: "without-rows.csv", contract: idName, expected: []),
        Case(source: "test_resource_validate_no_data", data: "empty.csv", contract: idName, expected: [Pair(nil, "source-error")]),
        Case(source: "test_resource_validate_structure_errors_with_limit_errors", data: "structure-errors.csv", contract: idNameAge,
             expected: [Pair(4, "blank-row"), Pair(5, "extra-cell"), Pair(5, "extra-cell")], limit: 3),
        Case(source: "test_resource_validate (table.csv valid)", data: "table.csv", contract: "@schema.json", expected: []),
        Case(source: "test_resource_validate_schema_extra_headers_and_cells", data: "table.csv",
             contract: #"{"fields": [{"name": "id", "type": "integer"}]}"#,
             expected: [Pair(nil, "extra-label"), Pair(2, "extra-cell"), Pair(3, "extra-cell")]),
        Case(source: "test_resource_validate_schema_multiple_errors (pick #row, limit 3)", data: "schema-errors.csv", contract: "@schema-valid.json",
             expected: [Pair(4, "type-error"), Pair(4, "constraint-error"), Pair(4, "constraint-error")], limit: 3),
        Case(source: "test_resource_validate_schema_primary_key_and_unique_error", data: "unique-field.csv", contract: "@unique-field.json",
             expected: [Pair(10, "unique-error"), Pair(10, "primary-key")]),
        Case(source: "test_resource_validate_schema_foreign_key_error_self_referencing", data: "nested.csv",
             contract: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "cat", "type": "integer"}, {"name": "name", "type": "string"}], "foreignKeys": [{"fields": "cat", "reference": {"resource": "", "fields": "id"}}]}"#,
             expected: []),
        Case(source: "test_resource_validate_schema_foreign_key_error_self_referencing_invalid", data: "nested-invalid.csv",
             contract: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "cat", "type": "integer"}, {"name": "name", "type": "string"}], "foreignKeys": [{"fields": "cat", "reference": {"resource": "", "fields": "id"}}]}"#,
             expected: [Pair(6, "foreign-key")]),
        Case(source: "test_resource_validate_less_actual_fields_with_required_constraint_issue_950", data: "table.csv",
             contract: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "bad", "type": "any", "constraints": {"required": true}}]}"#,
             expected: [Pair(nil, "missing-label"), Pair(2, "constraint-error"), Pair(2, "missing-cell"), Pair(3, "constraint-error"), Pair(3, "missing-cell")]),
        Case(source: "test_resource_validate_detector_sync_schema (schema_sync = fieldsMatch partial)", data: "sync-schema.csv",
             contract: #"{"fieldsMatch": "partial", "fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}"#,
             expected: []),
        Case(source: "test_resource_validate_stats_bytes", data: "table.csv",
             contract: #"{"name": "name", "bytes": 30, "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}}"#,
             expected: []),
        Case(source: "test_resource_validate_stats_bytes_invalid", data: "table.csv",
             contract: #"{"name": "name", "bytes": 40, "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}}"#,
             expected: [Pair(nil, "byte-count")]),
        Case(source: "test_validate_resource_ignoring_header_case_issue_1635 (case-insensitive labels are incorrect by default)",
             data: "table.csv", contract: #"{"fields": [{"name": "ID", "type": "integer"}, {"name": "name", "type": "string"}]}"#,
             expected: [Pair(nil, "incorrect-label")]),
    ]

    static func contractPath(_ text: String, in folder: String) throws -> String {
        if text.hasPrefix("@") { return TestSupport.corpora + "/frictionless-data/data/" + text.dropFirst() }
        let path = folder + "/contract-\(UUID().uuidString.prefix(6)).json"
        try TestSupport.write(text, to: path)
        return path
    }

    @Test(arguments: cases)
    func verdictMatchesFrictionless(_ item: Case) throws {
        let folder = try TestSupport.temporaryFolder("conformance")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let contract = try Self.contractPath(item.contract, in: folder)
        let data = TestSupport.corpora + "/frictionless-data/data/" + item.data
        let report = try ContractValidator.validate(data: data, contract: contract, options: ValidateOptions(maxErrors: 1000))
        let got = report.errors.map { Pair($0.row, $0.type.rawValue) }
        if let limit = item.limit {
            #expect(Array(got.prefix(limit)) == item.expected)
        } else {
            #expect(got == item.expected)
            #expect(report.errorCount == item.expected.count)
            #expect(report.valid == item.expected.isEmpty)
        }
    }

    /// test_report_reporttask_summary_errors_with_count: frictionless counts 5 errors in
    /// capital-invalid.csv, one of each of these types.
    @Test func capitalInvalidCountsMatchFrictionless() throws {
        let folder = try TestSupport.temporaryFolder("conformance")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let contract = try Self.contractPath(#"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "name2", "type": "string"}]}"#, in: folder)
        let report = try ContractValidator.validate(data: TestSupport.corpora + "/frictionless-data/data/capital-invalid.csv",
                                                    contract: contract, options: ValidateOptions())
        #expect(report.counts == ["duplicate-label": 1, "missing-cell": 1, "blank-row": 1, "type-error": 1, "extra-cell": 1])
        #expect(report.errors.map { Pair($0.row, $0.type.rawValue) } == [Pair(nil, "duplicate-label"), Pair(10, "missing-cell"),
                                                                Pair(11, "blank-row"), Pair(12, "type-error"), Pair(12, "extra-cell")])
    }

    /// test_resource_validate_duplicate_labels_with_sync_schema_issue_910: mapping columns
    /// by name over a header that repeats a label is refused, not guessed.
    @Test func duplicateLabelsWithNameMatchingAreRefused() throws {
        let folder = try TestSupport.temporaryFolder("conformance")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var schema = try String(contentsOfFile: TestSupport.corpora + "/frictionless-data/data/duplicate-column-schema.json", encoding: .utf8)
        schema = schema.replacingOccurrences(of: "\"fields\"", with: "\"fieldsMatch\": \"subset\", \"fields\"")
        let contract = try Self.contractPath(schema, in: folder)
        #expect(throws: HarnessError.self) {
            _ = try ContractValidator.validate(data: TestSupport.corpora + "/frictionless-data/data/duplicate-column.csv",
                                               contract: contract, options: ValidateOptions())
        }
    }
}
