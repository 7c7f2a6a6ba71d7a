/// Placeholder until Table Schema validation lands (issue 4).
public enum TableSchemaValidator {
    public static func validate(data: String, contract: JSONValue, contractPath: String, options: ValidateOptions) throws -> ValidationReport {
        throw HarnessError.usage("Table Schema validation is not available in this build yet")
    }
}
