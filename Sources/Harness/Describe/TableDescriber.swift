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

    /// Rows read ahead to estimate each column's cost.
    static let sampleRows = 2_000

    /// Each column's estimated cost per row, in rough units of one cast, from the profiles
    /// of the first `sampleRows` rows: a base for every cell, its bytes, a cast for each
    /// surviving type (none for the number type while the integer type reads the cells),
    /// the extremes of ordered types, a set insert while values are kept, and a text compare
    /// per distinct value remembered; and the cost of reading a row (parsing it and copying
    /// it into a batch), from its bytes. All 1 and 0 (columns dealt in turn) when the sample
    /// cannot be read (the scan then meets the same error and reports it).
    static func sampleCosts(path: String, dialect: CSVDialect, names: [String],
                            options: DescribeOptions) -> (columns: [Double], reading: Double) {
        let width = names.count
        let unknown = (columns: Array(repeating: 1.0, count: width), reading: 0.0)
        guard let reader = try? CSVReader(path: path, dialect: dialect) else { return unknown }
        var profiles = names.map { ColumnProfile(name: $0) }
        var bytes = Array(repeating: 0, count: width)
        var recordBytes = 0
        var budget = Int.max
        var rows = 0
        let candidates = TypeCandidate.all
        do {
            let candidates = candidates.span
            while rows < sampleRows, let record = try? reader.next() {
                rows += 1
                recordBytes += record.bytes.count + 1
                for column in 0..<min(width, record.fieldCount) {
                    let cell = record.cell(column)
                    bytes[column] += cell.count
                    profiles[column].observe(cell, candidates: candidates, row: rows, enumLimit: options.enumLimit, budget: &budget)
                }
            }
        }
        guard rows > 0 else { return unknown }
        let columns = profiles.indices.map { column in
            let profile = profiles[column]
            var alive = profile.alive
            if alive & (1 << UInt32(TypeCandidate.integerIndex)) != 0 { alive &= ~(1 << UInt32(TypeCandidate.numberIndex)) }
            let present = Double(profile.present) / Double(rows)
            var perCell = 1.0 + Double(alive.nonzeroBitCount)
            if alive & TypeCandidate.orderedMask != 0 { perCell += 1 }
            if profile.uniqueness.keepsValues { perCell += 5 }
            if !profile.distinctOverflow { perCell += 0.1 * Double(profile.distinctTexts.count) }
            return 1 + present * perCell + Double(bytes[column]) / Double(rows) / 8
        }
        return (columns, readingWeight * (Double(width) + Double(recordBytes) / Double(rows) / 8))
    }

    /// Reading a row (finding its cells, copying it) against profiling one, in the units of
    /// `sampleCosts`. Set from `perf` timelines of the 10M-row benchmark file (93-byte,
    /// 8-field rows): at 0.55 the reading thread was busy throughout and the other idle a
    /// fifth of the time; at 0.8 describe took 0.89x validate's time there, and 0.68x on the
    /// validate benchmark's 9-field rows.
    static let readingWeight = 0.8

    /// Deals columns to `workers` threads, the costliest first (ties by position), each to
    /// the thread with the least cost so far (the first such); each share in column order.
    /// The first thread starts with the cost of `reading` every row.
    static func deal(costs: [Double], workers: Int, reading: Double = 0) -> [[Int]] {
        var shares = Array(repeating: [Int](), count: workers)
        var loads = Array(repeating: 0.0, count: workers)
        loads[0] = reading
        let order = costs.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        for column in order {
            let worker = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 } ?? 0
            shares[worker].append(column)
            loads[worker] += costs[column]
        }
        return shares.map { $0.sorted() }
    }

    /// Batches in the ring between the reading thread and the others.
    static let ringSize = 4

    /// Reads every record of `reader` once, in batches, and profiles the cells of each
    /// share of the columns on a thread of its own: the calling thread reads the batches
    /// and profiles the first share, the others profile theirs as each batch is handed over.
    /// - Throws: what reading the file throws (its first error: the threads stop there).
    static func scan(_ reader: CSVReader, shares: [[Int]], names: [String], options: DescribeOptions) throws -> [ColumnScan] {
        let width = names.count
        let workers = shares.count
        let ring = BatchRing(width: width, slots: workers == 1 ? 1 : ringSize, others: workers - 1)
        let results = ScanResults(count: workers)
        let box = ReaderBox(reader)
        SecondThread.run(count: workers) { worker in
            let columns = shares[worker]
            var result = ColumnScan(profiles: columns.map { ColumnProfile(name: names[$0]) })
            var budget = workers == 1 ? options.uniqueBudget : options.uniqueBudget / width * columns.count
            let all = TypeCandidate.all
            let candidates = all.span
            var turn = 0
            var failure: (any Error)?
            while true {
                let slot = turn % ring.slots.count
                let batch = ring.slots[slot]
                var last: Bool
                if worker == 0 {
                    if turn >= ring.slots.count { ring.waitUntilReleased(slot) }
                    do {
                        last = try !batch.fill(from: box.reader)
                    } catch {
                        failure = error
                        last = true
                    }
                    ring.handOver(slot, last: last, failed: failure != nil)
                    if failure != nil { break }
                } else {
                    ring.waitUntilReady(slot, other: worker - 1)
                    if ring.failed[slot] { break }
                    last = ring.last[slot]
                }
                profile(batch, columns: columns, into: &result, budget: &budget, candidates: candidates, options: options)
                if worker > 0 { ring.release(slot) }
                if last { break }
                turn += 1
            }
            for slot in result.profiles.indices { result.profiles[slot].uniqueness.flush(budget: &budget) }
            results.set(worker, failure.map { .failure($0) } ?? .success(result))
        }
        // Only the reading thread meets an error, and throws it.
        return try (0..<workers).map { try results.get($0).get() }
    }

    /// Profiles the cells of `columns` in every record of `batch`, a column at a time: one
    /// column's cells take the same paths through `observe` (the same types alive, the same
    /// extremes), which the processor then predicts, and its profile stays in the caches.
    /// The fingerprint budget is drawn on in that order too, so which field overflows it
    /// is decided a batch at a time.
    @inline(__always)
    static func profile(_ batch: CSVCellBatch, columns: [Int], into result: inout ColumnScan, budget: inout Int,
                        candidates: Span<TypeCandidate>, options: DescribeOptions) {
        let width = batch.width
        let firstRow = result.rows + 1
        result.rows += batch.count
        for item in 0..<batch.count where batch.fieldCount(item) != width {
            // A blank row is a row of missing cells to the validator (and a null key).
            result.ragged += 1
            if result.firstRaggedLine == 0 { result.firstRaggedLine = batch.line(item) }
        }
        for (slot, column) in columns.enumerated() {
            for item in 0..<batch.count {
                if column < batch.fieldCount(item) {
                    result.profiles[slot].observe(batch.cell(item, column), candidates: candidates,
                                                  row: firstRow + item, enumLimit: options.enumLimit, budget: &budget)
                } else {
                    result.profiles[slot].missing += 1
                }
            }
        }
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

/// The batches the reading thread fills and hands to the other threads, round a ring: a
/// batch is filled again once every other thread has released it.
// `@unchecked Sendable`: a slot's batch and flags are written by the reading thread before
// `handOver` signals, and read by the others after they waited for that signal.
private final class BatchRing: @unchecked Sendable {
    let slots: [CSVCellBatch]
    private(set) var last: [Bool]
    private(set) var failed: [Bool]
    private let ready: [[DispatchSemaphore]]
    private let released: [DispatchSemaphore]
    private let others: Int

    init(width: Int, slots count: Int, others: Int) {
        slots = (0..<count).map { _ in CSVCellBatch(width: width) }
        last = Array(repeating: false, count: count)
        failed = Array(repeating: false, count: count)
        ready = (0..<count).map { _ in (0..<others).map { _ in DispatchSemaphore(value: 0) } }
        released = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        self.others = others
    }

    /// The reading thread: `slot` is filled (the file's last batch, or one cut by an error).
    func handOver(_ slot: Int, last isLast: Bool, failed hasFailed: Bool) {
        last[slot] = isLast
        failed[slot] = hasFailed
        for other in 0..<others { ready[slot][other].signal() }
    }

    func waitUntilReady(_ slot: Int, other: Int) {
        ready[slot][other].wait()
    }

    /// Another thread is done with `slot`.
    func release(_ slot: Int) {
        released[slot].signal()
    }

    /// The reading thread waits for every other thread to be done with `slot`.
    func waitUntilReleased(_ slot: Int) {
        for _ in 0..<others { released[slot].wait() }
    }
}
