import Foundation

/// `{param:NAME}` placeholders in a pipeline's command.
public enum PlaceholderExpansion {
    /// Names of the placeholders in `argument`, in order.
    public static func parameterNames(in argument: String) -> [String] {
        var names: [String] = []
        var rest = Substring(argument)
        while let start = rest.range(of: "{param:") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "}") else { break }
            names.append(String(after[..<end]))
            rest = after[after.index(after: end)...]
        }
        return names
    }

    /// `argument` with each placeholder replaced by its parameter's value: strings as they
    /// are, anything else as compact JSON (`3`, `true`, `[1,2]`).
    public static func expand(_ argument: String, parameters: [JSONMember]) -> String {
        var result = argument
        for name in parameterNames(in: argument) {
            guard let value = parameters.last(where: { $0.key == name })?.value else { continue }
            let text = value.stringValue ?? value.compactText
            result = result.replacingOccurrences(of: "{param:\(name)}", with: text)
        }
        return result
    }
}
