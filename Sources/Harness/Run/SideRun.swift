/// One execution of one side of a case, as the scheduler hands it to the evaluation.
struct SideRun: Sendable {
    var side: RunSide
    var repetition: Int
    /// The run's result; nil when it could not even start (`startError`).
    var result: RunResult?
    var startError: HarnessError?

    var completed: Bool {
        if let result, case .completed = result.outcome { return true }
        return false
    }

    /// The absolute path where this run wrote `relative`, whether or not it exists.
    func file(_ relative: String) -> String? {
        guard let result else { return nil }
        return result.sandbox + "/" + relative
    }

    /// Where this run wrote `output`: its sandbox path, or for a captured variable the file
    /// the driver wrote it to.
    func file(for output: OutputConfig) -> String? {
        guard let relative = output.path(for: side) else { return nil }
        if output.fromCapture && side == .notebook {
            return result?.capturedFiles[output.name] ?? file("captures/" + relative)
        }
        return file(relative)
    }
}

/// The last lines of a run's output file, for reports.
enum TextTail {
    static func read(_ path: String, maxLines: Int = 20, maxBytes: Int = 4096) -> String {
        guard let bytes = try? FileBytes.read(path) else { return "" }
        let tail = bytes.suffix(maxBytes)
        var text = String(decoding: tail, as: UTF8.self)
        if bytes.count > maxBytes, let newline = text.firstIndex(of: "\n") {
            text = String(text[text.index(after: newline)...])
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.suffix(maxLines + (lines.last == "" ? 1 : 0))
        return kept.joined(separator: "\n").trimmingTrailingNewlines()
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
