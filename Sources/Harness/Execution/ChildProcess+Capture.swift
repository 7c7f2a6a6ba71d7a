import Foundation

/// Short helper commands (probing an interpreter, building a venv) run to the end.
extension ChildProcess {
    struct Captured {
        var termination: ProcessTermination?
        var stdout: String
        var stderr: String

        /// The last `count` non-empty lines of stderr (else stdout), indented, for messages.
        func lastLines(_ count: Int) -> String {
            let text = stderr.contains(where: { !$0.isWhitespace }) ? stderr : stdout
            let lines = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if lines.isEmpty { return describe(termination) }
            return "\n    " + lines.suffix(count).joined(separator: "\n    ")
        }
    }

    /// Runs a command to the end (or `timeout`, when its group is stopped) with its output
    /// in a scratch folder, and returns that output.
    /// - Throws: `HarnessError.io` when it cannot start.
    static func capture(executable: String, arguments: [String], environment: [String: String],
                        workingDirectory: String = "/", timeout: Double) throws -> Captured {
        let scratch = try RunFolder.create(label: "probe")
        defer { RunFolder.remove(sandbox: scratch.sandbox) }
        let termination = try runToEnd(executable: executable, arguments: arguments, environment: environment,
                                       workingDirectory: workingDirectory, stdoutPath: scratch.stdout,
                                       stderrPath: scratch.stderr, timeout: timeout)
        let read = { (path: String) in (try? FileBytes.read(path)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return Captured(termination: termination, stdout: read(scratch.stdout), stderr: read(scratch.stderr))
    }

    /// Runs a command to the end; `tick` is called about once a second while it runs (for
    /// progress). Returns nil when it was stopped (timeout or interrupt).
    static func runToEnd(executable: String, arguments: [String], environment: [String: String],
                         workingDirectory: String, stdoutPath: String, stderrPath: String,
                         timeout: Double, tick: () -> Void = {}) throws -> ProcessTermination? {
        let child = try spawn(executable: executable, arguments: arguments, environment: environment,
                              workingDirectory: workingDirectory, stdoutPath: stdoutPath, stderrPath: stderrPath)
        let deadline = Clock.now + timeout
        while true {
            if let ended = child.wait(until: min(deadline, Clock.now + 1), stop: { ProcessGroupRegistry.shared.interrupted }) {
                return ended
            }
            if Clock.now >= deadline || ProcessGroupRegistry.shared.interrupted {
                child.stop(grace: 2)
                return nil
            }
            tick()
        }
    }

    static func describe(_ termination: ProcessTermination?) -> String {
        switch termination {
        case .exited(let code)?: return "exited with status \(code)"
        case .signaled(let signal)?: return "killed by signal \(signal)"
        case nil: return "stopped (timed out or interrupted)"
        }
    }
}
