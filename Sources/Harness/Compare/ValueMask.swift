/// Volatile text inside a value (a run id, a timestamp in a note): every match of
/// `pattern` is replaced by one placeholder in both values before they are compared, so
/// `"done, run-3fa9"` and `"done, run-77c1"` are equal under `run-[0-9a-f]+`.
///
/// The pattern is a Swift `Regex` (the common Perl/ICU syntax). Only values whose bytes
/// differ are masked, so a mask costs nothing where the files agree.
public struct ValueMask: Sendable, Equatable {
    /// The column name (CSV) or JSON Pointer pattern (JSON, JSON Lines) it applies to.
    public var name: String
    public var pattern: String

    /// What each match becomes; the same on both sides, so only the text around it counts.
    static let placeholder = "\u{FFFC}"

    public init(name: String, pattern: String) {
        self.name = name
        self.pattern = pattern
    }

    /// Why `pattern` is not a regular expression, or nil when it is one.
    public static func problem(in pattern: String) -> String? {
        do {
            let regex = try Regex(pattern)
            // An empty match would put a placeholder between every two characters.
            if (try? regex.wholeMatch(in: "")) != nil {
                return "it matches empty text, so it would mask nothing useful"
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Reads the `--mask` spelling `COL=REGEX` (the first '=' ends the name).
    /// - Throws: `HarnessError.usage` for a missing name or an invalid pattern.
    public static func parse(_ text: String) throws -> ValueMask {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw HarnessError.usage("--mask \"\(text)\" needs a column or pointer, '=', then a regular expression",
                                     hint: "write --mask note='run-[0-9a-f]+'")
        }
        let mask = ValueMask(name: String(text[..<equals]), pattern: String(text[text.index(after: equals)...]))
        if let problem = problem(in: mask.pattern) {
            throw HarnessError.usage("--mask \"\(text)\": the pattern is not usable: \(problem)",
                                     hint: "a Perl-style regular expression, quoted for the shell: --mask note='run-[0-9a-f]+'")
        }
        return mask
    }

    /// The pattern, compiled once per comparison (a `Regex` cannot cross threads).
    func compiled() -> CompiledValueMask {
        // Configs and flags check every pattern before comparing (`problem(in:)`); one that
        // slipped through masks nothing rather than trap.
        CompiledValueMask(regex: try? Regex(pattern))
    }
}

/// A mask ready to apply.
struct CompiledValueMask {
    let regex: Regex<AnyRegexOutput>?

    func apply(_ text: String) -> String {
        guard let regex else { return text }
        return text.replacing(regex, with: ValueMask.placeholder)
    }
}

extension CompiledValueMask {
    /// Compares two values with the mask applied to both: equal when the masked texts are,
    /// else as numbers within `tolerance` (`.notNumbers` when either masked text is not one).
    func compare(expected: ByteRun, actual: ByteRun, tolerance: NumericTolerance) -> NumericResult {
        let maskedExpected = apply(String(decoding: expected, as: UTF8.self))
        let maskedActual = apply(String(decoding: actual, as: UTF8.self))
        if maskedExpected == maskedActual { return .equal }
        return ByteRun.with(maskedExpected) { e in
            ByteRun.with(maskedActual) { a in NumericComparison.compare(expected: e, actual: a, tolerance: tolerance) }
        }
    }
}
