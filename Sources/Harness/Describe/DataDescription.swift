/// What `harness describe` found: the drafted contract, and the facts `harness init`
/// proposes keys from.
public struct DataDescription: Sendable {
    /// A Tabular Data Resource (CSV) or a JSON Schema 2020-12 (JSON, JSON Lines).
    public var contract: JSONValue
    /// Rows (CSV, header excluded) or records (JSON Lines; 1 for a JSON document).
    public var rows: Int
    /// CSV fields in header order (empty for JSON).
    public var fields: [FieldSummary]
    public var notes: [DescribeNote]

    /// One CSV field as inferred.
    public struct FieldSummary: Sendable, Equatable {
        public var name: String
        public var type: String
        public var required: Bool
        public var unique: Bool
    }
}
