/// The one place that turns a `HarnessError` into text.
///
/// Format: `path:line:col: error: message`, the offending value in quotes, then indented
/// `did you mean` and `hint` lines. Messages say what was expected and what to do.
public enum DiagnosticRenderer {
    /// Line breaks and tabs of the message stay; every other control character (a value
    /// quoted from a file, a path) is spelled out, so the terminal never obeys data.
    public static func render(_ error: HarnessError) -> String {
        TerminalText.lines(error.problems.map(renderOne).joined(separator: "\n"))
    }

    /// Renders any error; errors that are not `HarnessError` (a Foundation I/O error that
    /// escaped) still get one line, never a trap or a dump.
    public static func render(_ error: any Error) -> String {
        if let error = error as? HarnessError { return render(error) }
        return TerminalText.lines("error: \(error)")
    }

    private static func renderOne(_ error: HarnessError) -> String {
        switch error {
        case .usage(let message, let hint):
            return lines("error: \(message)", hint: hint)
        case .unknownName(let location, let kind, let name, let known, let hint):
            var text = prefix(location) + "error: unknown \(kind) \"\(TerminalText.visible(name))\""
            if let suggestion = NameSuggestion.nearest(to: name, in: known) {
                text += "\n  did you mean \"\(TerminalText.visible(suggestion))\"?"
            } else if !known.isEmpty, known.count <= 30 {
                text += "\n  known: " + known.map { "\"\(TerminalText.visible($0))\"" }.joined(separator: ", ")
            }
            return lines(text, hint: hint)
        case .io(let path, let reason, let hint):
            return lines("\(path): error: \(reason)", hint: hint)
        case .malformed(let location, let message, let hint):
            return lines(prefix(location) + "error: \(message)", hint: hint)
        case .invalid(let location, let message, let hint):
            return lines(prefix(location) + "error: \(message)", hint: hint)
        case .many(let list):
            return list.map(renderOne).joined(separator: "\n")
        }
    }

    private static func prefix(_ location: SourceLocation?) -> String {
        guard let location else { return "" }
        return "\(location): "
    }

    private static func lines(_ text: String, hint: String?) -> String {
        guard let hint, !hint.isEmpty else { return text }
        return text + "\n  hint: " + hint
    }
}
