import Foundation

/// Where kept run folders go: `.harness/runs/<case>/<side>` beside the config (with the
/// repetition, `pipeline-2`, under `--repeat`), replacing what the last run of that case
/// kept. Runs happen in the system's temporary folder; only the ones a person needs to
/// look at (a failed case, `--keep-sandbox`) move here, so nothing piles up in /tmp and the
/// message of a failed run points at one predictable place.
struct KeptRuns {
    /// `<config folder>/.harness/runs`.
    let folder: String

    /// Moves each run's folder of `caseName` here, after removing what an earlier run of
    /// the case kept. Returns the runs with their paths rewritten; a run whose folder
    /// cannot be moved stays where it ran (its paths still right).
    func keep(_ runs: [SideRun], caseName: String, repeated: Bool) -> (runs: [SideRun], moves: [(from: String, to: String)]) {
        let caseFolder = folder + "/" + caseName
        try? FileManager.default.removeItem(atPath: caseFolder)
        var moves: [(from: String, to: String)] = []
        let kept = runs.map { run -> SideRun in
            guard var result = run.result else { return run }
            let source = AtomicFile.parentFolder(of: result.sandbox)
            guard result.sandbox.hasSuffix("/sandbox"), AtomicFile.baseName(of: source).hasPrefix(RunFolder.prefix) else { return run }
            let target = caseFolder + "/" + run.side.rawValue + (repeated ? "-\(run.repetition)" : "")
            do {
                try AtomicFile.makeFolders(caseFolder)
                try FileManager.default.moveItem(atPath: source, toPath: target)
            } catch {
                return run
            }
            moves.append((source, target))
            func moved(_ path: String) -> String {
                path.hasPrefix(source + "/") ? target + path.dropFirst(source.count) : path
            }
            result.sandbox = moved(result.sandbox)
            result.stdoutPath = moved(result.stdoutPath)
            result.stderrPath = moved(result.stderrPath)
            result.executedNotebookPath = result.executedNotebookPath.map(moved)
            result.capturedFiles = result.capturedFiles.mapValues(moved)
            var kept = run
            kept.result = result
            return kept
        }
        return (kept, moves)
    }

    /// The checks with every path into a moved run folder pointing at its new place (the
    /// files a finding's diff or validation names, from which its fix is written).
    static func rewrite(_ checks: [CheckResult], _ moves: [(from: String, to: String)]) -> [CheckResult] {
        guard !moves.isEmpty else { return checks }
        func moved(_ path: String) -> String {
            guard let move = moves.first(where: { path.hasPrefix($0.from + "/") }) else { return path }
            return move.to + path.dropFirst(move.from.count)
        }
        return checks.map { check in
            var check = check
            check.finding = check.finding.movingPaths(moved)
            return check
        }
    }
}
