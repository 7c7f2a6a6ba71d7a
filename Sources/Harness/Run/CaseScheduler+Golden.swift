/// What a golden batch that could not be written means for the cases that staged into it.
extension CaseScheduler.Finished {
    /// The case as reported when its staged goldens were not written: each golden check
    /// that recorded becomes an error saying why, and the case fails with it.
    func withUnwrittenGoldens(reason: String) -> Self {
        if recorded.isEmpty { return self }
        var result = self
        for index in result.report.checks.indices {
            let check = result.report.checks[index]
            guard check.kind == .golden, check.status == .passed, let output = check.output,
                  let side = check.side, recorded[output] == side
            else { continue }
            result.report.checks[index].status = .error
            result.report.checks[index].finding = .goldenNotWritten(reason: reason)
        }
        result.golden.skipped += golden.created + golden.updated
        result.golden.created = []
        result.golden.updated = []
        if result.report.status == .passed { result.report.status = .failed }
        return result
    }
}
