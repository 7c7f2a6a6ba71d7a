/// Drafts a JSON Schema (draft 2020-12) from a JSON document or a JSON Lines file (one
/// schema every record satisfies). JSON Lines is read line by line; a document that is one
/// top-level array element by element (`JSONArrayStream`), so memory is its largest element;
/// any other document is parsed whole.
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
            shape = try documentShape(path: path, enumLimit: options.enumLimit)
            records = 1
        }
        guard case .object(let body) = shape.schema(options: options) else { preconditionFailure("a shape's schema is an object") }
        let contract = JSONValue.object([JSONMember("$schema", .string(dialect))] + body)
        return DataDescription(contract: contract, rows: records, fields: [], notes: [])
    }

    /// The shape of a document: a top-level array streamed, as `merge` would shape it whole.
    static func documentShape(path: String, enumLimit: Int, chunkSize: Int = 1 << 20) throws -> JSONShape {
        var streamed = JSONShape()
        streamed.count = 1
        streamed.kinds = .array
        streamed.items = [JSONShape()]
        let outcome = try JSONArrayStream.forEachElement(path: path, chunkSize: chunkSize) { element in
            streamed.items[0].merge(element, enumLimit: enumLimit)
        }
        if outcome == .done { return streamed }
        var whole = JSONShape()
        whole.merge(try JSONParser.parse(fileAt: path), enumLimit: enumLimit)
        return whole
    }
}
