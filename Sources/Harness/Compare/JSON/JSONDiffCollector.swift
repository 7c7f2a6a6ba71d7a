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
        if report.cellsByColumn.count < JSONDiffCollector.maximumPatterns || report.cellsByColumn[pattern] != nil {
            report.cellsByColumn[pattern, default: 0] += 1
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
}
