import Foundation

/// Checks a data file against a contract: a Tabular Data Resource or Table Schema for CSV,
/// a JSON Schema (draft 2020-12) for JSON. The entry point for `harness validate` and the
/// contract checks of `harness run`.
public enum ContractValidator {
    /// - Throws: `HarnessError` when the data or the contract cannot be read, or the
    ///   contract declares something unsupported or invalid.
    /// - Returns: the complete counts and first violations; invalid data is not an error.
    public static func validate(data: String, contract: String, options: ValidateOptions) throws -> ValidationReport {
        throw HarnessError.usage("contract validation is not available in this build yet")
    }
}
