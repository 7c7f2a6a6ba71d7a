/// `harness golden review`: on a terminal, each pending golden's difference table and a
/// question; elsewhere (a pipe, CI), a list.
extension GoldenReview {
    /// What a person can answer for one pending golden.
    public enum Answer: String, Sendable, CaseIterable {
        case accept = "a", reject = "r", skip = "s", more = "m", quit = "q"
    }

    /// What a review did.
    public struct Outcome: Sendable, Equatable {
        public var accepted: [String] = []
        public var rejected: [String] = []
        public var skipped: [String] = []
        /// Accepts that were refused (`label: why`).
        public var refused: [String] = []
    }

    /// Rows of the table shown first; "show more" shows up to `moreRows`.
    static let firstRows = 5
    static let moreRows = 200

    /// Asks about each of `chosen` in turn. `ask` shows a prompt and returns the line typed
    /// (nil at the end of input, which ends the review like `quit`).
    public func review(_ chosen: [PendingGolden], console: Console, holder: String,
                       ask: (String) -> String?) -> Outcome {
        var outcome = Outcome()
        let color = console.useColor
        for (index, item) in chosen.enumerated() {
            console.out("\n── \(item.label)  (\(index + 1) of \(chosen.count))\n")
            console.out(describe(item, rows: Self.firstRows, color: color))
            var answer: Answer?
            while answer == nil || answer == .more {
                if answer == .more { console.out(describe(item, rows: Self.moreRows, color: color)) }
                guard let line = ask("accept, reject, skip, show more, quit? [a/r/s/m/q] ") else {
                    answer = .quit
                    break
                }
                let typed = line.trimmingSpacesAndNewlines().lowercased()
                answer = Answer(rawValue: String(typed.prefix(1)))
                if answer == nil { console.out("type a, r, s, m or q\n") }
            }
            switch answer {
            case .accept:
                do {
                    try accept([item], holder: holder)
                    outcome.accepted.append(item.label)
                    console.out("accepted: \(store.path(case: item.caseName, output: item.output)) is now the golden\n")
                } catch {
                    outcome.refused.append(item.label + ": " + DiagnosticRenderer.render(error))
                    console.err(DiagnosticRenderer.render(error) + "\n")
                }
            case .reject:
                reject([item])
                outcome.rejected.append(item.label)
                console.out("rejected: the golden stays as it was\n")
            case .skip, .more, nil:
                outcome.skipped.append(item.label)
            case .quit:
                outcome.skipped += chosen[index...].map(\.label)
                return outcome
            }
        }
        return outcome
    }

    /// The pending goldens as a list, one line each with what changed, and the commands.
    public func list(_ chosen: [PendingGolden]) -> String {
        guard !chosen.isEmpty else { return "no pending goldens\n" }
        let width = chosen.map(\.label.count).max() ?? 0
        var text = "\(chosen.count) pending golden\(chosen.count == 1 ? "" : "s"):\n"
        for item in chosen {
            let padding = String(repeating: " ", count: width - item.label.count)
            text += "  \(item.label)\(padding)  \(summary(item))\n"
        }
        text += "accept: harness golden accept CASE[/OUTPUT] ...   reject: harness golden reject CASE[/OUTPUT] ...\n"
        text += "on a terminal, harness golden review shows each difference and asks\n"
        return text
    }

    /// One line: what the pending golden changes.
    func summary(_ item: PendingGolden) -> String {
        do {
            guard let diff = try diff(item, maxDiffs: 0) else { return "new (no golden yet)" }
            return diff.equal ? "same as the golden within tolerance" : DiffTerminalRenderer.summary(diff)
        } catch {
            return "cannot compare: " + DiagnosticRenderer.render(error)
        }
    }

    /// The difference table as `harness run` shows it, `rows` rows at most.
    func describe(_ item: PendingGolden, rows: Int, color: Bool) -> String {
        do {
            guard let diff = try diff(item, maxDiffs: rows) else {
                return "new golden (there is none yet): \(item.path)\n"
            }
            return DiffTerminalRenderer.render(diff, color: color, maxRows: rows, moreHint: "m shows more")
        } catch {
            return "cannot compare: " + DiagnosticRenderer.render(error) + "\n"
        }
    }
}

extension String {
    func trimmingSpacesAndNewlines() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
