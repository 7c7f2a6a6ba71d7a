import Foundation
import Harness

/// `harness run`: exit 0 passed, 1 a check failed, 2 usage or configuration, 3 a run broke.
enum RunCommand {
    static let interface = CommandInterface(
        name: "run",
        operands: "[CASE ...]",
        options: [
            OptionSpec(name: "--config", value: "PATH", help: "configuration file (default harness.json)"),
            OptionSpec(name: "--update-golden", value: nil, help: "record goldens that are missing or differ beyond tolerance"),
            OptionSpec(name: "--prune-golden", value: nil, help: "delete goldens of the cases that ran that no output declares"),
            OptionSpec(name: "--fail-on-unused", value: nil, help: "unused goldens (no output declares them) fail the run, for CI"),
            OptionSpec(name: "--jobs", value: "N", help: "runs at once (default: the number of cores)"),
            OptionSpec(name: "--shard", value: "K/N", help: "run only shard K of N (a stable partition of case names)"),
            OptionSpec(name: "--repeat", value: "N", help: "run each case N times and report nondeterministic outputs"),
            OptionSpec(name: "--timeout", value: "SECONDS", help: "override every case's timeout"),
            OptionSpec(name: "--junit", value: "PATH", help: "write a JUnit XML report"),
            OptionSpec(name: "--json", value: "PATH", help: "write the machine-readable report"),
            OptionSpec(name: "--html", value: "PATH", help: "write a self-contained HTML report"),
            OptionSpec(name: "--keep-sandbox", value: nil, help: "keep every run's sandbox folder (failed runs keep theirs anyway)"),
            OptionSpec(name: "--verbose", value: nil, help: "show each run's command, sandbox and output"),
        ],
        summary: """
        Runs each case's notebook and pipeline in fresh sandboxes, compares their outputs with the
        goldens and with each other, and checks the contracts.
        Exit 0 when everything passed, 1 when a check failed, 2 on a usage or configuration error,
        3 when a notebook or pipeline did not run to completion.
        A golden check that fails keeps the reference's output (the notebook's when there is one)
        as a pending golden in .harness/pending/ beside the config, never under CI (CI set to
        anything but "", 0 or false, or GITHUB_ACTIONS=true); `harness golden review` shows
        each and asks.
        """,
        example: "harness run sales --config harness.json --junit reports/junit.xml")

    static func main(_ arguments: [String], console: Console, environment: [String: String]) -> Int32 {
        interface.run(arguments, console: console) { parsed in
            let configPath = parsed.value("--config") ?? "harness.json"
            var options = RunOptions()
            options.cases = parsed.positional
            options.updateGolden = parsed.has("--update-golden")
            options.pruneGolden = parsed.has("--prune-golden")
            options.failOnUnused = parsed.has("--fail-on-unused")
            options.jobs = try parsed.integer("--jobs", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
            options.repeatCount = try parsed.integer("--repeat", minimum: 1) ?? 1
            options.timeout = try parsed.double("--timeout")
            if options.timeout == 0 { throw HarnessError.usage("--timeout must be greater than 0") }
            options.shard = try parsed.value("--shard").map(Shard.init(parsing:))
            options.keepSandbox = parsed.has("--keep-sandbox")
            options.verbose = parsed.has("--verbose")
            options.environment = environment
            options.invocation = parsed.value("--config").map { "harness run --config \($0)" } ?? "harness run"

            let config = try ConfigLoader.load(path: configPath)
            let report = try HarnessRun.execute(config: config, options: options, console: console)
            console.out(RunTerminalRenderer.details(report, color: console.useColor))
            try writeReports(report, parsed: parsed, environment: environment, config: config, console: console)
            return report.exitCode
        }
    }

    /// Writes the file reports asked for, and the GitHub Actions annotations and summary.
    static func writeReports(_ report: RunReport, parsed: ParsedArguments, environment: [String: String],
                             config: HarnessConfig, console: Console) throws {
        var report = report
        report.htmlPath = parsed.value("--html")
        // JUnit files and annotations name files by their path in the repository.
        let repository = ReportPath.repositoryRoot(of: config.folder, environment: environment,
                                                   fallback: FileManager.default.currentDirectoryPath)
        if let path = parsed.value("--json") { try ReportFile.write(report.json.prettyText, to: path) }
        if let path = parsed.value("--junit") { try ReportFile.write(JUnitRenderer.render(report, root: repository), to: path) }
        if let path = parsed.value("--html") { try ReportFile.write(HTMLRenderer.render(report), to: path) }
        if environment["GITHUB_ACTIONS"] == "true" {
            console.command(GitHubRenderer.annotations(report, root: repository))
            if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                let existing = (try? FileBytes.read(summary)) ?? []
                try ReportFile.write(existing + Array(GitHubRenderer.stepSummary(report).utf8), to: summary)
            }
        }
    }
}
