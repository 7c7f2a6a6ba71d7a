import Harness

/// `harness init NOTEBOOK.ipynb [--case NAME] [--config harness.json] [--force] [--root DIR]`:
/// exit 0 written and passing, 1 written but the case's check failed, 2 usage, 3 the notebook failed.
enum InitCommand {
    static let interface = CommandInterface(
        name: "init",
        operands: "NOTEBOOK.ipynb",
        options: [
            OptionSpec(name: "--case", value: "NAME", help: "name of the case (default: the notebook's file name)"),
            OptionSpec(name: "--config", value: "PATH", help: "harness.json to create or add the case to (default harness.json)"),
            OptionSpec(name: "--force", value: nil, help: "replace a case of the same name"),
            OptionSpec(name: "--root", value: "DIR", help: "lay out DIR (e.g. the repository) in the sandbox, with the notebook's folder as the case's cwd"),
        ],
        summary: """
        Adopts a notebook in one command. Runs it in a sandbox holding a copy of its folder (or of
        --root DIR, with the notebook's folder as working folder) with the files it opens traced (Python audit hooks): files it reads become inputs, the CSV and
        JSON files it writes become outputs (with a proposed key and timestamp columns to ignore),
        its "parameters" cell becomes parameters. Runs it again with only those inputs; outputs
        that differ between the runs are reported as nondeterministic and not recorded. Then
        writes the case into harness.json, drafts contracts into contracts/, records the goldens,
        runs the case once more and lists everything it wrote. Prints the notebook's assessment.
        Nothing is written when the notebook fails.
        Exit 0 when written and passing, 1 when the new case's check failed, 2 on usage or
        configuration errors, 3 when the notebook failed.
        """,
        example: "harness init notebooks/analysis.ipynb --case analysis")

    static func main(_ arguments: [String], console: Console, environment: [String: String]) -> Int32 {
        interface.run(arguments, console: console) { parsed in
            guard parsed.positional.count == 1 else {
                throw HarnessError.usage("init needs one notebook (got \(parsed.positional.count))",
                                         hint: "harness init notebooks/analysis.ipynb")
            }
            let notebook = parsed.positional[0]
            let request = NotebookAdoption.Request(notebook: notebook, caseName: parsed.value("--case"),
                                                   configPath: parsed.value("--config") ?? "harness.json",
                                                   force: parsed.has("--force"), environment: environment,
                                                   root: parsed.value("--root"))
            let result = try NotebookAdoption.adopt(request, console: console)
            console.out(AdoptionRenderer.render(result, notebook: notebook))
            if result.failure == nil, let python = try? PythonEnvironment.prepare(executable: nil, requirements: nil, cacheFolder: "",
                                                                                   environment: environment, console: console),
               let assessment = try? NotebookAssessor.assess(notebook: notebook, python: python.executable, environment: environment) {
                console.out("\n" + AssessRenderer.terminal(assessment))
            }
            return result.exitCode
        }
    }
}
