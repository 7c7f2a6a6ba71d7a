import Harness

/// `harness assess NOTEBOOK.ipynb [--json PATH]`: exit 0 no findings, 1 findings, 2 trouble.
enum AssessCommand {
    static let interface = CommandInterface(
        name: "assess",
        operands: "NOTEBOOK.ipynb",
        options: [
            OptionSpec(name: "--json", value: "PATH", help: "also write findings, cells and the Mermaid map as JSON to PATH"),
        ],
        summary: """
        The refactoring checklist, read with Python's ast (nothing is run): saved execution
        counts out of order, names used before the cell that defines them, absolute paths and
        paths outside the project, credentials in sources or saved outputs (never printed),
        unseeded randomness, imports after the first working cell, cells over 50 lines, global
        state changes; then a dependency map (names and files per cell) and a Mermaid flowchart.
        Uses $HARNESS_PYTHON or python3 (3.8+, standard library only).
        Exit 0 when nothing was found, 1 with findings, 2 on bad flags or an unreadable notebook.
        """,
        example: "harness assess notebooks/analysis.ipynb --json assessment.json")

    static func main(_ arguments: [String], console: Console, environment: [String: String]) -> Int32 {
        interface.run(arguments, console: console) { parsed in
            guard parsed.positional.count == 1 else {
                throw HarnessError.usage("assess needs one notebook (got \(parsed.positional.count))",
                                         hint: "harness assess notebooks/analysis.ipynb")
            }
            let python = try PythonEnvironment.prepare(executable: nil, requirements: nil, cacheFolder: "",
                                                       environment: environment, console: console)
            let assessment = try NotebookAssessor.assess(notebook: parsed.positional[0], python: python.executable,
                                                         environment: environment)
            console.out(AssessRenderer.terminal(assessment))
            if let path = parsed.value("--json") {
                try ReportFile.write(AssessRenderer.json(assessment).prettyText + "\n", to: path)
            }
            return assessment.findings.isEmpty ? 0 : 1
        }
    }
}
