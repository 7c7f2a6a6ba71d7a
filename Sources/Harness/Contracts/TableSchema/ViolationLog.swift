/// Complete counts per error type, and the first `limit` violations in file order.
/// Counting never stops at the limit, so totals stay exact however many there are.
/// A class so that messages built lazily may read the checker that owns it.
///
/// `@unchecked Sendable`: each log belongs to one checker, used by one thread at a time;
/// for the same reason its state skips the runtime's access tracking, which the per-row
/// path would otherwise pay for once a row.
final class ViolationLog: @unchecked Sendable {
    let limit: Int
    @exclusivity(unchecked) private(set) var counts: [String: Int] = [:]
    @exclusivity(unchecked) private(set) var warningCounts: [String: Int] = [:]
    @exclusivity(unchecked) private(set) var samples: [ContractViolation] = []

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    var isFull: Bool { samples.count >= limit }

    /// Records one violation; the message and cell are only built while samples are kept.
    func add(_ type: ViolationType, row: Int?, field: String?, severity: ContractViolation.Severity,
                      cell: @autoclosure () -> String? = nil, message: @autoclosure () -> String) {
        switch severity {
        case .error: counts[type.rawValue, default: 0] += 1
        case .warning: warningCounts[type.rawValue, default: 0] += 1
        }
        if samples.count < limit {
            samples.append(ContractViolation(type: type, row: row, field: field, message: message(), cell: cell(), severity: severity))
        }
    }

    /// The text of a cell for a report: decoded, and cut at 200 characters.
    static func text(_ bytes: ByteRun) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
