/// Where the library's words go. The library never prints: it writes to a `Console`, which
/// the executable backs with the terminal and tests back with a buffer.
public protocol Console: AnyObject, Sendable {
    /// Writes text to standard output.
    func out(_ text: String)
    /// Writes text to standard error.
    func err(_ text: String)
    /// Writes workflow commands (GitHub Actions annotations) to standard output: the one way
    /// to write a line that the CI runner may read as a command. `out` and `err` neutralise
    /// such lines under GitHub Actions, so data never becomes a command.
    func command(_ text: String)
    /// Whether standard output is a terminal (progress lines, colour).
    var isTerminal: Bool { get }
    /// Whether to colour: only on a terminal, never with `NO_COLOR`.
    var useColor: Bool { get }
}

extension Console {
    public func command(_ text: String) { out(text) }
}

/// The process's own standard output and error: the output boundary, where every byte is
/// made safe for whatever reads it (`TerminalText.guarded` for the terminal, and
/// `WorkflowCommandText.neutralised` for the GitHub Actions runner).
public final class TerminalConsole: Console, @unchecked Sendable {
    // Serialises writes from concurrent runs so lines never interleave.
    private let lock = Lock()
    public let isTerminal: Bool
    public let useColor: Bool
    /// Under GitHub Actions (`GITHUB_ACTIONS=true`) the runner reads commands from the output.
    private let underGitHubActions: Bool

    public init(environment: [String: String]) {
        isTerminal = FileStatus.isTerminal(1)
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        useColor = isTerminal && !noColor && environment["TERM"] != "dumb"
        underGitHubActions = environment["GITHUB_ACTIONS"] == "true"
    }

    public func out(_ text: String) { write(logText(text), to: 1) }
    public func err(_ text: String) { write(logText(text), to: 2) }
    public func command(_ text: String) { write(TerminalText.guarded(text), to: 1) }

    private func logText(_ text: String) -> String {
        let safe = TerminalText.guarded(text)
        return underGitHubActions ? WorkflowCommandText.neutralised(safe) : safe
    }

    private func write(_ text: String, to fd: Int32) {
        lock.withLock {
            var text = text
            text.withUTF8 { _ = SystemCall.writeAll(fd, $0.baseAddress, $0.count) }
        }
    }
}

/// Collects everything written, for tests.
public final class BufferConsole: Console, @unchecked Sendable {
    private let lock = Lock()
    private var outText = ""
    private var errText = ""
    public let isTerminal: Bool
    public let useColor: Bool

    public init(isTerminal: Bool = false, useColor: Bool = false) {
        self.isTerminal = isTerminal
        self.useColor = useColor
    }

    public func out(_ text: String) { lock.withLock { outText += text } }
    public func err(_ text: String) { lock.withLock { errText += text } }
    public var output: String { lock.withLock { outText } }
    public var errors: String { lock.withLock { errText } }
}

