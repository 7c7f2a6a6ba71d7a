import Harness


/// `harness golden review | accept [CASE[/OUTPUT] ...] | reject [CASE[/OUTPUT] ...]`:
/// exit 0 done, 2 usage, configuration or a refused accept.
enum GoldenCommand {
    static let interface = CommandInterface(
        name: "golden",
        operands: "review | accept [CASE[/OUTPUT] ...] | reject [CASE[/OUTPUT] ...]",
        options: [
            OptionSpec(name: "--config", value: "PATH", help: "configuration file (default harness.json)"),
        ],
        summary: """
        Pending goldens are what the reference side (the notebook when there is one) wrote when
        its golden check failed in `harness run`; they wait in .harness/pending/ beside the config.
        review   on a terminal, shows each one's differences from its golden and asks: accept,
                 reject, skip, show more, quit. Elsewhere it lists them.
        accept   makes them the goldens (all named, or all pending when none is named), atomically:
                 all are written or none. A pending golden older than its golden's last change is
                 refused: run the case again.
        reject   throws them away; the goldens stay as they are.
        Exit 0 when done, 2 on a usage or configuration error or a refused accept.
        """,
        example: "harness golden accept sales/monthly_revenue.csv")

    static func main(_ arguments: [String], console: Console, environment: [String: String]) -> Int32 {
        interface.run(arguments, console: console) { parsed in
            guard let action = parsed.positional.first else {
                throw HarnessError.usage("golden needs an action: review, accept or reject", hint: "harness golden review")
            }
            let selectors = Array(parsed.positional.dropFirst())
            let configPath = parsed.value("--config") ?? "harness.json"
            let review = GoldenReview(config: try ConfigLoader.load(path: configPath))
            let holder = "harness golden " + ([action] + selectors).joined(separator: " ")
            switch action {
            case "review":
                let chosen = try review.select(selectors)
                // Questions need a person: both ends must be a terminal.
                guard console.isTerminal, FileStatus.isTerminal(0), !chosen.isEmpty else {
                    console.out(review.list(chosen))
                    return 0
                }
                let outcome = review.review(chosen, console: console, holder: holder) { prompt in
                    console.out(prompt)
                    return readLine(strippingNewline: true)
                }
                console.out("\n\(outcome.accepted.count) accepted, \(outcome.rejected.count) rejected, \(outcome.skipped.count) left pending\n")
                return outcome.refused.isEmpty ? 0 : 2
            case "accept":
                let chosen = try review.select(selectors)
                try review.accept(chosen, holder: holder)
                console.out(chosen.isEmpty ? "no pending goldens\n"
                                           : "accepted \(chosen.count): " + chosen.map(\.label).joined(separator: ", ") + "\n")
                return 0
            case "reject":
                let chosen = try review.select(selectors)
                review.reject(chosen)
                console.out(chosen.isEmpty ? "no pending goldens\n"
                                           : "rejected \(chosen.count): " + chosen.map(\.label).joined(separator: ", ") + "\n")
                return 0
            default:
                throw HarnessError.unknownName(nil, kind: "golden action", name: action, known: ["review", "accept", "reject"],
                                               hint: "harness golden review")
            }
        }
    }
}
