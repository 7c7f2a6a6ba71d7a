import Foundation

/// The names and literal values of a notebook's cell tagged `parameters` (papermill's
/// convention), for the case's `parameters`.
enum ParametersCell {
    /// `name = literal` lines whose literal JSON can say (numbers, double- or single-quoted
    /// strings without escapes, True/False/None); other lines are skipped.
    static func read(notebook: JSONValue) -> [JSONMember] {
        guard let cells = notebook["cells"]?.arrayValue,
              let cell = cells.first(where: { ($0["metadata"]?["tags"]?.arrayValue ?? []).contains(.string("parameters")) })
        else { return [] }
        let source: String
        if let lines = cell["source"]?.arrayValue { source = lines.compactMap(\.stringValue).joined() } else { source = cell["source"]?.stringValue ?? "" }
        var members: [JSONMember] = []
        for rawLine in source.split(separator: "\n") {
            var line = String(rawLine)
            if let hash = line.firstIndex(of: "#"), !line[..<hash].contains("\""), !line[..<hash].contains("'") { line = String(line[..<hash]) }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, isIdentifier(parts[0]), let value = literal(parts[1]) else { continue }
            members.removeAll { $0.key == parts[0] }
            members.append(JSONMember(parts[0], value))
        }
        return members
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    static func literal(_ text: String) -> JSONValue? {
        switch text {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .null
        default: break
        }
        if text.count >= 2, let quote = text.first, quote == "'" || quote == "\"", text.last == quote {
            let inner = text.dropFirst().dropLast()
            guard !inner.contains("\\"), !inner.contains(quote) else { return nil }
            return .string(String(inner))
        }
        if let value = try? JSONParser.parse(Array(text.utf8), path: ""), case .number = value { return value }
        return nil
    }
}
