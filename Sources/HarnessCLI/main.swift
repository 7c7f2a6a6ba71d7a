import Harness

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The executable only parses arguments, calls the library and turns results into exit codes.

let environment = ProcessEnvironment.current
let console = TerminalConsole(environment: environment)
let arguments = Array(CommandLine.arguments.dropFirst())

let topHelp = """
USAGE: harness <command> [options]

Proves that a refactored data pipeline still behaves like the notebook it came from.

COMMANDS:
  run        run notebooks and pipelines, check outputs against goldens, each other and contracts
  diff       compare two CSV, JSON or JSON Lines files
  validate   check a CSV or JSON file against a contract
  golden     review, accept or reject pending goldens (kept when a golden check fails)
  init       adopt a notebook: trace its files, write its case, contracts and goldens
  describe   draft a contract (Table Schema or JSON Schema) from a data file
  assess     the refactoring checklist of a notebook, and its dependency map

Run 'harness <command> --help' for a command's options and an example.

EXIT CODES:
  0  passed / same / valid
  1  a check failed / different / invalid
  2  usage, configuration or input error
  3  (run, init) a notebook or pipeline did not run to completion

"""

let commands: [String: ([String], Console, [String: String]) -> Int32] = [
    "diff": DiffCommand.main,
    "validate": ValidateCommand.main,
    "run": RunCommand.main,
    "golden": GoldenCommand.main,
    "describe": DescribeCommand.main,
    "assess": AssessCommand.main,
    "init": InitCommand.main,
]

@MainActor func dispatch() -> Int32 {
    guard let first = arguments.first else {
        console.err(topHelp)
        return 2
    }
    switch first {
    case "--help", "-h", "help":
        console.out(topHelp)
        return 0
    case "--version":
        console.out("harness \(HarnessVersion.current)\n")
        return 0
    default:
        guard let command = commands[first] else {
            let error = HarnessError.unknownName(nil, kind: first.hasPrefix("-") ? "option" : "command", name: first,
                                                 known: commands.keys.sorted() + ["--help", "--version"],
                                                 hint: "see 'harness --help'")
            console.err(DiagnosticRenderer.render(error) + "\n")
            return 2
        }
        return command(Array(arguments.dropFirst()), console, environment)
    }
}

exit(dispatch())
