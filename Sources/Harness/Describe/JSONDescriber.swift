/// Drafts a JSON Schema (draft 2020-12) from a JSON document or a JSON Lines file (one
/// schema every record satisfies). JSON Lines is read line by line; a JSON document is
/// parsed whole, so its memory is the document's.
enum JSONDescriber {
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// - Throws: `HarnessError.io` for an unreadable file, `.malformed` with the line for
    ///   broken JSON.
    static func describe(path: String, lines: Bool, options: DescribeOptions) throws -> DataDescription {
        var shape = JSONShape()
        var records = 0
        if lines {
            try JSONLineReader.forEachLine(in: path) { number, bytes in
                shape.merge(try JSONParser.parse(bytes, path: path, lineNumber: number), enumLimit: options.enumLimit)
                records += 1
            }
        } else {
            shape.merge(try JSONParser.parse(fileAt: path), enumLimit: options.enumLimit)
            records = 1
        }
        guard case .object(let body) = shape.schema(options: options) else { preconditionFailure("a shape's schema is an object") }
        let contract = JSONValue.object([JSONMember("$schema", .string(dialect))] + body)
        return DataDescription(contract: contract, rows: records, fields: [], notes: [])
    }
}
