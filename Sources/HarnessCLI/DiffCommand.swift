import Harness

/// `harness diff EXPECTED ACTUAL`: exit 0 same, 1 different, 2 trouble.
enum DiffCommand {
    static let interface = CommandInterface(
        name: "diff",
        operands: "EXPECTED ACTUAL",
        options: [
            OptionSpec(name: "--key", value: "COL[,COL]", help: "match rows by these columns (JSON Lines: fields) instead of position", repeatable: true),
            OptionSpec(name: "--ignore", value: "COL|/pointer", help: "leave out a column or JSON Pointer (`*` matches any array index); repeatable", repeatable: true),
            OptionSpec(name: "--rtol", value: "X", help: "relative tolerance for numbers (default 0)"),
            OptionSpec(name: "--atol", value: "X", help: "absolute tolerance for numbers (default 0)"),
            OptionSpec(name: "--tolerance", value: "COL=rtol:X[,atol:Y]", help: "a column's (or JSON Pointer's, `*` for any index) own tolerance; what it leaves out is --rtol/--atol's; repeatable", repeatable: true),
            OptionSpec(name: "--mask", value: "COL=REGEX", help: "replace matches of REGEX in a column (or under a JSON Pointer) before comparing, for volatile text; repeatable", repeatable: true),
            OptionSpec(name: "--context", value: "COL[,COL]", help: "CSV columns whose values are shown beside each difference", repeatable: true),
            OptionSpec(name: "--format", value: "csv|json|jsonl", help: "file format (default: from the extension; CSV otherwise)"),
            OptionSpec(name: "--max-diffs", value: "N", help: "differences to show and keep in reports (default 20); counts stay complete"),
            OptionSpec(name: "--json", value: "PATH", help: "also write the machine-readable report to PATH"),
            OptionSpec(name: "--html", value: "PATH", help: "also write a self-contained HTML page to PATH"),
        ],
        summary: """
        Compares two CSV, JSON or JSON Lines files by value: columns by header name, numbers
        within tolerance (|a - b| <= atol + rtol * |b|, b expected), rows by position or by key.
        Empty, NaN and nan are missing values and equal each other; integers beyond 2^53
        compare exactly. CSV rows with more or fewer fields than the header, unterminated
        quotes, NUL bytes and (with --key) duplicate keys are malformed input.
        Exit 0 when the same, 1 when different, 2 on bad flags or unreadable or malformed input.
        """,
        example: "harness diff golden/sales/monthly.csv out/monthly.csv --key month,region --rtol 1e-9 --ignore generated_at --tolerance revenue=rtol:1e-6 --mask note='run-[0-9a-f]+' --context region")

    static func main(_ arguments: [String], console: Console, environment: [String: String]) -> Int32 {
        interface.run(arguments, console: console) { parsed in
            guard parsed.positional.count == 2 else {
                throw HarnessError.usage("diff needs two files, EXPECTED and ACTUAL (got \(parsed.positional.count))",
                                         hint: "harness diff expected.csv actual.csv")
            }
            var options = CompareOptions()
            options.key = parsed.list("--key")
            options.ignore = parsed.all("--ignore").flatMap { $0.hasPrefix("/") ? [$0] : $0.split(separator: ",").map(String.init) }
            options.rtol = try parsed.double("--rtol") ?? 0
            options.atol = try parsed.double("--atol") ?? 0
            options.columns = try parsed.all("--tolerance").map { try ColumnTolerance.parse($0, rtol: options.rtol, atol: options.atol) }
            options.masks = try parsed.all("--mask").map(ValueMask.parse)
            if !parsed.all("--context").isEmpty { options.context = parsed.list("--context") }
            options.maxDiffs = try parsed.integer("--max-diffs") ?? 20
            if let format = parsed.value("--format") {
                guard let value = DiffReport.Format(rawValue: format) else {
                    throw HarnessError.unknownName(nil, kind: "format", name: format, known: DiffReport.Format.allCases.map(\.rawValue))
                }
                options.format = value
            }
            let report = try FileComparator.compare(expected: parsed.positional[0], actual: parsed.positional[1], options: options)
            console.out(DiffTerminalRenderer.render(report, color: console.useColor))
            if let path = parsed.value("--json") {
                try ReportFile.write(report.json.prettyText, to: path)
            }
            if let path = parsed.value("--html") {
                try ReportFile.write(HTMLRenderer.render(diff: report), to: path)
            }
            return report.equal ? 0 : 1
        }
    }
}
