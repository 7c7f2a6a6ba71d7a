/// Compact JSON text of a value on a tape, for showing it in a difference: whitespace
/// between tokens dropped, strings and numbers exactly as written (so `"1"` and `1` look
/// different), cut after `limit` bytes with `…` so one huge value cannot swamp a report.
enum JSONValueText {
    static let defaultLimit = 1_000

    static func compact(_ view: JSONTapeView, _ index: Int, limit: Int = defaultLimit) -> String {
        let text = view.text(index)
        var out: [UInt8] = []
        out.reserveCapacity(min(text.count, limit) + 4)  // `limit` may be Int.max (no cut)
        var inString = false
        var escaped = false
        for byte in text {
            if out.count >= limit {
                // Back off to a character boundary before marking the cut.
                while let last = out.last, last & 0xC0 == 0x80 { out.removeLast() }
                if let last = out.last, last >= 0xC0 { out.removeLast() }
                return String(decoding: out, as: UTF8.self) + "…"
            }
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == ASCII.backslash {
                    escaped = true
                } else if byte == ASCII.quote {
                    inString = false
                }
                continue
            }
            switch byte {
            case ASCII.space, ASCII.tab, ASCII.newline, ASCII.carriageReturn: continue
            case ASCII.quote: inString = true
            default: break
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
