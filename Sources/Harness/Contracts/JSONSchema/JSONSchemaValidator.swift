/// Placeholder until JSON Schema validation lands (issue 4).
public enum JSONSchemaValidator {
    public static func validate(data: String, schema: JSONValue, schemaPath: String, options: ValidateOptions) throws -> ValidationReport {
        throw HarnessError.usage("JSON Schema validation is not available in this build yet")
    }
}
