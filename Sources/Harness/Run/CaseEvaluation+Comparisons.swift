/// Equivalence, contract and determinism checks.
extension CaseEvaluation {
    func equivalenceCheck(_ output: OutputConfig, notebook: String, pipeline: String) -> CheckResult {
        do {
            let diff = try FileComparator.compare(expected: notebook, actual: pipeline, options: output.options)
            if diff.equal {
                return CheckResult(kind: .equivalence, output: output.name, status: .passed,
                                   message: "notebook and pipeline agree (\(DiffSummary.counted(diff.rowsCompared, diff.format.unit)) compared)", diff: diff)
            }
            return CheckResult(kind: .equivalence, output: output.name, status: .failed,
                               message: "the pipeline's \(output.name) differs from the notebook's: " + DiffSummary.counts(diff),
                               fix: "harness diff \(shellQuoted(notebook)) \(shellQuoted(pipeline))" + DiffSummary.flags(output.options),
                               diff: diff)
        } catch {
            return CheckResult(kind: .equivalence, output: output.name, status: .failed,
                               message: "cannot compare the notebook's and the pipeline's \(output.name): " + DiagnosticRenderer.render(error))
        }
    }

    func contractCheck(_ output: OutputConfig, side: RunSide, data: String, contract: String) -> CheckResult {
        do {
            let report = try ContractValidator.validate(data: data, contract: contract, options: ValidateOptions(maxErrors: 50))
            if report.valid {
                var message = "\(output.name) meets its contract (\(DiffSummary.counted(report.rowsChecked, report.unit)) checked)"
                if report.warningCount > 0 { message += ", \(DiffSummary.counted(report.warningCount, "warning"))" }
                return CheckResult(kind: .contract, output: output.name, side: side, status: .passed, message: message, validation: report)
            }
            let types = ViolationType.counted(report.counts)
            return CheckResult(kind: .contract, output: output.name, side: side, status: .failed,
                               message: "the \(side.rawValue)'s \(output.name) breaks its contract: \(types)",
                               fix: "harness validate \(shellQuoted(data)) --contract \(shellQuoted(contract))",
                               validation: report)
        } catch {
            // A contract that cannot be read or declares something unsupported is a
            // configuration error, not a property of the data.
            return CheckResult(kind: .contract, output: output.name, side: side, status: .error,
                               message: "the contract cannot be used: " + DiagnosticRenderer.render(error))
        }
    }

    /// Compares repetition 1 with each later one; the first that differs fails the check.
    func determinismCheck(_ output: OutputConfig, side: RunSide) -> CheckResult? {
        guard let relative = output.path(for: side), let first = firstRun(side), let reference = first.file(for: output),
              FileBytes.exists(reference) else { return nil }
        let later = runs.filter { $0.side == side && $0.repetition > 1 && $0.completed }
        guard !later.isEmpty else { return nil }
        for run in later {
            guard let path = run.file(for: output), FileBytes.exists(path) else {
                return CheckResult(kind: .determinism, output: output.name, side: side, status: .failed,
                                   message: "run \(run.repetition) of the \(side.rawValue) did not write \(relative), run 1 did")
            }
            do {
                let diff = try FileComparator.compare(expected: reference, actual: path, options: output.options)
                if !diff.equal {
                    var message = "the \(side.rawValue)'s \(output.name) differs between run 1 and run \(run.repetition): "
                    message += DiffSummary.first(diff) + ". "
                    message += "Nondeterminism usually comes from an unseeded random generator (random, numpy, scikit-learn's random_state) "
                    message += "or the clock; set the seed, or ignore the column if it is a timestamp"
                    return CheckResult(kind: .determinism, output: output.name, side: side, status: .failed, message: message,
                                       fix: "harness diff \(shellQuoted(reference)) \(shellQuoted(path))" + DiffSummary.flags(output.options),
                                       diff: diff)
                }
            } catch {
                return CheckResult(kind: .determinism, output: output.name, side: side, status: .failed,
                                   message: "cannot compare run 1 with run \(run.repetition): " + DiagnosticRenderer.render(error))
            }
        }
        return CheckResult(kind: .determinism, output: output.name, side: side, status: .passed,
                           message: "the same in all \(options.repeatCount) runs")
    }

}

/// Words and flags that describe a `DiffReport` in check messages.
enum DiffSummary {
    /// `3 differing rows (5 cells), 1 missing row, 2 extra rows, missing column "x"`
    static func counts(_ diff: DiffReport) -> String {
        var parts: [String] = []
        let unit = diff.format.unit
        if diff.differingRows > 0 || diff.differingCells > 0 {
            let values = counted(diff.differingCells, diff.format.valueWord)
            if diff.format == .json {
                parts.append("1 document differs (\(values))")
            } else {
                parts.append("\(counted(diff.differingRows, "differing " + unit)) (\(values))")
            }
        }
        if diff.missingRows > 0 { parts.append(counted(diff.missingRows, "missing " + unit)) }
        if diff.extraRows > 0 { parts.append(counted(diff.extraRows, "extra " + unit)) }
        if !diff.missingColumns.isEmpty { parts.append("missing column" + (diff.missingColumns.count == 1 ? " " : "s ") + diff.missingColumns.map { "\"\($0)\"" }.joined(separator: ", ")) }
        if !diff.extraColumns.isEmpty { parts.append("extra column" + (diff.extraColumns.count == 1 ? " " : "s ") + diff.extraColumns.map { "\"\($0)\"" }.joined(separator: ", ")) }
        if parts.isEmpty { parts.append(counted(diff.totalDiffs, "difference")) }
        return parts.joined(separator: ", ") + (diff.diffs.isEmpty ? "" : "; first: " + first(diff))
    }

    /// "1 row", "2 records": a count and its noun, plural when it is not 1.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// What one unit of a format is called: a CSV row, a JSON Lines record, a document.
    /// The first difference in words: `row 4, column "revenue": 10.5 → 11`.
    static func first(_ diff: DiffReport) -> String {
        guard let difference = diff.diffs.first else {
            if let column = diff.missingColumns.first { return "column \"\(column)\" is missing" }
            if let column = diff.extraColumns.first { return "column \"\(column)\" is extra" }
            return "\(diff.totalDiffs) differences"
        }
        var text = ""
        if let row = difference.row { text += diff.format.positionWord + " \(row)" }
        if let key = difference.key { text += " (key \(key.joined(separator: ", ")))" }
        if let column = difference.column { text += ", column \"\(column)\"" }
        if let pointer = difference.pointer { text += (text.isEmpty ? "at " : ", at ") + (pointer.isEmpty ? "/" : pointer) }
        switch difference.kind {
        case .missingRow: text += ": missing in actual"
        case .extraRow: text += ": extra in actual"
        case .missingMember: text += ": missing"
        case .extraMember: text += ": extra"
        default: text += ": \(difference.expected ?? "∅") → \(difference.actual ?? "∅")"
        }
        return text
    }

    /// The `harness diff` flags that reproduce a comparison.
    static func flags(_ options: CompareOptions) -> String {
        var text = ""
        if !options.key.isEmpty { text += " --key " + shellQuoted(options.key.joined(separator: ",")) }
        for ignored in options.ignore { text += " --ignore " + shellQuoted(ignored) }
        if options.rtol > 0 { text += " --rtol \(options.rtol)" }
        if options.atol > 0 { text += " --atol \(options.atol)" }
        if let format = options.format { text += " --format \(format.rawValue)" }
        return text
    }
}
