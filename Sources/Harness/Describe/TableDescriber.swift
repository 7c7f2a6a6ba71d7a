import Foundation

// Design note. Profiling cells (casting each to every surviving type, extremes, distinct
// values, fingerprints) costs several times what reading them does, and each column's
// profile depends only on that column's cells in file order. So a large file is described
// by columns. The calling thread reads the file once, in batches of records copied with
// their cells' bounds (`CSVCellBatch`), and hands each batch round a ring of four to the
// other threads; every thread profiles its share of the columns of every batch, a column
// at a time. (Each thread used to read and parse the whole file itself: the parse was a
// quarter of the time.)
//
// The shares are dealt by an estimate of each column's cost from the file's first rows
// (`sampleCosts`), the costliest first, each to the thread with the least so far, the
// reading thread starting with the cost of reading: a column of distinct long decimals
// costs several times one of a few words, and the thread with most of the cost sets the
// time. The estimate depends only on the file, so a file is always dealt the same way, and
// the number of threads is fixed (2), not one per core, so a draft is the same on every
// machine. No profile is split or merged, so each is the one a single thread would draw,
// except where the fingerprint budget runs out: it is divided between the threads by their
// number of columns, so on a file with more distinct values than the budget a field may
// lose its `unique` that one thread, with the budget another field freed, would have kept
// (and the reverse).

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
        let names = reader.header
        let width = names.count
        let workers = workerCount(path: path, width: width, options: options)
        var shares = [Array(0..<width)]
        if workers > 1 {
            let sample = sampleCosts(path: path, dialect: dialect, names: names, options: options)
            shares = deal(costs: sample.columns, workers: workers, reading: sample.reading)
        }
        let scans = try scan(reader, shares: shares, names: names, options: options)
        var profiles = names.map { ColumnProfile(name: $0) }
        for (worker, share) in shares.enumerated() {
            for (slot, column) in share.enumerated() { profiles[column] = scans[worker].profiles[slot] }
        }
        let whole = scans[0]
        var notes = profiles.compactMap { $0.note(options: options) }
        if whole.ragged > 0 { notes.append(.ragged(rows: whole.ragged, firstLine: whole.firstRaggedLine)) }
        return DataDescription(contract: resource(path: path, dialect: dialect, profiles: profiles, options: options),
                               rows: whole.rows, fields: profiles.map(\.summary), notes: notes)
    }

    /// What one thread saw: the profiles of its columns, and the rows of the whole file.
    struct ColumnScan {
        var profiles: [ColumnProfile]
        var rows = 0
        var ragged = 0
        var firstRaggedLine = 0
    }

    /// Threads for a file: one for a small file or a single column. Not fewer on a single
    /// core (the threads then take turns), so that the draft is the same on every machine.
    static func workerCount(path: String, width: Int, options: DescribeOptions) -> Int {
        let wanted = options.workers
        guard wanted >= 2, width >= 2 else { return 1 }
        guard let size = FileStatus.size(path), size >= options.parallelMinimumBytes else { return 1 }
        return min(wanted, width)
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
        // The most used; a tie goes to the earlier in this order (a dictionary's own order
        // differs from one instance to the next, and a tie then drew two drafts of one file).
        var best = UInt8(ascii: ",")
        for candidate in [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        dialect.delimiter = best
        return dialect
    }
}
