/// One field of a Table Schema, compiled for checking cells.
struct TableField: Sendable {
    var name: String
    var caster: CellCaster
    var constraints = FieldConstraints()
    /// Texts that mean null for this field (the field's `missingValues`, else the schema's).
    var missingValues: [[UInt8]] = [[]]
    var quality: [QualityRule] = []
    /// Severity per check: a constraint name or "type"; absent means error.
    var severities: [String: ContractViolation.Severity] = [:]

    var type: FieldType { caster.type }

    /// `missingValues` (and the dialect's `nullSequence`), compiled by the checker.
    var missing = TextSet([[]])

    /// Whether the cell's raw text is one of the missing values.
    @inline(__always)
    func isMissing(_ bytes: ByteRun) -> Bool {
        missing.contains(bytes)
    }

    func severity(of check: String) -> ContractViolation.Severity {
        severities[check] ?? .error
    }
}

/// How the schema's fields map onto the data's columns (Table Schema v2 `fieldsMatch`).
enum FieldsMatch: String, CaseIterable, Sendable {
    case exact, equal, subset, superset, partial
}

/// A Table Schema, compiled.
struct TableSchema: Sendable {
    var fields: [TableField] = []
    var fieldsMatch = FieldsMatch.exact
    /// Indices into `fields`.
    var primaryKey: [Int] = []
    var uniqueKeys: [[Int]] = []
    /// Self-referencing foreign keys: (fields, referenced fields), indices into `fields`.
    var foreignKeys: [(fields: [Int], reference: [Int])] = []

    var hasKeys: Bool { !primaryKey.isEmpty || !uniqueKeys.isEmpty || !foreignKeys.isEmpty }
}

/// A whole contract for a CSV file: schema, dialect and our `contract:*` extensions.
struct TableContract: Sendable {
    var schema = TableSchema()
    var dialect = TableDialect()
    var rowCount: CountRule?
    var rowCountSeverity = ContractViolation.Severity.error
    /// The resource's declared size in bytes (`bytes`), checked at the end as frictionless does.
    var bytes: Int?
    /// Severity per error type (`contract:severity` at schema or resource level).
    var severities: [String: ContractViolation.Severity] = [:]

    func severity(of type: ViolationType) -> ContractViolation.Severity {
        severities[type.rawValue] ?? .error
    }
}
