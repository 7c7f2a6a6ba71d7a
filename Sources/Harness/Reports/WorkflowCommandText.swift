/// Text made safe for a GitHub Actions log, where the runner reads every line of standard
/// output and error as a possible workflow command.
///
/// A line whose first non-blank characters are `::` is a command (`::add-mask::`,
/// `::stop-commands::` which silences every later annotation), and so is `##[...]` anywhere
/// in a line (the older form). A column name such as `x\n::stop-commands::t` printed raw
/// becomes such a line. So:
/// - in a command harness writes on purpose (an annotation), the message and the properties
///   are escaped as GitHub documents (`%25`, `%0D`, `%0A`; properties also `%3A`, `%2C`), so
///   data stays inside its one line;
/// - every other line is `neutralised`: a leading `::` becomes `%3A:` and `##[` becomes
///   `#%23[`, so no data line is ever read as a command.
public enum WorkflowCommandText {
    /// A command's message: `%`, CR and LF escaped.
    /// (By scalar: a Swift `Character` holds CR LF as one, which `replacing("\n")` misses.)
    public static func data(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A command's property value: also `:` and `,` escaped.
    public static func property(_ text: String) -> String {
        data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }

    /// Log text that is not a command: no line of it can be read as one.
    public static func neutralised(_ text: String) -> String {
        guard text.contains("::") || text.contains("##[") else { return text }
        // Split by scalar: CR LF is one `Character`, and the runner ends a line at CR too.
        let lines = text.unicodeScalars.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }
        var separators = text.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.makeIterator()
        var result = ""
        for scalars in lines {
            var line = String(String.UnicodeScalarView(scalars)).replacing("##[", with: "#%23[")
            if let start = line.firstIndex(where: { !$0.isWhitespace }), line[start...].hasPrefix("::") {
                line.replaceSubrange(start...start, with: "%3A")
            }
            result += line
            if let separator = separators.next() { result.unicodeScalars.append(separator) }
        }
        return result
    }
}
