/// `harness describe`: drafts a contract from a data file, streaming.
public enum DataDescriber {
    /// A Tabular Data Resource for CSV (and TSV), a JSON Schema 2020-12 for `.json`,
    /// `.jsonl` and `.ndjson`.
    /// - Throws: `HarnessError` when the file cannot be read or is malformed.
    public static func describe(path: String, options: DescribeOptions = DescribeOptions()) throws -> DataDescription {
        guard FileBytes.exists(path) else {
            throw HarnessError.io(path: path, reason: "no such file", hint: "give the path of a CSV, JSON or JSON Lines file")
        }
        if FileBytes.isDirectory(path) {
            throw HarnessError.io(path: path, reason: "is a folder, expected a file")
        }
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            return try JSONDescriber.describe(path: path, lines: true, options: options)
        }
        if lower.hasSuffix(".json") || lower.hasSuffix(".geojson") {
            return try JSONDescriber.describe(path: path, lines: false, options: options)
        }
        return try TableDescriber.describe(path: path, options: options)
    }
}
