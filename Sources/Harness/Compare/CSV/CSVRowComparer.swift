/// Compares matched records cell by cell and keeps the report: complete counts, the first
/// `maxDiffs` differences, differing cells per column.
struct CSVRowComparer {
    let mapping: CSVColumnMapping
    let options: CompareOptions
    let expectedPath: String
    let actualPath: String
    private(set) var report: DiffReport
    /// Differing cells per expected column.
    private var cellCounts: [Int]
    /// Per-column tolerances, masks and context columns.
    private var rules: CSVColumnRules
    /// For the later part of a split comparison: the fields of the row each listed
    /// difference draws its context from, so that `absorb` can give it the context columns
    /// the earlier part picked (they are picked from the first differing row of all).
    var keepsContextSources = false
    private var contextSources: [[String]] = []

    init(mapping: CSVColumnMapping, options: CompareOptions, expectedPath: String, actualPath: String) {
        self.mapping = mapping
        self.options = options
        self.expectedPath = expectedPath
        self.actualPath = actualPath
        report = DiffReport(format: .csv, expectedPath: expectedPath, actualPath: actualPath)
        report.missingColumns = mapping.missing
        report.extraColumns = mapping.extra
        report.keyColumns = options.key
        cellCounts = Array(repeating: 0, count: mapping.expectedNames.count)
        rules = CSVColumnRules(mapping: mapping, options: options)
    }

    /// Whether another difference would still be listed (counts go on regardless).
    var listsMore: Bool { report.diffs.count < options.maxDiffs }

    /// Compares two records that stand for the same row.
    /// - Returns: whether they are byte for byte the same, with the same header order.
    /// - Throws: `HarnessError.malformed` when either record is ragged.
    @discardableResult
    mutating func compare(_ expected: CSVRecord, _ actual: CSVRecord, keyed: Bool) throws -> Bool {
        try Self.checkWidth(expected, path: expectedPath, width: mapping.expectedNames.count)
        try Self.checkWidth(actual, path: actualPath, width: mapping.actualNames.count)
        report.rowsCompared += 1
        if mapping.isIdentity && expected.bytes.same(as: actual.bytes) { return true }
        var differing = 0
        // By index: iterating `rules.cells` itself would retain the array for each row, as
        // the loop may change `rules` (the default context columns).
        for index in rules.cells.indices {
            let cell = rules.cells[index]
            let e = Self.field(expected, cell.expected)
            let a = Self.field(actual, cell.actual)
            if e.same(as: a) { continue }
            var absolute: Double?
            var relative: Double?
            let result = if let mask = cell.mask {
                rules.masks[mask].compare(expected: e, actual: a, tolerance: cell.tolerance)
            } else {
                NumericComparison.compare(expected: e, actual: a, tolerance: cell.tolerance)
            }
            switch result {
            case .equal: continue
            case .differ(let abs, let rel):
                absolute = abs
                relative = rel
            case .notNumbers: break
            }
            differing += 1
            cellCounts[cell.expected] += 1
            report.differingCells += 1
            report.totalDiffs += 1
            if listsMore {
                rules.pickDefaultContext(from: expected, mapping: mapping)
                var difference = Difference(
                    kind: .changed, row: expected.number,
                    actualRow: actual.number == expected.number ? nil : actual.number,
                    key: keyed ? key(of: expected) : nil, column: mapping.expectedNames[cell.expected],
                    expected: String(decoding: e, as: UTF8.self), actual: String(decoding: a, as: UTF8.self),
                    absoluteDifference: absolute, relativeDifference: relative)
                difference.context = rules.values(of: expected, actualSide: false)
                report.diffs.append(difference)
                keepContextSource(expected)
            }
        }
        if differing > 0 { report.differingRows += 1 }
        return false
    }

    /// Counts records that both files hold byte for byte (the bulk path skipped them).
    mutating func countEqualRows(_ count: Int) {
        report.rowsCompared += count
    }

    /// Counts rows of expected with no counterpart, beyond the listed ones.
    mutating func countMissingRows(_ count: Int) {
        report.missingRows += count
        report.totalDiffs += count
    }

