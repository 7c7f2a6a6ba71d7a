/// What one check found, as a value: what was compared, what differed and the counts (in the
/// diff or validation report it carries), and what the fix needs. `CheckFinding+Words.swift`
/// is the one place that turns it into the sentence and the command every reporter shows, so
/// nothing builds a sentence and later reads it back or rewrites it.
public enum CheckFinding: Sendable {
    // Golden checks. `rerun` is the command that runs the case again (`harness run sales`).
    case goldenMissing(golden: String, rerun: String)
    case goldenMatches(DiffReport, unchanged: Bool)
    case goldenDiffers(DiffReport, drift: GoldenDrift, rerun: String)
    case goldenNotCompared(reason: String)
    case goldenRecorded
    case goldenUpdated(was: DiffReport?)
    case goldenNotRecorded(reason: String)
    /// Recorded, but the batch of this run's goldens could not be written.
    case goldenNotWritten(reason: String)

    // Equivalence: the notebook's output (expected) against the pipeline's (actual).
    case equivalent(DiffReport)
    case notEquivalent(DiffReport, options: CompareOptions)
    case notCompared(reason: String)

    // Contracts.
    case contractMet(ValidationReport)
    case contractBroken(ValidationReport)
    case contractUnusable(reason: String)

    // Determinism under --repeat: run 1 (expected) against run `repetition` (actual).
    case sameInAllRuns(count: Int)
    case differsBetweenRuns(DiffReport, repetition: Int, options: CompareOptions)
    case notWrittenInRun(repetition: Int, path: String)
    case runsNotCompared(repetition: Int, reason: String)

    // Execution. `repetition` is set under --repeat.
    case couldNotStart(repetition: Int?, reason: String)
    case didNotRun
    case completed
    case failed(RunFailure)
    case timedOut(seconds: Double, failure: RunFailure?, repetition: Int?, rerun: String, suggestedTimeout: Int)
    case interrupted(repetition: Int?)
    /// A declared output the run did not write; `setting` is the config key that names it.
    case outputNotWritten(path: String, nearest: String?, written: [String], setting: String)

    /// A data file no output declares, under `"unexpected_outputs": "fail"`.
    case undeclaredOutput(UnexpectedOutput, caseName: String)

    /// The comparison behind the finding, for the reporters' tables.
    public var diff: DiffReport? {
        switch self {
        case .goldenMatches(let diff, _), .goldenDiffers(let diff, _, _), .equivalent(let diff),
             .notEquivalent(let diff, _), .differsBetweenRuns(let diff, _, _):
            return diff
        case .goldenUpdated(let was): return was
        default: return nil
        }
    }

    /// Why a run did not complete: the one place a run's failure is kept in the report
    /// (its `RunRecord` has the outcome, the output tails and the kept files).
    public var failure: RunFailure? {
        switch self {
        case .failed(let failure): return failure
        case .timedOut(_, let failure, _, _, _): return failure
        case .couldNotStart(_, let reason): return RunFailure(summary: reason)
        default: return nil
        }
    }

    /// The validation behind the finding.
    public var validation: ValidationReport? {
        switch self {
        case .contractMet(let report), .contractBroken(let report): return report
        default: return nil
        }
    }

    /// The same finding with every file path passed through `move` (a kept run's folder
    /// moved to `.harness/runs/`).
    func movingPaths(_ move: (String) -> String) -> CheckFinding {
        func moved(_ diff: DiffReport) -> DiffReport {
            var diff = diff
            diff.expectedPath = move(diff.expectedPath)
            diff.actualPath = move(diff.actualPath)
            return diff
        }
        switch self {
        case .goldenMatches(let diff, let unchanged): return .goldenMatches(moved(diff), unchanged: unchanged)
        case .goldenDiffers(let diff, let drift, let rerun): return .goldenDiffers(moved(diff), drift: drift, rerun: rerun)
        case .goldenUpdated(let was): return .goldenUpdated(was: was.map(moved))
        case .equivalent(let diff): return .equivalent(moved(diff))
        case .notEquivalent(let diff, let options): return .notEquivalent(moved(diff), options: options)
        case .differsBetweenRuns(let diff, let repetition, let options):
            return .differsBetweenRuns(moved(diff), repetition: repetition, options: options)
        case .contractMet(var report):
            report.dataPath = move(report.dataPath)
            return .contractMet(report)
        case .contractBroken(var report):
            report.dataPath = move(report.dataPath)
            return .contractBroken(report)
        default: return self
        }
    }
}

/// Which side drifted from a golden, when both sides were checked against it.
public enum GoldenDrift: Sendable, Equatable {
    /// Not known (one side only, or the sides differ from each other too).
    case unexplained
    /// Notebook and pipeline agree with each other and both differ from the golden.
    case both
    /// The notebook matches the golden; the pipeline does not.
    case pipelineOnly
}

/// What became of the reference side's output when its golden check failed.
public enum PendingState: Sendable, Equatable {
    /// Kept for `harness golden review`; `label` is `case/output`.
    case kept(label: String, rerun: String)
    case notKept(reason: String)
}
