/// What differs between formats beyond their words: how their values are laid out, located,
/// keyed and described by a contract, declared once per format with exhaustive switches. A
/// comparator, a config check or a renderer branches on these, never on a format by name,
/// so a new format (Parquet is next) is a case added here and in the few switches the
/// compiler then names.
extension DiffReport.Format {
    /// How the values of a file are laid out.
    enum Shape {
        /// Rows of named columns (CSV): values are located by column.
        case table
        /// One JSON document: values are located by JSON Pointer, the file is one unit.
        case document
        /// One JSON record per line: values located by JSON Pointer, a line is a unit.
        case records
    }

    var shape: Shape {
        switch self {
        case .csv: .table
        case .json: .document
        case .jsonl: .records
        }
    }

    /// How `ignore`, per-column tolerances and masks name a value.
    enum Place {
        /// A column name from the header, e.g. `revenue`.
        case column
        /// A JSON Pointer pattern, e.g. `/runs/*/revenue`.
        case pointer
    }

    var place: Place {
        switch shape {
        case .table: .column
        case .document, .records: .pointer
        }
    }

    /// What `key` matches units by, if anything.
    enum KeyKind {
        /// Columns of the table.
        case columns
        /// Top-level member names of each record.
        case topLevelMembers
        /// Nothing: the file is compared as one structure.
        case none
    }

    var keyKind: KeyKind {
        switch shape {
        case .table: .columns
        case .records: .topLevelMembers
        case .document: .none
        }
    }

    /// The contract language that describes the format's data.
    enum ContractKind {
        case tableSchema
        case jsonSchema
    }

    var contractKind: ContractKind {
        switch shape {
        case .table: .tableSchema
        case .document, .records: .jsonSchema
        }
    }

    /// What differences are grouped by in a report: "column", "location".
    var locationWord: String {
        switch place {
        case .column: "column"
        case .pointer: "location"
        }
    }

    /// The format of a path whose extension names none (`data.txt`, `out`): CSV.
    static var assumed: Self { .csv }

    /// The format's short name: "CSV", "JSON", "JSON Lines".
    var shortName: String {
        switch self {
        case .csv: "CSV"
        case .json: "JSON"
        case .jsonl: "JSON Lines"
        }
    }
}
