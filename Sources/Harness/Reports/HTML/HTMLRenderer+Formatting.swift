import Foundation

/// Numbers, words and status badges as the pages show them. Every status is an icon and a
/// word as well as a colour, so the page reads the same to colour-blind reviewers.
extension HTMLRenderer {
    /// `12345` → `12,345`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    /// `1 difference`, `2 differences`.
    static func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? word : word + "s"
    }

    /// A difference as people read it: six significant digits, exponent only when needed.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        return String(format: "%.6g", value)
    }

    /// A relative difference as a percentage: `0.016` → `1.6%`.
    static func percent(_ ratio: Double) -> String {
        guard ratio.isFinite else { return number(ratio) }
        return String(format: "%.3g", ratio * 100) + "%"
    }

    static func icon(_ status: String) -> String {
        switch status {
        case "passed", "completed": return "✓"
        case "failed": return "✗"
        case "error": return "!"
        case "warning": return "⚠"
        default: return "○"
        }
    }

    /// `<span class="badge" data-status="failed">✗ failed</span>`.
    static func badge(_ status: String, label: String? = nil) -> HTML {
        let word = label ?? status.replacingUnderscores()
        return "<span class=\"badge\" data-badge=\"\(status)\"><span aria-hidden=\"true\">\(icon(status))</span> \(word)</span>"
    }

    /// `notebook`, `pipeline`, `notebook #2` with `--repeat`.
    static func runName(_ run: RunRecord, repeated: Bool) -> String {
        repeated ? "\(run.side.rawValue) #\(run.repetition)" : run.side.rawValue
    }

    /// A run that did not complete makes its case an error, so it wears the error colour.
    static func runBadge(_ outcome: RunRecord.Outcome) -> String {
        outcome == .completed ? "completed" : "error"
    }
}
