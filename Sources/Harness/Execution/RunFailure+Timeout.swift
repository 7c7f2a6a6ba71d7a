import Foundation

/// Where a pipeline was when its timeout stopped it, from the stack Python's faulthandler
/// printed to stderr (`PYTHONFAULTHANDLER`, then SIGABRT; see `ChildProcess.abortForStacks`):
///
///     Current thread 0x00007f... (most recent call first):
///       File "/src/sales/load.py", line 12 in read_all
///       File "/src/sales/__main__.py", line 4 in <module>
extension RunFailure {
    /// Nil when stderr holds no stack (not a Python program, or it ignored the signal).
    init?(timedOut job: RunJob, stderrPath: String, sandbox: String, pythonpath: [String]) {
        let lines = RunFailure.tail(of: stderrPath, bytes: 64 * 1024).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.lastIndex(where: { $0.hasSuffix("(most recent call first):") }) else { return nil }
        let stack = lines[(start + 1)...].prefix { $0.hasPrefix("  File \"") }.map(String.init)
        guard !stack.isEmpty else { return nil }
        let seconds = job.timeout.map { String(format: "%g", $0) } ?? "?"
        self.init(summary: "\(job.label): timed out after \(seconds) s",
                  traceback: ([String(lines[start])] + stack).joined(separator: "\n"),
                  hint: "raise the case's \"timeout\" (or --timeout) if the pipeline is just slow")
        let roots = [sandbox] + pythonpath
        let frames = stack.compactMap(RunFailure.faultFrame)
        // Innermost first: the first frame in the user's code is where it was.
        guard let frame = frames.first(where: { frame in roots.contains { frame.file.hasPrefix($0 + "/") } }) ?? frames.first
        else { return }
        file = frame.file
        lineInCell = frame.line
        let shown = roots.first { frame.file.hasPrefix($0 + "/") }.map { String(frame.file.dropFirst($0.count + 1)) } ?? frame.file
        summary += " in \(shown), line \(frame.line)" + (frame.function.isEmpty ? "" : " (\(frame.function))")
        if let bytes = try? FileBytes.read(frame.file) {
            sourceExcerpt = RunFailure.excerpt(of: String(decoding: bytes, as: UTF8.self), around: frame.line)
        }
    }

    /// `  File "/path/x.py", line 12 in main`.
    static func faultFrame(_ line: String) -> (file: String, line: Int, function: String)? {
        guard line.hasPrefix("  File \""), let close = line.dropFirst(8).firstIndex(of: "\""),
              let number = line.range(of: "\", line ", range: close..<line.endIndex) else { return nil }
        let file = String(line[line.index(line.startIndex, offsetBy: 8)..<close])
        let rest = line[number.upperBound...]
        let digits = rest.prefix(while: \.isNumber)
        guard let value = Int(digits) else { return nil }
        let function = rest.dropFirst(digits.count).hasPrefix(" in ") ? String(rest.dropFirst(digits.count + 4)) : ""
        return (file, value, function)
    }
}
