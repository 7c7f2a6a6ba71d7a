/// Pending goldens: what the reference side wrote when its golden check failed, kept for a
/// person to accept or reject (`harness golden review`). Never under CI (the run options
/// then have no pending folder) and never with `--update-golden`, which writes goldens.
extension CaseEvaluation {
    /// Keeps the reference side's file of `output` as its pending golden when that side's
    /// golden check failed; removes a pending golden the run has made stale (the reference
    /// now matches, or its golden was just recorded).
    mutating func keepPending(_ output: OutputConfig, produced: [RunSide: String], reference: RunSide,
                              results: inout [CheckResult]) {
        guard let folder = options.pendingFolder else { return }
        let pending = PendingGoldens(folder: folder)
        guard let path = produced[reference],
              let index = results.firstIndex(where: { $0.kind == .golden && $0.side == reference }) else { return }
        guard results[index].status == .failed, !options.updateGolden else {
            pending.discard(case: config.name, output: output.name)
            return
        }
        do {
            try pending.keep(path, case: config.name, output: output.name)
            results[index].pending = .kept(label: "\(config.name)/\(output.name)", rerun: caseCommand)
        } catch {
            results[index].pending = .notKept(reason: DiagnosticRenderer.render(error))
        }
    }
}
