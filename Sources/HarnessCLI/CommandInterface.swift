import Harness

/// What a subcommand accepts, declared once: its usage line, its help and its parser all read
/// this, so they cannot disagree (they did: `diff` and `validate` left `--html` out of their
/// usage lines). Every command also shares one way to answer `--help` and to report bad usage.
struct CommandInterface {
    let name: String
    /// The operands as the usage line shows them: `EXPECTED ACTUAL`, `DATA`, `[CASE ...]`.
    let operands: String
    let options: [OptionSpec]
    let summary: String
    let example: String

    init(name: String, operands: String, options: [OptionSpec], summary: String, example: String) {
        self.name = name
        self.operands = operands
        self.options = options + [OptionSpec(name: "--help", value: nil, help: "show this help")]
        self.summary = summary
        self.example = example
    }

    /// `harness validate DATA --contract FILE [--max-errors N] ...`: required options bare and
    /// first, the others in brackets in the order of the help, `--help` left out.
    var usage: String {
        func shown(_ option: OptionSpec) -> String { option.name + (option.value.map { " " + $0 } ?? "") }
        let listed = options.filter { $0.name != "--help" }
        let words = ["harness", name, operands] + listed.filter(\.required).map(shown)
            + listed.filter { !$0.required }.map { "[" + shown($0) + "]" }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Options naming a file that a report is written to (`ReportFile`).
    static let reportOptions = ["--json", "--html", "--junit", "--out"]

    var help: String { helpText(usage: usage, summary: summary, specs: options, example: example) }

    /// Parses `arguments`, answers `--help`, and runs `body` on the rest; whatever `body`
    /// throws is rendered as a diagnostic on stderr with exit code 2 (usage, configuration or
    /// input trouble). Returns `body`'s exit code otherwise.
    func run(_ arguments: [String], console: Console, body: (ParsedArguments) throws -> Int32) -> Int32 {
        do {
            let parsed = try parseArguments(arguments, specs: options, command: name)
            if parsed.has("--help") {
                console.out(help)
                return 0
            }
            // A report path that cannot take a report (a FIFO, a device) is refused before the
            // work, not after a long run.
            for option in Self.reportOptions { if let path = parsed.value(option) { try ReportFile.check(path) } }
            return try body(parsed)
        } catch {
            console.err(DiagnosticRenderer.render(error) + "\n")
            return 2
        }
    }
}
