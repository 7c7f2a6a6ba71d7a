/// Data files written beside declared outputs that no output declares.
extension CaseEvaluation {
    /// Finds them in each side's first completed run: failed checks under
    /// `"unexpected_outputs": "fail"`, warnings (`unexpected`) under `warn`, nothing under
    /// `ignore`.
    mutating func checkUnexpectedOutputs() {
        guard config.unexpectedOutputs != .ignore else { return }
        for side in config.sides {
            guard let run = firstRun(side), let sandbox = run.result?.sandbox else { continue }
            for path in UnexpectedOutputScan.find(config: config, side: side, sandbox: sandbox) {
                let found = UnexpectedOutput(side: side, path: path)
                guard config.unexpectedOutputs == .fail else {
                    unexpected.append(found)
                    continue
                }
                checks.append(CheckResult(kind: .unexpectedOutput, output: path, side: side, status: .failed,
                                          finding: .undeclaredOutput(found, caseName: config.name)))
            }
        }
    }
}
