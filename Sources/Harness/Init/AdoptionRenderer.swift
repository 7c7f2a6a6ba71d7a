/// The words of `harness init`'s result, in one place.
public enum AdoptionRenderer {
    public static func render(_ result: AdoptionResult, notebook: String) -> String {
        if let failure = result.failure {
            var text = "init: the notebook failed" + (result.failedWithDeclaredInputs ? " when given only the files it read the first time" : "")
                + "; nothing was written\n  " + failure.summary + "\n"
            if let excerpt = failure.sourceExcerpt, !excerpt.isEmpty {
                text += excerpt.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
            }
            if let hint = failure.hint { text += "  hint: " + hint + "\n" }
            return text
        }
        var text = "init: case \"\(result.caseName)\" for \(notebook)\n"
        if let working = result.workingFolder { text += "  working folder (cwd, from --root): \(working)\n" }
        if let working = result.workingFolder { text += "  working folder (cwd, from --root): \(working)\n" }
        text += "  inputs (read by the notebook): " + list(result.inputs) + "\n"
        if !result.parameters.isEmpty { text += "  parameters (cell tagged \"parameters\"): " + result.parameters.joined(separator: ", ") + "\n" }
        text += "  outputs (compared):\n"
        if result.outputs.isEmpty { text += "    (none)\n" }
        for output in result.outputs {
            var line = "    \(output.name) ← \(output.path)"
            if !output.key.isEmpty { line += "; key \(output.key.map { $0.isEmpty ? "\"\" (the unnamed index)" : $0 }.joined(separator: ",")) (unique, never empty)" }
            text += line + "\n"
            if let problem = output.contractProblem {
                text += "      no contract drafted: \(problem)\n"
            }
            if !output.ignore.isEmpty {
                text += "      suggestion: ignore \(output.ignore.joined(separator: ", ")) (looks like the time of the run); remove it from harness.json if it is data\n"
            }
        }
        for path in result.nondeterministic {
            text += "  nondeterministic: \(path) differed between two runs; not recorded (seed the randomness, or declare it by hand with a tolerance or ignore)\n"
        }
        if !result.notCompared.isEmpty { text += "  also written, not compared: " + list(result.notCompared) + "\n" }
        text += "  wrote:\n" + result.written.map { "    " + $0 + "\n" }.joined()
        if let report = result.checkReport {
            let passed = report.cases.flatMap(\.checks).filter { $0.status == .passed }.count
            let all = report.cases.flatMap(\.checks).count
            text += "  checked: harness run \(result.caseName): \(report.exitCode == 0 ? "passed" : "FAILED") (\(passed) of \(all) checks passed)\n"
        }
        text += "next: declare the refactored pipeline in harness.json (\"pipeline\": {\"command\": [...]}) and run 'harness run \(result.caseName)'\n"
        return text
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "(none)" : items.joined(separator: ", ")
    }
}
