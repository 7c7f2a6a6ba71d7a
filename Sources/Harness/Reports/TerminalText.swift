/// Text from data made safe for a terminal: control characters shown, never obeyed.
///
/// A column name, a JSON key, a cell or an exception message may hold ESC, BEL, NUL or a
/// carriage return. Written raw, ESC starts a terminal command (set the window title, write
/// the clipboard with OSC 52, hide or rewrite lines) and CR lets the rest of a line overwrite
/// what came before. So data is shown with its controls spelled out: `\x1b`, `\r`, `\n`.
///
/// Two layers: renderers pass data through `visible` (one line, every control spelled out),
/// and the console passes everything it writes through `guarded`, which keeps line breaks,
/// tabs and the few colour sequences `TerminalStyle` writes, and spells out any other control
/// a renderer let through.
public enum TerminalText {
    /// `value` on one line: line breaks, tabs and every other control (C0, DEL, C1, and the
    /// bidirectional overrides that reorder what is shown) spelled out.
    public static func visible(_ value: String) -> String { escaped(value, keepingLines: false) }

    /// Data that may span lines (a traceback, a stderr tail): line breaks and tabs stay, every
    /// other control is spelled out.
    public static func lines(_ value: String) -> String { escaped(value, keepingLines: true) }

    private static func escaped(_ value: String, keepingLines: Bool) -> String {
        guard needsEscaping(value, keepingLayout: keepingLines) else { return value }
        var text = ""
        text.reserveCapacity(value.utf8.count + 8)
        for scalar in value.unicodeScalars { append(scalar, to: &text, keepingLayout: keepingLines) }
        return text
    }

    /// Everything the console writes: line breaks and tabs kept, `TerminalStyle`'s own colour
    /// sequences kept, any other control spelled out.
    public static func guarded(_ text: String) -> String {
        guard needsEscaping(text, keepingLayout: true) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\u{1B}", let style = styleLength(scalars, at: index) {
                result.unicodeScalars.append(contentsOf: scalars[index..<index + style])
                index += style
                continue
            }
            append(scalars[index], to: &result, keepingLayout: true)
            index += 1
        }
        return result
    }

    /// The SGR codes `TerminalStyle` writes: reset, bold, dim, red, green, yellow.
    private static let styleCodes: Set<String> = ["0", "1", "2", "31", "32", "33"]

    /// The length of `ESC [ code m` at `index` when `code` is one of ours.
    private static func styleLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard index + 3 < scalars.count, scalars[index + 1] == "[" else { return nil }
        var end = index + 2
        var code = ""
        while end < scalars.count, end < index + 5, scalars[end] != "m" {
            code.unicodeScalars.append(scalars[end])
            end += 1
        }
        guard end < scalars.count, scalars[end] == "m", styleCodes.contains(code) else { return nil }
        return end - index + 1
    }

    private static func isControl(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// A quick look at the bytes, so the common case (plain text) is returned as it is.
    private static func needsEscaping(_ text: String, keepingLayout: Bool) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 {
                if keepingLayout && (byte == 0x0A || byte == 0x09) { continue }
                return true
            }
            // DEL, and the lead bytes of C1 controls (C2) and of the bidirectional marks (E2).
            if byte == 0x7F || byte == 0xC2 || byte == 0xE2 { return true }
        }
        return false
    }

    private static func append(_ scalar: Unicode.Scalar, to text: inout String, keepingLayout: Bool) {
        switch scalar {
        case "\n" where keepingLayout, "\t" where keepingLayout:
            text.unicodeScalars.append(scalar)
        case "\n": text += "\\n"
        case "\r": text += "\\r"
        case "\t": text += "\\t"
        default:
            guard isControl(scalar.value) else {
                text.unicodeScalars.append(scalar)
                return
            }
            let hex = String(scalar.value, radix: 16)
            text += scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
        }
    }
}