    /// A row of expected with no counterpart in actual.
    mutating func missingRow(_ expected: CSVRecord, keyed: Bool) throws {
        try Self.checkWidth(expected, path: expectedPath, width: mapping.expectedNames.count)
        report.missingRows += 1
        report.totalDiffs += 1
        if listsMore {
            rules.pickDefaultContext(from: expected, mapping: mapping)
            var difference = Difference(kind: .missingRow, row: expected.number, key: keyed ? key(of: expected) : nil,
                                        expected: String(decoding: expected.bytes, as: UTF8.self))
            difference.context = rules.values(of: expected, actualSide: false)
            report.diffs.append(difference)
            keepContextSource(expected)
        }
    }

    /// A row of actual with no counterpart in expected.
    mutating func extraRow(_ actual: CSVRecord, keyed: Bool) throws {
        try Self.checkWidth(actual, path: actualPath, width: mapping.actualNames.count)
        report.extraRows += 1
        report.totalDiffs += 1
        if listsMore {
            var difference = Difference(kind: .extraRow, row: actual.number,
                                        key: keyed ? mapping.actualKey.map { Self.field(actual, $0) }.map { String(decoding: $0, as: UTF8.self) } : nil,
                                        actual: String(decoding: actual.bytes, as: UTF8.self))
            difference.context = rules.values(of: actual, actualSide: true)
            report.diffs.append(difference)
            keepContextSource(actual)
        }
    }

    private mutating func keepContextSource(_ record: CSVRecord) {
        guard keepsContextSources && !rules.contextChosen else { return }
        contextSources.append((0..<record.fieldCount).map { String(decoding: Self.field(record, $0), as: UTF8.self) })
    }

    /// Adds the counts and differences of a comparer that compared the rows right after
    /// this one's (the later part of a split comparison).
    mutating func absorb(_ later: CSVRowComparer) {
        let other = later.report
        report.rowsCompared += other.rowsCompared
        report.differingRows += other.differingRows
        report.differingCells += other.differingCells
        report.missingRows += other.missingRows
        report.extraRows += other.extraRows
        report.totalDiffs += other.totalDiffs
        var absorbed = Array(other.diffs.prefix(max(0, options.maxDiffs - report.diffs.count)))
        // Default context columns are picked from the first differing row listed. If this
        // part listed none, the later part's picks are those; else the later part's
        // differences take this part's columns, read from the rows they kept.
        if !rules.contextChosen {
            if rules.contextPending {
                rules = later.rules
            } else if later.rules.contextNames != rules.contextNames || later.rules.contextPending {
                for index in absorbed.indices {
                    let actualSide = absorbed[index].kind == .extraRow
                    absorbed[index].context = later.contextSources.indices.contains(index)
                        ? rules.values(ofFields: later.contextSources[index], actualSide: actualSide) : nil
                }
            }
        }
        report.diffs += absorbed
        for (index, count) in later.cellCounts.enumerated() { cellCounts[index] += count }
    }

    /// The report, with the per-column counts filled in.
    func finished() -> DiffReport {
        var report = report
        report.contextColumns = rules.contextNames
        report.contextChosen = rules.contextChosen
        for (index, count) in cellCounts.enumerated() where count > 0 {
            report.cellsByColumn[mapping.expectedNames[index]] = count
        }
        return report
    }

    func key(of expected: CSVRecord) -> [String] {
        mapping.expectedKey.map { String(decoding: Self.field(expected, $0), as: UTF8.self) }
    }

    /// Field `index`, reading a blank line of a one-column file as one empty field.
    static func field(_ record: CSVRecord, _ index: Int) -> ByteRun {
        if index >= record.fieldCount { return record.bytes.run(0..<0) }
        return record.field(index)
    }

    /// A row with more or fewer fields than the header is malformed input (exit 2): its
    /// cells cannot be matched to columns, and guessing would hide a broken export.
    /// - Throws: `HarnessError.malformed` at the first extra field or the end of the row.
    static func checkWidth(_ record: CSVRecord, path: String, width: Int) throws {
        let count = record.fieldCount
        if count == width || (count == 0 && width == 1) { return }
        let offset = count > width ? record.rawStart(width) - 1 : record.bytes.count
        let location = SourceLocation.of(offset: offset, in: record.bytes, path: path, firstLine: record.line)
        let message = count == 0
            ? "row \(record.number) is a blank line; the header has \(width) fields"
            : "row \(record.number) has \(count) field\(count == 1 ? "" : "s"); the header has \(width)"
        throw HarnessError.malformed(location, message: message,
                                     hint: "every row needs one field per header column; quote fields that contain the delimiter")
    }
}
