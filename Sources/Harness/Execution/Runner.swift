/// Runs notebooks and pipelines in fresh sandboxes, one process group each.
///
/// Thread-safe: `harness run --jobs N` calls `run` from N threads at once. Every live group
/// is in `ProcessGroupRegistry`. The first child process installs handlers for SIGINT and
/// SIGTERM: a signal stops every live group and those runs return `.interrupted` (runs
/// started later too; see `isInterrupted`); with no live group, or at a second signal, the
/// default action is restored and the signal raised again, so the tool still stops. The
/// library never calls `exit` itself.
public enum Runner {
    /// Seconds between SIGTERM and SIGKILL when a run is stopped.
    public static let grace: Double = 2

    /// Runs `job` in a fresh sandbox.
    ///
    /// Never throws for a run that fails (that is the result's outcome).
    /// - Throws: `HarnessError` only when the run cannot start: the sandbox or an input
    ///   cannot be made, a `{param:NAME}` placeholder names no parameter, the pipeline's
    ///   program is not found.
    public static func run(_ job: RunJob, console: Console) throws -> RunResult {
        let started = Clock.now
        let folder = try RunFolder.create(label: job.label)
        var result = RunResult(outcome: .interrupted, sandbox: folder.sandbox, stdoutPath: folder.stdout,
                               stderrPath: folder.stderr, executedNotebookPath: nil, capturedFiles: [:],
                               command: [], seconds: 0)
        let arguments: [String]
        let environment: [String: String]
        do {
            try folder.copyInputs(job.inputs)
            if let working = job.workingFolder { try AtomicFile.makeFolders(folder.sandbox + "/" + working) }
            let user = ProcessEnvironment.current
            switch job.target {
            case .notebook(let path):
                arguments = try NotebookDriver.prepare(job, notebook: path, folder: folder)
                environment = RunEnvironment.merged(user: user, python: job.python, caseEnvironment: job.environment,
                                                    notebook: true)
                result.executedNotebookPath = folder.executedNotebook
            case .pipeline(let command, let pythonpath):
                guard !command.isEmpty else {
                    throw HarnessError.invalid(nil, message: "\(job.label): the pipeline command is empty",
                                               hint: "give the command as a list, e.g. [\"python\", \"-m\", \"sales.pipeline\"]")
                }
                var expanded = try PipelineCommand.expand(command, parameters: job.parameters)
                environment = RunEnvironment.merged(user: user, python: job.python, caseEnvironment: job.environment,
                                                    pythonpath: pythonpath, parameters: job.parameters)
                guard let program = ExecutableSearch.find(expanded[0], path: environment["PATH"], folder: folder.sandbox) else {
                    throw HarnessError.io(path: expanded[0], reason: "\(job.label): the pipeline's program was not found on PATH",
                                          hint: "PATH starts with the interpreter's folder \(job.python.binFolder); use \"python\" or an absolute path")
                }
                expanded[0] = program
                arguments = expanded
            }
        } catch {
            RunFolder.remove(sandbox: folder.sandbox)
            throw error
        }
        result.command = arguments
        if ProcessGroupRegistry.shared.interrupted { return result }

        let child = try ChildProcess.spawn(executable: arguments[0], arguments: arguments, environment: environment,
                                           workingDirectory: folder.sandbox + (job.workingFolder.map { "/" + $0 } ?? ""),
                                           stdoutPath: folder.stdout,
                                           stderrPath: folder.stderr)
        let deadline = job.timeout.map { Clock.now + $0 }
        let ended = child.wait(until: deadline, stop: { ProcessGroupRegistry.shared.interrupted })
        var stopped: ProcessTermination?
        if ended == nil {
            if case .pipeline = job.target, !ProcessGroupRegistry.shared.interrupted {
                // Timed out: Python prints its stack before it goes, for the report.
                child.abortForStacks()
                stopped = child.wait(until: Clock.now + 1)
            }
            stopped = stopped ?? child.stop(grace: grace)
        }
        result.seconds = Clock.now - started

        switch job.target {
        case .notebook(let path):
            let (outcome, captured) = NotebookDriver.outcome(of: job, notebook: path, folder: folder,
                                                             ended: ended ?? stopped ?? .signaled(9))
            result.capturedFiles = captured
            if ended != nil {
                result.outcome = outcome
            } else if ProcessGroupRegistry.shared.interrupted {
                result.outcome = .interrupted
            } else {
                var failure: RunFailure?
                if case .failed(let reported) = outcome { failure = reported }
                result.outcome = .timedOut(seconds: job.timeout ?? 0, failure: failure.map { timeoutFailure($0, job) })
            }
        case .pipeline(_, let pythonpath):
            if let ended {
                result.outcome = ended == .exited(0) ? .completed
                    : .failed(RunFailure(pipeline: job, ended: ended, stderrPath: folder.stderr,
                                         sandbox: folder.sandbox, pythonpath: pythonpath))
            } else {
                result.outcome = ProcessGroupRegistry.shared.interrupted ? .interrupted
                    : .timedOut(seconds: job.timeout ?? 0,
                                failure: RunFailure(timedOut: job, stderrPath: folder.stderr, sandbox: folder.sandbox,
                                                    pythonpath: pythonpath))
            }
        }
        return result
    }

    /// Deletes a run's sandbox and the logs beside it. The caller keeps failed runs (and
    /// every run with `--keep-sandbox`) instead.
    public static func removeSandbox(_ path: String) {
        RunFolder.remove(sandbox: path)
    }

    /// Stops every live run as Ctrl-C does (for a host with its own signal handling), and
    /// makes later runs return `.interrupted`.
    public static func interruptAll() {
        ProcessGroupRegistry.shared.interruptAll()
    }

    /// Whether an interrupt has stopped the runs (the orchestrator should start no more).
    public static var isInterrupted: Bool { ProcessGroupRegistry.shared.interrupted }

    private static func timeoutFailure(_ reported: RunFailure, _ job: RunJob) -> RunFailure {
        var failure = reported
        let seconds = job.timeout.map { String(format: "%g", $0) } ?? "?"
        if let number = failure.cellNumber, let line = failure.cellFirstLine {
            failure.summary = "\(job.label): timed out after \(seconds) s in cell \(number) (`\(RunFailure.shorten(line))`)"
        } else {
            failure.summary = "\(job.label): timed out after \(seconds) s"
        }
        failure.hint = "raise the case's \"timeout\" (or --timeout) if the notebook is just slow"
        return failure
    }
}
