/// A check's finding in words: the one place its sentence and its fix are written, for every
/// reporter (terminal, JUnit, JSON, HTML, GitHub).
extension CheckResult {
    /// One or two sentences: what was found.
    public var message: String {
        let output = self.output ?? ""
        let side = self.side?.rawValue ?? "run"
        var text: String
        switch finding {
        case .goldenMissing(let golden, _):
            text = "no golden yet for \(output) (\(golden))"
        case .goldenMatches(_, let unchanged):
            text = unchanged ? "matches the golden (unchanged)" : "matches the golden"
        case .goldenDiffers(let diff, let drift, _):
            switch drift {
            case .unexplained:
                text = "the \(side)'s \(output) differs from the golden: " + DiffSummary.counts(diff)
            case .both:
                text = "notebook and pipeline agree with each other, but both differ from the golden: "
                    + "the behaviour changed in both (or the golden is stale). " + DiffSummary.counts(diff)
            case .pipelineOnly:
                text = "the pipeline's \(output) differs from the golden while the notebook's matches: "
                    + "the refactor changed behaviour. " + DiffSummary.counts(diff)
            }
        case .goldenNotCompared(let reason): text = "cannot compare with the golden: " + reason
        case .goldenRecorded: text = "recorded a new golden from the \(side)"
        case .goldenUpdated(let was):
            text = "updated the golden from the \(side) (was: \(was.map(DiffSummary.counts) ?? "it could not be compared"))"
        case .goldenNotRecorded(let reason): text = "cannot record the golden: " + reason
        case .goldenNotWritten(let reason): text = "golden not written: no golden of this run was, because " + reason
        case .equivalent(let diff):
            text = "notebook and pipeline agree (\(DiffSummary.counted(diff.rowsCompared, diff.format.unit)) compared)"
        case .notEquivalent(let diff, _):
            text = "the pipeline's \(output) differs from the notebook's: " + DiffSummary.counts(diff)
        case .notCompared(let reason):
            text = "cannot compare the notebook's and the pipeline's \(output): " + reason
        case .contractMet(let report):
            text = "\(output) meets its contract (\(DiffSummary.counted(report.rowsChecked, report.unit)) checked)"
            if report.warningCount > 0 { text += ", \(DiffSummary.counted(report.warningCount, "warning"))" }
        case .contractBroken(let report):
            text = "the \(side)'s \(output) breaks its contract: " + ViolationType.counted(report.counts)
        case .contractUnusable(let reason): text = "the contract cannot be used: " + reason
        case .sameInAllRuns(let count): text = "the same in all \(count) runs"
        case .differsBetweenRuns(let diff, let repetition, _):
            text = "the \(side)'s \(output) differs between run 1 and run \(repetition): " + DiffSummary.first(diff) + ". "
                + "Nondeterminism usually comes from an unseeded random generator (random, numpy, scikit-learn's random_state) "
                + "or the clock; set the seed, or ignore the column if it is a timestamp"
        case .notWrittenInRun(let repetition, let path):
            text = "run \(repetition) of the \(side) did not write \(path), run 1 did"
        case .runsNotCompared(let repetition, let reason):
            text = "cannot compare run 1 with run \(repetition): " + reason
        case .couldNotStart(let repetition, let reason):
            text = "\(side)\(Self.repetition(repetition)) could not start: " + reason
        case .didNotRun: text = "\(side) did not run"
        case .completed: text = "completed"
        case .failed(let failure): text = failure.summary
        case .timedOut(let seconds, let failure, let repetition, _, _):
            text = (failure?.summary ?? "\(side)\(Self.repetition(repetition)) timed out after \(formatSeconds(seconds))")
                + "; every process it started was stopped"
        case .interrupted(let repetition): text = "\(side)\(Self.repetition(repetition)) was interrupted"
        case .outputNotWritten(let path, let nearest, let written, _):
            text = "the \(side) did not write \(path) (output \"\(output)\")"
            if let nearest {
                text += "; it wrote \(nearest): is that the path to declare?"
            } else if !written.isEmpty {
                text += "; files it wrote: " + written.prefix(8).joined(separator: ", ")
            }
        case .undeclaredOutput(let found, _):
            text = "the \(side) wrote \(found.path), which no output declares, so nothing checks it"
        }
        switch pending {
        case .kept?: text += " (kept as a pending golden)"
        case .notKept(let reason)?: text += " (could not keep it as a pending golden: " + reason + ")"
        case nil: break
        }
        return text
    }

    /// The command that fixes, records or reproduces it.
    public var fix: String? {
        if case .kept(let label, let rerun)? = pending {
            return "harness golden review   (or harness golden accept \(label); \(rerun) --update-golden records every change)"
        }
        switch finding {
        case .goldenMissing(_, let rerun): return "\(rerun) --update-golden"
        case .goldenDiffers(_, let drift, let rerun):
            switch drift {
            case .unexplained: return "\(rerun) --update-golden   (only if the change is intended)"
            case .both: return "\(rerun) --update-golden   (if the change is intended)"
            case .pipelineOnly: return "fix the pipeline; the golden and the notebook agree"
            }
        case .notEquivalent(let diff, let options), .differsBetweenRuns(let diff, _, let options):
            return "harness diff \(shellQuoted(diff.expectedPath)) \(shellQuoted(diff.actualPath))" + DiffSummary.flags(options)
        case .contractBroken(let report):
            return "harness validate \(shellQuoted(report.dataPath)) --contract \(shellQuoted(report.contractPath))"
        case .timedOut(_, _, _, let rerun, let suggested):
            return "\(rerun) --timeout \(suggested)   (or raise \"timeout\" for the case in the config)"
        case .outputNotWritten(_, _, _, let setting): return "correct \(setting) in the config"
        case .undeclaredOutput(let found, let caseName):
            return "declare it (\(found.declaration(caseName: caseName))), or set cases.\(caseName).unexpected_outputs to \"ignore\""
        default: return nil
        }
    }

    private static func repetition(_ number: Int?) -> String {
        number.map { " (run \($0))" } ?? ""
    }
}
