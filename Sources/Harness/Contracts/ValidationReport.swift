/// The result of checking a data file against a contract: complete counts per error type
/// and the first violations. Rendered by every reporter; `json` names are fixed by DESIGN.md.
public struct ValidationReport: Sendable, Equatable {
    public var dataPath: String
    public var contractPath: String
    /// Data rows checked (CSV) or 1 for a JSON document.
    public var rowsChecked = 0
    /// Error type (Frictionless names: `type-error`, `constraint-error`, …) → count,
    /// complete even when `errors` is capped. Warnings are counted in `warningCounts`.
    public var counts: [String: Int] = [:]
    public var warningCounts: [String: Int] = [:]
    /// The first violations (errors and warnings), in file order.
    public var errors: [ContractViolation] = []
    public var seconds: Double = 0

    public init(dataPath: String, contractPath: String) {
        self.dataPath = dataPath
        self.contractPath = contractPath
    }

    /// Total errors (warnings excluded).
    public var errorCount: Int { counts.values.reduce(0, +) }
    public var warningCount: Int { warningCounts.values.reduce(0, +) }
    public var valid: Bool { errorCount == 0 }
}

extension ValidationReport {
    /// What one checked unit of the data is called: a JSON document, a JSON Lines record,
    /// a CSV row.
    public var unit: String {
        (DiffReport.Format(extensionOf: dataPath) ?? .assumed).unit
    }
}

/// One broken rule in the data.
public struct ContractViolation: Sendable, Equatable {
    public enum Severity: String, Sendable, Equatable { case error, warning }

    /// Frictionless error type, or ours (`row-count`, `quality`, `schema-error`).
    public var type: ViolationType
    /// Row number, the header being row 1 (as frictionless counts); nil for file-level checks.
    public var row: Int?
    /// Field name; for JSON Schema, the instance's JSON Pointer.
    public var field: String?
    public var message: String
    /// The offending cell's text, when there is one.
    public var cell: String?
    public var severity: Severity

    public init(type: ViolationType, row: Int? = nil, field: String? = nil, message: String,
                cell: String? = nil, severity: Severity = .error) {
        self.type = type
        self.row = row
        self.field = field
        self.message = message
        self.cell = cell
        self.severity = severity
    }
}

extension ValidationReport {
    public var json: JSONValue {
        .object([
            "valid": .bool(valid),
            "data_path": .string(dataPath),
            "contract_path": .string(contractPath),
            "rows_checked": .int(rowsChecked),
            "error_count": .int(errorCount),
            "warning_count": .int(warningCount),
            "counts": .object(counts.sorted { $0.key < $1.key }.map { JSONMember($0.key, .int($0.value)) }),
            "warning_counts": .object(warningCounts.sorted { $0.key < $1.key }.map { JSONMember($0.key, .int($0.value)) }),
            "errors": .array(errors.map(\.json)),
            "duration_seconds": .double(seconds),
        ])
    }
}

extension ContractViolation {
    public var json: JSONValue {
        .object([
            "type": .string(type.rawValue),
            "row": row.map { .int($0) } ?? .null,
            "field": .optionalString(field),
            "message": .string(message),
            "cell": .optionalString(cell),
            "severity": .string(severity.rawValue),
        ])
    }
}
