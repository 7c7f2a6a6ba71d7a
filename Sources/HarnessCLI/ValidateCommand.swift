import Harness

/// `harness validate DATA --contract FILE`: exit 0 valid, 1 invalid, 2 trouble.
enum ValidateCommand {
    static let interface = CommandInterface(
        name: "validate",
        operands: "DATA",
        options: [
            OptionSpec(name: "--contract", value: "FILE", help: "Tabular Data Resource or Table Schema (CSV), or JSON Schema 2020-12 (JSON)", required: true),
            OptionSpec(name: "--max-errors", value: "N", help: "violations to show and keep in reports (default 1000); counts stay complete"),
            OptionSpec(name: "--json", value: "PATH", help: "also write the machine-readable report to PATH"),
            OptionSpec(name: "--html", value: "PATH", help: "also write a self-contained HTML page to PATH"),
        ],
        summary: """
        Checks a CSV file against a Frictionless Table Schema (or Tabular Data Resource), or a
        JSON file against a JSON Schema (draft 2020-12). Counts per error type are complete.
        Exit 0 when valid, 1 when invalid, 2 on bad flags, unreadable input or an invalid contract.
        """,
        example: "harness validate out/monthly_revenue.csv --contract contracts/monthly_revenue.json")

    static func main(_ arguments: [String], console: Console, environment: [String: String]) -> Int32 {
        interface.run(arguments, console: console) { parsed in
            guard parsed.positional.count == 1 else {
                throw HarnessError.usage("validate needs one data file (got \(parsed.positional.count))",
                                         hint: "harness validate data.csv --contract schema.json")
            }
            guard let contract = parsed.value("--contract") else {
                throw HarnessError.usage("validate needs --contract FILE", hint: "harness validate data.csv --contract schema.json")
            }
            var options = ValidateOptions()
            options.maxErrors = try parsed.integer("--max-errors") ?? 1000
            let report = try ContractValidator.validate(data: parsed.positional[0], contract: contract, options: options)
            console.out(ValidationTerminalRenderer.render(report, color: console.useColor))
            if let path = parsed.value("--json") {
                try ReportFile.write(report.json.prettyText, to: path)
            }
            if let path = parsed.value("--html") {
                try ReportFile.write(HTMLRenderer.render(validation: report), to: path)
            }
            return report.valid ? 0 : 1
        }
    }
}
