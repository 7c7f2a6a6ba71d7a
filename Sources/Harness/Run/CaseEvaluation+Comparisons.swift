/// Equivalence, contract and determinism checks.
extension CaseEvaluation {
    func equivalenceCheck(_ output: OutputConfig, notebook: String, pipeline: String) -> CheckResult {
        do {
            let diff = try FileComparator.compare(expected: notebook, actual: pipeline, options: output.options)
            return CheckResult(kind: .equivalence, output: output.name, status: diff.equal ? .passed : .failed,
                               finding: diff.equal ? .equivalent(diff) : .notEquivalent(diff, options: output.options))
        } catch {
            return CheckResult(kind: .equivalence, output: output.name, status: .failed,
                               finding: .notCompared(reason: DiagnosticRenderer.render(error)))
        }
    }

    func contractCheck(_ output: OutputConfig, side: RunSide, data: String, contract: String) -> CheckResult {
        do {
            let report = try ContractValidator.validate(data: data, contract: contract, options: ValidateOptions(maxErrors: 50))
            return CheckResult(kind: .contract, output: output.name, side: side, status: report.valid ? .passed : .failed,
                               finding: report.valid ? .contractMet(report) : .contractBroken(report))
        } catch {
            // A contract that cannot be read or declares something unsupported is a
            // configuration error, not a property of the data.
            return CheckResult(kind: .contract, output: output.name, side: side, status: .error,
                               finding: .contractUnusable(reason: DiagnosticRenderer.render(error)))
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
                                   finding: .notWrittenInRun(repetition: run.repetition, path: relative))
            }
            do {
                let diff = try FileComparator.compare(expected: reference, actual: path, options: output.options)
                if !diff.equal {
                    return CheckResult(kind: .determinism, output: output.name, side: side, status: .failed,
                                       finding: .differsBetweenRuns(diff, repetition: run.repetition, options: output.options))
                }
            } catch {
                return CheckResult(kind: .determinism, output: output.name, side: side, status: .failed,
                                   finding: .runsNotCompared(repetition: run.repetition, reason: DiagnosticRenderer.render(error)))
            }
        }
        return CheckResult(kind: .determinism, output: output.name, side: side, status: .passed,
                           finding: .sameInAllRuns(count: options.repeatCount))
    }
}
