/// What a run did. A run that fails is a result, never a thrown error.
public struct RunResult: Sendable {
    public enum Outcome: Sendable {
        case completed
        case failed(RunFailure)
        /// The whole run, or one notebook cell, went past its timeout; the group was stopped.
        /// `failure` says where it was when the driver could tell (the cell, its line).
        case timedOut(seconds: Double, failure: RunFailure?)
        /// Ctrl-C or SIGTERM stopped it.
        case interrupted
    }

    public var outcome: Outcome
    /// The run's working folder; outputs are read relative to it.
    public var sandbox: String
    /// Kept beside the sandbox (in its parent, the run folder).
    public var stdoutPath: String
    public var stderrPath: String
    /// The papermill-style executed notebook (notebooks only), beside the sandbox.
    public var executedNotebookPath: String?
    /// Capture file name -> absolute path written (beside the sandbox, in `captures/`).
    public var capturedFiles: [String: String]
    /// The command that ran, for `--verbose`.
    public var command: [String]
    public var seconds: Double

    public var isCompleted: Bool {
        if case .completed = outcome { return true }
        return false
    }
}
