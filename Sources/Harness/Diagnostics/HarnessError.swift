/// Everything that stops `harness` from doing what was asked, as data.
///
/// Differences, violations and failed notebooks are *results*, never thrown. These are
/// "could not do what was asked": bad flags, unreadable or malformed input, invalid
/// configuration. `DiagnosticRenderer` is the one place that turns them into text; every
/// one of them maps to exit code 2.
public enum HarnessError: Error, Sendable, Equatable {
    /// Bad command-line usage. `hint` says what to type instead.
    case usage(String, hint: String? = nil)
    /// A name that is not one of the known ones (a flag, a key, a type, a constraint, a
    /// parameter). Rendered with the nearest known name as "did you mean".
    case unknownName(SourceLocation?, kind: String, name: String, known: [String], hint: String? = nil)
    /// A file or folder that cannot be read or written.
    case io(path: String, reason: String, hint: String? = nil)
    /// Input that does not follow its format: a CSV with an unterminated quote, truncated
    /// JSON. `expected` says what the format wanted there.
    case malformed(SourceLocation, message: String, hint: String? = nil)
    /// A configuration or contract that is well-formed but says something invalid.
    case invalid(SourceLocation?, message: String, hint: String? = nil)
    /// Several problems found at once (a config is checked whole before anything runs).
    case many([HarnessError])
}

extension HarnessError {
    /// The problems this error stands for, flattened.
    public var problems: [HarnessError] {
        if case .many(let list) = self { return list.flatMap(\.problems) }
        return [self]
    }
}
