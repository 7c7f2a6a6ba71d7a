/// Gathers the differences of a JSON or JSON Lines comparison into a `DiffReport`: every
/// count complete, the first `maxDiffs` differences in full.
struct JSONDiffCollector {
    /// Distinct pointer patterns counted in `cellsByColumn`; beyond them (a map keyed by
    /// ids, say) counts go to `otherPatterns`, so memory stays bounded.
    static let maximumPatterns = 1_000
    static let otherPatterns = "(other pointers)"

    var report: DiffReport
    let maxDiffs: Int

    /// Where the record being compared is: its line in each file (JSON Lines) and its key.
    var row: Int?
    var actualRow: Int?
    var key: [String]?
    /// The pointer patterns given their own count, in the order they were, each with the
    /// line of actual where it first differed: what `merged` needs to admit patterns as one
    /// collector would have.
    private(set) var admitted: [(pattern: String, line: Int)] = []

    init(report: DiffReport, maxDiffs: Int) {
        self.report = report
        self.maxDiffs = max(0, maxDiffs)
    }

    /// Whether a new difference would still be kept in full.
    var wantsDetail: Bool { report.diffs.count < maxDiffs }

    /// Counts one differing leaf (or added or removed member) under its pointer pattern.
    mutating func countCell(pattern: String) {
        report.differingCells += 1
        report.totalDiffs += 1
        if let count = report.cellsByColumn[pattern] {
            report.cellsByColumn[pattern] = count + 1
        } else if report.cellsByColumn.count < JSONDiffCollector.maximumPatterns {
            report.cellsByColumn[pattern] = 1
            admitted.append((pattern, actualRow ?? row ?? 0))
        } else {
            report.cellsByColumn[JSONDiffCollector.otherPatterns, default: 0] += 1
        }
    }

    /// Counts a record of expected that actual does not have (`extra: false`), or the reverse.
    mutating func countRecord(extra: Bool) {
        report.totalDiffs += 1
        if extra {
            report.extraRows += 1
        } else {
            report.missingRows += 1
        }
    }

    /// Keeps `difference` if the cap allows; located at the current record.
    mutating func keep(_ difference: Difference) {
        guard wantsDetail else { return }
        var located = difference
        located.row = located.row ?? row
        located.actualRow = located.actualRow ?? actualRow
        located.key = located.key ?? key
        report.diffs.append(located)
    }

    /// One collector for records compared in lanes (keyed JSON Lines on two threads, each
    /// lane the records of some keys, every lane in actual's order), the same as one
    /// collector fed every record in actual's order: counts added; the kept differences in
    /// actual's line order, the first `maxDiffs`; pointer patterns admitted in order of their
    /// first difference, the first `maximumPatterns`, the rest counted under `otherPatterns`
    /// (a pattern among the first overall is among the first of its own lane, so no lane
    /// lost one that counts).
    static func merged(_ lanes: [JSONDiffCollector]) -> JSONDiffCollector {
        guard var merged = lanes.first else { preconditionFailure("at least one lane") }
        guard lanes.count > 1 else { return merged }
        var report = merged.report
        report.diffs = []
        report.cellsByColumn = [:]
        for lane in lanes.dropFirst() {
            report.rowsCompared += lane.report.rowsCompared
            report.differingRows += lane.report.differingRows
            report.differingCells += lane.report.differingCells
            report.missingRows += lane.report.missingRows
            report.extraRows += lane.report.extraRows
            report.totalDiffs += lane.report.totalDiffs
        }
        let actualLine = { (difference: Difference) in difference.actualRow ?? difference.row ?? 0 }
        report.diffs = lanes.flatMap(\.report.diffs).enumerated()
            .sorted { (actualLine($0.element), $0.offset) < (actualLine($1.element), $1.offset) }
            .prefix(merged.maxDiffs).map(\.element)
        let firsts = lanes.enumerated().flatMap { lane, collector in
            collector.admitted.enumerated().map { (line: $0.element.line, lane: lane, rank: $0.offset, pattern: $0.element.pattern) }
        }.sorted { ($0.line, $0.lane, $0.rank) < ($1.line, $1.lane, $1.rank) }
        var admitted: [(pattern: String, line: Int)] = []
        var kept = Set<String>()
        for first in firsts where kept.count < maximumPatterns && kept.insert(first.pattern).inserted {
            admitted.append((first.pattern, first.line))
        }
        for lane in lanes {
            for (pattern, count) in lane.report.cellsByColumn {
                report.cellsByColumn[kept.contains(pattern) ? pattern : otherPatterns, default: 0] += count
            }
        }
        merged.report = report
        merged.admitted = admitted
        return merged
    }
}
