import Foundation

// Design note. Profiling cells (casting each to every surviving type, extremes, distinct
// values, fingerprints) costs several times what reading them does, and each column's
// profile depends only on that column's cells in file order. So a large file is described
// by columns: every thread reads the whole file (the page cache serves the later readers)
// and profiles its share of the columns. The shares are dealt by an estimate of each
// column's cost from the file's first rows (`sampleRows`), the costliest first, each to the
// thread with the least so far: a column of distinct long decimals costs several times one
// of a few words, and the thread with most of the cost sets the time. The estimate depends
// only on the file, so a file is always dealt the same way. No profile is split or merged,
// so each is the one a single thread would draw, except where the fingerprint budget runs
// out: it is divided between the threads by their number of columns, so on a file with
// more distinct values than the budget a field may lose its `unique` that one thread, with
// the budget another field freed, would have kept. The number of threads is fixed (2), not
// one per core, so a draft is the same on every machine.

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
        let shares = workers == 1 ? [Array(0..<width)] : deal(costs: sampleCosts(path: path, dialect: dialect, names: names, options: options),
                                                               workers: workers)
        let scans: [ColumnScan]
        if workers == 1 {
            scans = [try scan(reader, columns: shares[0], names: names, budget: options.uniqueBudget, options: options)]
        } else {
            let results = ScanResults(count: workers)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                results.set(worker, Result {
                    let own = try CSVReader(path: path, dialect: dialect)
                    let budget = options.uniqueBudget / width * shares[worker].count
                    return try scan(own, columns: shares[worker], names: names, budget: budget, options: options)
                })
            }
            // Every thread reads the whole file, so all meet the same error: the first one's is thrown.
            scans = try (0..<workers).map { try results.get($0).get() }
        }
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

    /// Rows read ahead to estimate each column's cost.
    static let sampleRows = 2_000

    /// Each column's estimated cost per row, in rough units of one cast, from the profiles
    /// of the first `sampleRows` rows: a base for every cell, its bytes, a cast for each
    /// surviving type (none for the number type while the integer type reads the cells),
    /// the extremes of ordered types, a set insert while values are kept, and a text compare
    /// per distinct value remembered. All 1 (columns dealt in turn) when the sample cannot
    /// be read (the scan then meets the same error and reports it).
    static func sampleCosts(path: String, dialect: CSVDialect, names: [String], options: DescribeOptions) -> [Double] {
        let width = names.count
        guard let reader = try? CSVReader(path: path, dialect: dialect) else { return Array(repeating: 1, count: width) }
        var profiles = names.map { ColumnProfile(name: $0) }
        var bytes = Array(repeating: 0, count: width)
        var budget = Int.max
        var rows = 0
        let candidates = TypeCandidate.all
        do {
            let candidates = candidates.span
            while rows < sampleRows, let record = try? reader.next() {
                rows += 1
                for column in 0..<min(width, record.fieldCount) {
                    let cell = record.cell(column)
                    bytes[column] += cell.count
                    profiles[column].observe(cell, candidates: candidates, row: rows, enumLimit: options.enumLimit, budget: &budget)
                }
            }
        }
        guard rows > 0 else { return Array(repeating: 1, count: width) }
        return profiles.indices.map { column in
            let profile = profiles[column]
            var alive = profile.alive
            if alive & (1 << UInt32(TypeCandidate.integerIndex)) != 0 { alive &= ~(1 << UInt32(TypeCandidate.numberIndex)) }
            let present = Double(profile.present) / Double(rows)
            var perCell = 1.0 + Double(alive.nonzeroBitCount)
            if alive & TypeCandidate.orderedMask != 0 { perCell += 1 }
            if profile.uniqueness.keepsValues { perCell += 2 }
            if !profile.distinctOverflow { perCell += 0.1 * Double(profile.distinctTexts.count) }
            return 1 + present * perCell + Double(bytes[column]) / Double(rows) / 8
        }
    }

    /// Deals columns to `workers` threads, the costliest first (ties by position), each to
    /// the thread with the least cost so far (the first such); each share in column order.
    static func deal(costs: [Double], workers: Int) -> [[Int]] {
        var shares = Array(repeating: [Int](), count: workers)
        var loads = Array(repeating: 0.0, count: workers)
        let order = costs.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        for column in order {
            let worker = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 } ?? 0
            shares[worker].append(column)
            loads[worker] += costs[column]
        }
        return shares.map { $0.sorted() }
    }

    /// Reads every record of `reader` and profiles the cells of `columns`.
    static func scan(_ reader: CSVReader, columns: [Int], names: [String], budget: Int,
                     options: DescribeOptions) throws -> ColumnScan {
        var result = ColumnScan(profiles: columns.map { ColumnProfile(name: names[$0]) })
        let width = names.count
        var budget = budget
        let candidates = TypeCandidate.all
        do {
            let candidates = candidates.span
            while let record = try reader.next() {
                result.rows += 1
                // A blank row is a row of missing cells to the validator (and a null key).
                let fieldCount = record.fieldCount
                if fieldCount != width {
                    result.ragged += 1
                    if result.firstRaggedLine == 0 { result.firstRaggedLine = record.line }
                }
                for (slot, column) in columns.enumerated() {
                    if column < fieldCount {
                        result.profiles[slot].observe(record.cell(column), candidates: candidates,
                                                      row: result.rows, enumLimit: options.enumLimit, budget: &budget)
                    } else {
                        result.profiles[slot].missing += 1
                    }
                }
            }
        }
        for slot in result.profiles.indices { result.profiles[slot].uniqueness.flush(budget: &budget) }
        return result
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

/// Each thread's scan, or its error; each slot is written by one thread.
private final class ScanResults: @unchecked Sendable {
    // Guarded by `lock`.
    private var results: [Result<TableDescriber.ColumnScan, any Error>?]
    private let lock = Lock()

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<TableDescriber.ColumnScan, any Error>) {
        lock.withLock { results[index] = result }
    }

    func get(_ index: Int) -> Result<TableDescriber.ColumnScan, any Error> {
        // Never nil: concurrentPerform returns after every iteration has set its slot.
        lock.withLock { results[index].unsafelyUnwrapped }
    }
}
