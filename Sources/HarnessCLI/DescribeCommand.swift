import Harness

/// `harness describe DATA [--out FILE]`: exit 0 with a drafted contract, 2 on trouble.
enum DescribeCommand {
    static let interface = CommandInterface(
        name: "describe",
        operands: "DATA",
        options: [
            OptionSpec(name: "--out", value: "FILE", help: "write the contract to FILE (atomically) instead of standard output"),
        ],
        summary: """
        Drafts a contract from data in one streaming pass: a Tabular Data Resource for CSV
        (narrowest types, required, unique, minimum/maximum, enum for text with at most 20
        distinct values that repeat, missingValues as seen, an id-like primaryKey), a JSON
        Schema 2020-12 for JSON and JSON Lines (types, required properties, ranges, enums).
        The draft validates the file it came from; edit it before relying on it.
        Exit 0 when drafted, 2 on bad flags or unreadable or malformed input.
        """,
        example: "harness describe out/monthly_revenue.csv --out contracts/monthly_revenue.json")

    static func main(_ arguments: [String], console: Console, environment: [String: String]) -> Int32 {
        interface.run(arguments, console: console) { parsed in
            guard parsed.positional.count == 1 else {
                throw HarnessError.usage("describe needs one data file (got \(parsed.positional.count))",
                                         hint: "harness describe data.csv --out contracts/data.json")
            }
            let description = try DataDescriber.describe(path: parsed.positional[0])
            let text = description.contract.prettyText + "\n"
            if let path = parsed.value("--out") {
                try ReportFile.write(text, to: path)
                console.err("wrote \(path) (\(description.rows) \(description.fields.isEmpty ? "record(s)" : "row(s)") described)\n")
            } else {
                console.out(text)
            }
            for note in description.notes { console.err("note: \(note.text)\n") }
            return 0
        }
    }
}
