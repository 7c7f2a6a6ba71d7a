import Harness

/// One option a subcommand accepts.
struct OptionSpec {
    let name: String
    /// Placeholder for the value (`COL[,COL]`); nil for a flag without a value.
    let value: String?
    let help: String
    var repeatable = false
    /// Shown bare in the usage line; the command itself checks that it was given.
    var required = false
}

/// The arguments of one subcommand, split into positional arguments and options.
struct ParsedArguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// A comma-separated list option, repeated or not (`--key a,b --key c`).
    func list(_ name: String) -> [String] {
        all(name).flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces() } }.filter { !$0.isEmpty }
    }

    func double(_ name: String) throws -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), number.isFinite, number >= 0 else {
            throw HarnessError.usage("\(name) expects a number ≥ 0, got \"\(text)\"", hint: "for example \(name) 1e-9")
        }
        return number
    }

    func integer(_ name: String, minimum: Int = 0) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), number >= minimum else {
            throw HarnessError.usage("\(name) expects a whole number ≥ \(minimum), got \"\(text)\"")
        }
        return number
    }
}

/// Splits arguments by `specs`: `--name value`, `--name=value`, flags, `--` ending options.
/// - Throws: `HarnessError.unknownName` for an unknown option (with "did you mean"),
///   `HarnessError.usage` for a missing value.
func parseArguments(_ arguments: [String], specs: [OptionSpec], command: String) throws -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
        let argument = arguments[index]
        index += 1
        if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
            parsed.positional.append(argument)
            continue
        }
        if argument == "--" {
            optionsEnded = true
            continue
        }
        var name = argument
        var inlineValue: String?
        if let equals = argument.firstIndex(of: "=") {
            name = String(argument[..<equals])
            inlineValue = String(argument[argument.index(after: equals)...])
        }
        guard let spec = specs.first(where: { $0.name == name }) else {
            throw HarnessError.unknownName(nil, kind: "option", name: name, known: specs.map(\.name),
                                           hint: "see 'harness \(command) --help'")
        }
        if spec.value == nil {
            if inlineValue != nil {
                throw HarnessError.usage("\(name) takes no value", hint: "write \(name) alone")
            }
            parsed.flags.insert(name)
            continue
        }
        let value: String
        if let inlineValue {
            value = inlineValue
        } else {
            guard index < arguments.count else {
                throw HarnessError.usage("\(name) needs a value (\(spec.value!))", hint: "see 'harness \(command) --help'")  // `!`: checked non-nil above
            }
            value = arguments[index]
            index += 1
        }
        if !spec.repeatable, parsed.values[name] != nil {
            throw HarnessError.usage("\(name) is given twice", hint: "give it once")
        }
        parsed.values[name, default: []].append(value)
    }
    return parsed
}

/// Help text for a subcommand: usage, what it does, options, example.
func helpText(usage: String, summary: String, specs: [OptionSpec], example: String) -> String {
    var text = "USAGE: \(usage)\n\n\(summary)\n\nOPTIONS:\n"
    let width = specs.map { $0.name.count + ($0.value.map { $0.count + 1 } ?? 0) }.max() ?? 0
    for spec in specs {
        let left = spec.name + (spec.value.map { " " + $0 } ?? "")
        text += "  " + left + String(repeating: " ", count: width - left.count + 2) + spec.help + "\n"
    }
    text += "\nEXAMPLE:\n  \(example)\n"
    return text
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
