/// Checks a JSON document, or each record of a JSON Lines file, against a JSON Schema
/// (draft 2020-12): the JSON half of `harness validate` and of `harness run`'s contracts.
///
/// Violations are `schema-error`s: one per failing leaf assertion (a missing required
/// property, a value out of range, a failing anyOf as a whole), with the instance's JSON
/// Pointer as `field` and, for JSON Lines, the line number as `row`.
public enum JSONSchemaValidator {
    /// - Throws: `HarnessError` when the schema is invalid or unsupported (a misspelt
    ///   keyword, a bad regex, a remote reference), or the data cannot be read or parsed.
    /// - Returns: complete counts and the first `options.maxErrors` violations.
    public static func validate(data: String, schema: JSONValue, schemaPath: String, options: ValidateOptions) throws -> ValidationReport {
        try rejectTableSchema(schema, schemaPath: schemaPath)
        let compiled = try JSONSchema(schema, path: schemaPath)
        let format = DiffReport.Format(extensionOf: data)
        if format?.contractKind == .tableSchema {
            throw HarnessError.usage("\(data) is a table, but \(schemaPath) is a JSON Schema, which checks JSON data",
                                     hint: "describe CSV files with a Table Schema or a Tabular Data Resource")
        }
        let collector = FailureCollector(maxSamples: max(0, options.maxErrors))
        var report = ValidationReport(dataPath: data, contractPath: schemaPath)
        if format?.shape == .records {
            try JSONLineReader.forEachLine(in: data) { lineNumber, bytes in
                let record = try JSONParser.parse(bytes, path: data, lineNumber: lineNumber)
                collector.row = lineNumber
                try compiled.validate(record, into: collector)
                report.rowsChecked += 1
            }
        } else {
            try compiled.validate(JSONParser.parse(fileAt: data), into: collector)
            report.rowsChecked = 1
        }
        if collector.count > 0 { report.counts[ViolationType.schemaError.rawValue] = collector.count }
        report.errors = collector.samples.map(violation)
        return report
    }

    /// A Table Schema or Data Resource given for JSON data would read as a JSON Schema of
    /// unknown keywords only, which accepts everything: refuse it instead.
    static func rejectTableSchema(_ schema: JSONValue, schemaPath: String) throws {
        guard case .object(let members) = schema, schema["$schema"] == nil else { return }
        let keys = Set(members.map(\.key))
        guard keys.isDisjoint(with: SchemaVocabulary.allKeywords),
              let member = members.first(where: { ["fields", "resources", "schema"].contains($0.key) }) else { return }
        throw HarnessError.invalid(SourceLocation(path: schemaPath), message: "\(schemaPath) looks like a Table Schema or Data Resource (it has \"\(member.key)\" and no JSON Schema keyword), which describes CSV tables, not JSON data",
                                   hint: "check JSON data with a JSON Schema (\"$schema\": \"\(SchemaRegistry.draft202012)\")")
    }

    static func violation(_ failure: SchemaFailure) -> ContractViolation {
        ContractViolation(type: .schemaError, row: failure.row, field: failure.pointer,
                          message: failure.message, cell: failure.value.preview(limit: 80))
    }
}
