/// Reads typed values out of a parsed config while collecting every problem, so one run of
/// the loader reports all mistakes in a file at once, each at its line and column.
struct ConfigReader {
    let bytes: [UInt8]
    let path: String
    let lines: LineIndex
    var problems: [HarnessError] = []

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        lines = LineIndex(bytes)
    }

    func location(_ offset: Int) -> SourceLocation? {
        guard offset >= 0 else { return SourceLocation(path: path) }
        return lines.location(of: offset, in: bytes, path: path)
    }

    mutating func report(_ offset: Int, _ message: String, hint: String? = nil) {
        problems.append(.invalid(location(offset), message: message, hint: hint))
    }

    /// The members of an object, checking that every key is one of `allowed` (unknown keys
    /// are errors with the nearest valid name, so a typo never disables a check).
    mutating func members(_ value: JSONValue, at offset: Int, name: String, allowed: [String]) -> [String: JSONMember] {
        guard let members = value.objectMembers else {
            report(offset, "\(name) must be an object, found \(value.typeName)")
            return [:]
        }
        var byKey: [String: JSONMember] = [:]
        for member in members {
            if !allowed.contains(member.key) {
                problems.append(.unknownName(location(member.offset), kind: "key in \(name)", name: member.key, known: allowed))
                continue
            }
            if byKey[member.key] != nil {
                report(member.offset, "\"\(member.key)\" is given twice in \(name)", hint: "keep one")
            }
            byKey[member.key] = member
        }
        return byKey
    }

    /// The members of an object whose keys are free (cases, outputs, inputs).
    mutating func entries(_ value: JSONValue, at offset: Int, name: String) -> [JSONMember] {
        guard let members = value.objectMembers else {
            report(offset, "\(name) must be an object, found \(value.typeName)")
            return []
        }
        var seen: Set<String> = []
        for member in members where !seen.insert(member.key).inserted {
            report(member.offset, "\"\(member.key)\" is given twice in \(name)", hint: "keep one")
        }
        return members
    }

    mutating func string(_ member: JSONMember?, name: String) -> String? {
        guard let member else { return nil }
        guard let text = member.value.stringValue else {
            report(member.offset, "\(name) must be a string, found \(member.value.typeName)")
            return nil
        }
        if text.isEmpty {
            report(member.offset, "\(name) must not be empty")
            return nil
        }
        return text
    }

    mutating func number(_ member: JSONMember?, name: String, positive: Bool = false) -> Double? {
        guard let member else { return nil }
        guard let number = member.value.doubleValue, number.isFinite else {
            report(member.offset, "\(name) must be a number, found \(member.value.typeName)")
            return nil
        }
        if number < 0 || (positive && number == 0) {
            report(member.offset, "\(name) must be \(positive ? "greater than 0" : "0 or more"), found \(number)")
            return nil
        }
        return number
    }

    /// A list of strings, also accepting a single string (`"key": "id"`).
    mutating func strings(_ member: JSONMember?, name: String) -> [String]? {
        guard let member else { return nil }
        if let single = member.value.stringValue { return [single] }
        guard let items = member.value.arrayValue else {
            report(member.offset, "\(name) must be a list of strings, found \(member.value.typeName)")
            return nil
        }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                report(member.offset, "\(name) must be a list of strings, found a \(item.typeName) in it")
                return nil
            }
            result.append(text)
        }
        return result
    }
}
