/// Short compact JSON for messages and report cells: a violation on a large object shows
/// its beginning, and writing stops once the limit is reached instead of serialising it all.
extension JSONValue {
    /// Compact JSON text cut to about `limit` characters, ending in "…" when cut.
    func preview(limit: Int = 80) -> String {
        var out = ""
        var budget = limit
        write(to: &out, budget: &budget)
        if budget < 0 {
            return String(out.prefix(max(1, limit - 1))) + "…"
        }
        return out
    }

    private func write(to out: inout String, budget: inout Int) {
        if budget < 0 { return }
        switch self {
        case .null: append("null", to: &out, budget: &budget)
        case .bool(let flag): append(flag ? "true" : "false", to: &out, budget: &budget)
        case .number(let text): append(text, to: &out, budget: &budget)
        case .string(let text):
            // Only the beginning of a long string is escaped and written.
            var literal = ""
            let head = text.unicodeScalars.count > budget + 1
                ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(budget + 1))) : text
            JSONValue.writeString(head, to: &literal)
            append(literal, to: &out, budget: &budget)
            if head.unicodeScalars.count < text.unicodeScalars.count { budget = -1 }
        case .array(let items):
            append("[", to: &out, budget: &budget)
            for (position, item) in items.enumerated() {
                if budget < 0 { return }
                if position > 0 { append(",", to: &out, budget: &budget) }
                item.write(to: &out, budget: &budget)
            }
            append("]", to: &out, budget: &budget)
        case .object(let members):
            append("{", to: &out, budget: &budget)
            for (position, member) in members.enumerated() {
                if budget < 0 { return }
                if position > 0 { append(",", to: &out, budget: &budget) }
                var key = ""
                JSONValue.writeString(member.key, to: &key)
                append(key + ":", to: &out, budget: &budget)
                member.value.write(to: &out, budget: &budget)
            }
            append("}", to: &out, budget: &budget)
        }
    }

    private func append(_ text: String, to out: inout String, budget: inout Int) {
        out += text
        budget -= text.count
    }
}
