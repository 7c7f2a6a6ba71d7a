// How describe deals a file's columns to its threads: by an estimate of each column's cost
// from the file's first rows (the design note of `TableDescriber` says why).

extension TableDescriber {
    /// Rows read ahead to estimate each column's cost: 2,000, or fewer for a wide file, so
    /// that the sample stays within 64K cells (at least 16 rows).
    static func sampleRows(width: Int) -> Int {
        max(16, min(2_000, (1 << 16) / max(width, 1)))
    }

    /// Each column's estimated cost per row, in rough units of one cast, from the profiles
    /// of the first `sampleRows(width:)` rows: a base for every cell, its bytes, a cast for each
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
            let wanted = sampleRows(width: width)
            while rows < wanted, let record = try? reader.next() {
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
}
