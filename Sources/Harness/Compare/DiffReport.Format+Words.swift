/// What each format calls its parts, declared once per format. Every report, check message
/// and renderer takes its words from here, and every switch is exhaustive, so a new format
/// (Parquet is next) is a new case the compiler walks through, one word at a time, instead
/// of a ternary elsewhere that compiles and prints the wrong word.
extension DiffReport.Format {
    /// The file extensions that name the format, lower case. A path with none of them is
    /// read as CSV by `harness diff`, and is refused a JSON Schema by `harness validate`
    /// only when it names a table.
    var extensions: [String] {
        switch self {
        case .csv: [".csv", ".tsv", ".txt"]
        case .json: [".json"]
        case .jsonl: [".jsonl", ".ndjson"]
        }
    }

    /// The format `path`'s extension names (case-insensitively), or nil.
    init?(extensionOf path: String) {
        let lower = path.lowercased()
        guard let format = Self.allCases.first(where: { $0.extensions.contains(where: lower.hasSuffix) }) else { return nil }
        self = format
    }

    /// The format's name in a sentence: "CSV", "a JSON document", "JSON Lines".
    var displayName: String {
        switch self {
        case .csv: "CSV"
        case .json: "a JSON document"
        case .jsonl: "JSON Lines"
        }
    }

    /// What `rowsCompared` counts: "3 rows compared", "1 document".
    var unit: String {
        switch self {
        case .csv: "row"
        case .jsonl: "record"
        case .json: "document"
        }
    }

    /// What a differing, missing or extra unit is called in counts ("2 differing records"):
    /// a JSON document's parts are counted as records, as its reports always did.
    var recordWord: String {
        switch self {
        case .csv: "row"
        case .json, .jsonl: "record"
        }
    }

    /// One compared value: a cell of a table, a value of a JSON document.
    var valueWord: String {
        switch self {
        case .csv: "cell"
        case .json, .jsonl: "value"
        }
    }

    /// Where a value sits: a column, or a JSON Pointer.
    var placeWord: String {
        switch self {
        case .csv: "column"
        case .json, .jsonl: "pointer"
        }
    }

    /// How a difference's position reads: "row 4" of a table, "line 4" of a JSON file.
    var positionWord: String {
        switch self {
        case .csv: "row"
        case .json, .jsonl: "line"
        }
    }
}
