/// Golden checks, and recording goldens under `--update-golden`.
extension CaseEvaluation {
    /// Checks each produced file against `golden/<case>/<output>`. The reference side (the
    /// notebook when there is one) is checked and, when asked and the case is healthy,
    /// recorded first, so the other side is checked against what is now the golden.
    mutating func goldenChecksFor(_ output: OutputConfig, produced: [RunSide: String], healthy: Bool) -> [CheckResult] {
        let reference = output.path(for: config.referenceSide) != nil ? config.referenceSide : (config.sides.first { output.path(for: $0) != nil } ?? config.referenceSide)
        let goldenPath = store.path(case: config.name, output: output.name)
        let label = "\(config.name)/\(output.name)"
        var results: [CheckResult] = []
        var missingReported = false

        for side in [reference] + config.sides.filter({ $0 != reference }) {
            guard let path = produced[side] else { continue }
            // A golden recorded by this run is staged, not yet in place: the other side is
            // compared with what is about to be the golden.
            let currentGolden = batch?.stagedPath(of: goldenPath) ?? goldenPath
            let exists = FileBytes.exists(currentGolden)
            var diff: DiffReport?
            var compareError: String?
            if exists {
                do {
                    var options = output.options
                    options.format = options.format(for: goldenPath)  // the staged file's name says nothing
                    diff = try FileComparator.compare(expected: currentGolden, actual: path, options: options)
                } catch {
                    compareError = DiagnosticRenderer.render(error)
                }
            }
            if side == reference && options.updateGolden {
                if healthy {
                    if let check = record(output, from: path, side: side, exists: exists, diff: diff, label: label) {
                        results.append(check)
                        continue
                    }
                } else {
                    golden.skipped.append(label)
                }
            }
            if !exists {
                // Said once per output: the other side has nothing to add.
                if missingReported { continue }
                missingReported = true
                results.append(CheckResult(kind: .golden, output: output.name, side: side, status: .failed,
                                           finding: .goldenMissing(golden: relative(goldenPath), rerun: caseCommand)))
                continue
            }
            if let compareError {
                results.append(CheckResult(kind: .golden, output: output.name, side: side, status: .failed,
                                           finding: .goldenNotCompared(reason: compareError)))
                continue
            }
            guard let diff else { continue }
            if diff.equal {
                results.append(CheckResult(kind: .golden, output: output.name, side: side, status: .passed,
                                           finding: .goldenMatches(diff, unchanged: false)))
            } else {
                results.append(CheckResult(kind: .golden, output: output.name, side: side, status: .failed,
                                           finding: .goldenDiffers(diff, drift: .unexplained, rerun: caseCommand)))
            }
        }
        explainDrift(&results, output: output)
        keepPending(output, produced: produced, reference: reference, results: &results)
        return results
    }

    /// Records the golden when it is missing or differs beyond tolerance (no churn).
    /// Returns the check to report, or nil when recording failed and the normal check applies.
    mutating func record(_ output: OutputConfig, from path: String, side: RunSide, exists: Bool, diff: DiffReport?,
                         label: String) -> CheckResult? {
        if exists, let diff, diff.equal {
            golden.unchanged.append(label)
            return CheckResult(kind: .golden, output: output.name, side: side, status: .passed,
                               finding: .goldenMatches(diff, unchanged: true))
        }
        do {
            if let batch {
                try batch.stage(path, case: config.name, output: output.name)
            } else {
                try store.record(path, case: config.name, output: output.name)
            }
        } catch {
            return CheckResult(kind: .golden, output: output.name, side: side, status: .error,
                               finding: .goldenNotRecorded(reason: DiagnosticRenderer.render(error)))
        }
        recorded[output.name] = side
        if exists {
            golden.updated.append(label)
            return CheckResult(kind: .golden, output: output.name, side: side, status: .passed,
                               finding: .goldenUpdated(was: diff))
        }
        golden.created.append(label)
        return CheckResult(kind: .golden, output: output.name, side: side, status: .passed, finding: .goldenRecorded)
    }

    /// Says which side drifted: both (behaviour changed, or the golden is stale) or one.
    func explainDrift(_ results: inout [CheckResult], output: OutputConfig) {
        guard config.sides.count == 2 else { return }
        let differing = results.indices.filter { index in
            if case .goldenDiffers = results[index].finding { return true }
            return false
        }
        let failedSides = Set(differing.compactMap { results[$0].side })
        let equivalent = checks.contains { $0.kind == .equivalence && $0.output == output.name && $0.status == .passed }
        let drift: GoldenDrift
        if failedSides.count == 2 && equivalent {
            drift = .both
        } else if failedSides == [.pipeline] {
            drift = .pipelineOnly
        } else {
            return
        }
        for index in differing {
            guard case .goldenDiffers(let diff, _, let rerun) = results[index].finding else { continue }
            results[index].finding = .goldenDiffers(diff, drift: drift, rerun: rerun)
        }
    }

    /// `path` relative to the config's folder, as people typed it.
    func relative(_ path: String) -> String {
        let root = options.displayRoot.hasSuffix("/") ? options.displayRoot : options.displayRoot + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}
