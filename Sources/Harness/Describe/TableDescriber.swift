import Foundation

/// Drafts a Tabular Data Resource from a CSV file in one streaming pass.
enum TableDescriber {
    /// - Throws: `HarnessError.io` when the file cannot be read, `.malformed` for broken
    ///   CSV (with its line), `.invalid` for a file without a header.
    static func describe(path: String, options: DescribeOptions) throws -> DataDescription {
        let dialect = try sniffDialect(path)
        let reader = try CSVReader(path: path, dialect: dialect)
        guard !reader.header.isEmpty else {
            throw HarnessError.invalid(SourceLocation(path: path, line: 1), message: "no header row to describe",
                                       hint: "describe needs a CSV file whose first row names the columns")
        }
        var profiles = reader.header.map { ColumnProfile(name: $0) }
        let width = profiles.count
        var budget = options.uniqueBudget
        var rows = 0
        var ragged = 0
        var firstRaggedLine = 0
        let candidates = TypeCandidate.all
        try candidates.withUnsafeBufferPointer { buffer in
            // Never nil: `TypeCandidate.all` is not empty.
            let candidates = buffer.baseAddress.unsafelyUnwrapped
            while let record = try reader.next() {
                rows += 1
                // A blank row is a row of missing cells to the validator (and a null key).
                if record.fieldCount != width {
                    ragged += 1
                    if firstRaggedLine == 0 { firstRaggedLine = record.line }
                }
                let cells = min(record.fieldCount, width)
                for index in 0..<cells {
                    profiles[index].observe(UnsafeRawBufferPointer(record.field(index)), candidates: candidates, row: rows,
                                            enumLimit: options.enumLimit, budget: &budget)
                }
                if cells < width {
                    for index in cells..<width { profiles[index].missing += 1 }
                }
            }
        }
        var notes = profiles.compactMap { $0.note(options: options) }
        if ragged > 0 { notes.append(.ragged(rows: ragged, firstLine: firstRaggedLine)) }
        return DataDescription(contract: resource(path: path, dialect: dialect, profiles: profiles, options: options),
                               rows: rows, fields: profiles.map(\.summary), notes: notes)
    }

    static func resource(path: String, dialect: CSVDialect, profiles: [ColumnProfile], options: DescribeOptions) -> JSONValue {
        var schema: [JSONMember] = [JSONMember("fields", .array(profiles.map { $0.field(options: options) }))]
        if let key = profiles.first(where: { $0.isUnique && $0.isRequired && idLike($0.name) && !unnamedIndex($0.name) }) {
            schema.append(JSONMember("primaryKey", .array([.string(key.name)])))
        }
        let file = (path as NSString).lastPathComponent
        var members: [JSONMember] = [
            JSONMember("name", .string(resourceName(file))),
            JSONMember("type", .string("table")),
            JSONMember("path", .string(file)),
            JSONMember("scheme", .string("file")),
            JSONMember("format", .string("csv")),
            JSONMember("mediatype", .string("text/csv")),
            JSONMember("encoding", .string("utf-8")),
        ]
        if dialect.delimiter != UInt8(ascii: ",") {
            members.append(JSONMember("dialect", .object([JSONMember("delimiter", .string(String(UnicodeScalar(dialect.delimiter))))])))
        }
        members.append(JSONMember("schema", .object(schema)))
        return .object(members)
    }

    /// Names that say "identifier": `id`, `*_id`, `*Id`, `id_*`, `key`, `uuid`, `code`.
    static func idLike(_ name: String) -> Bool {
        let lower = name.lowercased()
        if ["id", "key", "uuid", "guid", "code", "index"].contains(lower) { return true }
        if lower.hasSuffix("_id") || lower.hasSuffix(" id") || lower.hasSuffix("-id") || lower.hasPrefix("id_") { return true }
        if lower.hasSuffix("_key") || lower.hasSuffix("_code") { return true }
        return name.hasSuffix("Id") || name.hasSuffix("ID")
    }

    /// A column without a name (`""`) or named as pandas names one it read without a
    /// header (`Unnamed: 0`): the row numbers `to_csv` writes for an unnamed index, unique
    /// and never empty but never a key (they change whenever rows are filtered or reordered).
    static func unnamedIndex(_ name: String) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return true }
        guard trimmed.lowercased().hasPrefix("unnamed: ") else { return false }
        let number = trimmed.dropFirst("unnamed: ".count)
        return !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
    }

    /// A Data Resource name: lower-case letters, digits, `-`, `_`, `.`.
    static func resourceName(_ file: String) -> String {
        var stem = file
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
        let mapped = stem.lowercased().map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }
        return mapped.isEmpty ? "data" : String(mapped)
    }

    /// The delimiter the header line uses most among `,` `;` tab `|` (outside quotes);
    /// `.tsv` files are tab-separated.
    static func sniffDialect(_ path: String) throws -> CSVDialect {
        var dialect = CSVDialect()
        if path.lowercased().hasSuffix(".tsv") || path.lowercased().hasSuffix(".tab") {
            dialect.delimiter = UInt8(ascii: "\t")
            return dialect
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return dialect }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in head {
            if byte == ASCII.quote { quoted.toggle() }
            if quoted { continue }
            if byte == ASCII.newline || byte == ASCII.carriageReturn { break }
            if [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")].contains(byte) { counts[byte, default: 0] += 1 }
        }
        if let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key != UInt8(ascii: ",")) }),
           best.value > (counts[UInt8(ascii: ",")] ?? 0) {
            dialect.delimiter = best.key
        }
        return dialect
    }
}
