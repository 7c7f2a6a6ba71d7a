/// A pipeline's `command`, with its `{param:NAME}` placeholders filled in.
public enum PipelineCommand {
    /// Replaces every `{param:NAME}` with the parameter's value as text (strings as they
    /// are, numbers as written, booleans as `true`/`false`, null as empty, arrays and
    /// objects as compact JSON).
    /// - Throws: `HarnessError.unknownName` for a placeholder naming no parameter (the
    ///   config loader can call this to report it before anything runs).
    public static func expand(_ command: [String], parameters: [JSONMember]) throws -> [String] {
        try command.map { try expand(argument: $0, parameters: parameters) }
    }

    static func expand(argument: String, parameters: [JSONMember]) throws -> String {
        guard argument.contains("{param:") else { return argument }
        var result = ""
        var rest = argument[...]
        while let open = rest.range(of: "{param:") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            result += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close])
            guard let value = parameters.last(where: { $0.key == name })?.value else {
                throw HarnessError.unknownName(nil, kind: "parameter", name: name, known: parameters.map(\.key),
                                               hint: "add \"\(name)\" to the case's \"parameters\", or fix the placeholder {param:\(name)} in the pipeline command")
            }
            result += text(of: value)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .array, .object: return value.compactText
        }
    }
}
