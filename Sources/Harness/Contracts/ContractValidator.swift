import Foundation

/// Checks a data file against a contract: a Tabular Data Resource or Table Schema for CSV,
/// a JSON Schema (draft 2020-12) for JSON. The entry point for `harness validate` and the
/// contract checks of `harness run`.
public enum ContractValidator {
    /// - Throws: `HarnessError` when the data or the contract cannot be read, or the
    ///   contract declares something unsupported or invalid.
    /// - Returns: the complete counts and first violations; invalid data is not an error.
    public static func validate(data: String, contract: String, options: ValidateOptions) throws -> ValidationReport {
        let started = Date()
        let document = try JSONParser.parse(fileAt: contract)
        var report: ValidationReport
        if isJSONSchema(document, dataPath: data) {
            report = try JSONSchemaValidator.validate(data: data, schema: document, schemaPath: contract, options: options)
        } else {
            report = try TableSchemaValidator.validate(data: data, contract: document, contractPath: contract, options: options)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Reads and compiles `contract` for data at `dataPath` without reading any data, so
    /// `harness run` can refuse a broken contract before it runs anything.
    /// - Throws: `HarnessError` (`.many` when the contract has several problems) for a
    ///   contract that cannot be read, is invalid, or does not fit the data's format.
    public static func check(contract: String, dataPath: String) throws {
        let document = try JSONParser.parse(fileAt: contract)
        if isJSONSchema(document, dataPath: dataPath) {
            try JSONSchemaValidator.rejectTableSchema(document, schemaPath: contract)
            _ = try JSONSchema(document, path: contract)
            let lower = dataPath.lowercased()
            if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") {
                throw HarnessError.invalid(SourceLocation(path: contract), message: "\(contract) is a JSON Schema, which checks JSON data, but the output \"\(dataPath)\" is a table",
                                           hint: "describe CSV files with a Table Schema or a Tabular Data Resource")
            }
        } else {
            _ = try TableContractLoader.load(document, path: contract)
        }
    }

    /// A contract is a JSON Schema when it says so (`$schema`), or when the data is JSON
    /// (a Table Schema describes tables, and JSON documents are not tables).
    static func isJSONSchema(_ contract: JSONValue, dataPath: String) -> Bool {
        if let schema = contract["$schema"]?.stringValue, schema.contains("json-schema.org") { return true }
        if case .bool = contract { return true }
        return DiffReport.Format(extensionOf: dataPath)?.contractKind == .jsonSchema
    }
}
