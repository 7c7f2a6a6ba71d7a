/// A piece of HTML markup. Interpolating a `String` into an `HTML` literal escapes it, so a
/// value taken from data (a cell, a message, a path, a traceback) can only ever become text;
/// markup itself comes only from literals in the renderer. Attributes are always written in
/// double quotes, so the same escaping is safe for text and attribute values.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var markup: String

    init(stringLiteral value: String) {
        markup = value
    }

    init(stringInterpolation: Interpolation) {
        markup = stringInterpolation.markup
    }

    /// Markup that is not escaped: only for the renderer's own constants (CSS, script).
    init(trusted markup: String) {
        self.markup = markup
    }

    static let empty: HTML = ""

    var isEmpty: Bool { markup.isEmpty }

    static func + (left: HTML, right: HTML) -> HTML {
        HTML(trusted: left.markup + right.markup)
    }

    static func += (left: inout HTML, right: HTML) {
        left.markup += right.markup
    }

    struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text from anywhere: always escaped.
        mutating func appendInterpolation<Text: StringProtocol>(_ text: Text) {
            markup += HTML.escape(String(text))
        }

        mutating func appendInterpolation(_ html: HTML) {
            markup += html.markup
        }

        mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { markup += part.markup }
        }

        mutating func appendInterpolation(_ number: Int) {
            markup += String(number)
        }
    }
}

extension HTML {
    /// Escapes text for an HTML or XML text node or a double-quoted attribute value. Control
    /// characters other than tab and newline (which HTML cannot show) become U+FFFD, so a
    /// stray byte in data stays visible instead of vanishing or breaking the page.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": break
            default:
                // U+FFFE and U+FFFF are not characters in XML either, so JUnit XML uses this too.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Terminal output (tracebacks, stdout and stderr tails) as text: ANSI colour and cursor
    /// sequences are dropped, since IPython colours its tracebacks, then the rest is escaped.
    static func terminalText(_ text: String) -> HTML {
        var plain = ""
        plain.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                plain.unicodeScalars.append(scalar)
                continue
            }
            // CSI: ESC [ parameters… final byte in @…~ ; any other ESC x: drop both.
            guard let next = scalars.next(), next == "[" else { continue }
            while let byte = scalars.next(), !(0x40...0x7E).contains(byte.value) {}
        }
        return "\(plain)"
    }
}
