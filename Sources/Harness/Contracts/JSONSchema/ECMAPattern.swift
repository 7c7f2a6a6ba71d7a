import Foundation

// Design note. JSON Schema patterns are ECMA-262 regular expressions, searched (not
// anchored) in the string. NSRegularExpression speaks ICU, which differs in a few ways
// that change verdicts; the source is rewritten for those before compiling:
// - `\d` and `\w` are ASCII-only in ECMA-262 but Unicode-aware in ICU, and ECMA-262's `\s`
//   includes U+FEFF;
// - `$` (no multiline flag) matches only at the very end in ECMA-262, but also before a
//   final newline in ICU: it becomes `\z`;
// - `[` inside a class is a literal in ECMA-262 but opens a nested set in ICU.
// Everything else (`\p{…}`, lookarounds, named groups) is passed through. Results for property
// names are cached, since the same names recur in every record of a JSON Lines file.

/// A compiled ECMA-262 pattern, as `pattern` and `patternProperties` use it.
final class ECMAPattern {
    /// The pattern as the schema wrote it, for messages.
    let source: String
    private let expression: NSRegularExpression
    private var cache: [String: Bool] = [:]

    /// Strings longer than this are matched without caching, so the cache stays small.
    private static let cachedLengthLimit = 256
    private static let cacheLimit = 4096

    /// - Throws: the ICU error's description when the pattern does not compile.
    init(_ source: String) throws {
        self.source = source
        expression = try NSRegularExpression(pattern: ECMAPattern.translate(source))
    }

    /// Whether the pattern matches anywhere in `text`. `cached` is for property names,
    /// which repeat; data values mostly do not, and caching them would only cost.
    func matches(_ text: String, cached: Bool = false) -> Bool {
        let cacheable = cached && text.utf8.count <= ECMAPattern.cachedLengthLimit
        if cacheable, let known = cache[text] { return known }
        let range = NSRange(location: 0, length: text.utf16.count)
        let found = expression.firstMatch(in: text, options: [], range: range) != nil
        if cacheable {
            if cache.count >= ECMAPattern.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[text] = found
        }
        return found
    }

    /// Rewrites the ECMA-262 constructs whose ICU meaning differs (see the design note).
    static func translate(_ source: String) -> String {
        let scalars = Array(source.unicodeScalars)
        var output = ""
        var inClass = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\\":
                guard index < scalars.count else {
                    output += "\\"  // a trailing backslash stays an error, as in ECMA-262
                    continue
                }
                let next = scalars[index]
                index += 1
                switch next {
                case "d": output += inClass ? "0-9" : "[0-9]"
                case "D" where !inClass: output += "[^0-9]"
                case "w": output += inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"
                case "W" where !inClass: output += "[^a-zA-Z0-9_]"
                // ECMA-262's whitespace includes U+FEFF, ICU's does not.
                case "s": output += inClass ? "\\s\\x{FEFF}" : "[\\s\\x{FEFF}]"
                case "S" where !inClass: output += "[^\\s\\x{FEFF}]"
                default:
                    output.unicodeScalars.append("\\")
                    output.unicodeScalars.append(next)
                }
            case "[" where inClass:
                output += "\\["
            case "[":
                // ECMA-262's `[]` matches nothing and `[^]` matches anything; ICU would read
                // the `]` as a literal and run on.
                if index < scalars.count, scalars[index] == "]" {
                    output += "(?!)"
                    index += 1
                } else if index + 1 < scalars.count, scalars[index] == "^", scalars[index + 1] == "]" {
                    output += "[\\s\\S]"
                    index += 2
                } else {
                    inClass = true
                    output += "["
                    if index < scalars.count, scalars[index] == "^" {
                        output += "^"
                        index += 1
                    }
                }
            case "]" where inClass:
                inClass = false
                output += "]"
            case "$" where !inClass:
                output += "\\z"
            case "&" where inClass:
                output += "\\&"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
