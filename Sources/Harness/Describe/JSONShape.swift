// Design note. Every value of a JSON document (or every record of a JSON Lines file) is
// merged into one shape tree: per position, the JSON types seen, the numeric range, up to
// `enumLimit + 1` distinct strings, and for objects how often each key was present, so a
// key present in every object becomes `required`. Array items merge into one shape. The
// tree grows with the number of distinct positions, not with the data.

/// The merged shape of all values seen at one place in JSON documents.
struct JSONShape {
    struct Kinds: OptionSet {
        let rawValue: UInt8
        static let null = Kinds(rawValue: 1)
        static let boolean = Kinds(rawValue: 2)
        static let integer = Kinds(rawValue: 4)
        static let number = Kinds(rawValue: 8)
        static let string = Kinds(rawValue: 16)
        static let array = Kinds(rawValue: 32)
        static let object = Kinds(rawValue: 64)
    }

    var count = 0
    var kinds: Kinds = []
    var low: (value: Double, text: String)?
    var high: (value: Double, text: String)?
    var strings: [String] = []
    var stringOverflow = false
    var objects = 0
    var keys: [String] = []
    var properties: [String: JSONShape] = [:]
    /// The items' shape, in an array so the struct can hold its own type.
    var items: [JSONShape] = []

    mutating func merge(_ value: JSONValue, enumLimit: Int) {
        count += 1
        switch value {
        case .null: kinds.insert(.null)
        case .bool: kinds.insert(.boolean)
        case .number(let text):
            let isInteger = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
            kinds.insert(isInteger ? .integer : .number)
            guard let number = Double(text), number.isFinite else { return }
            if low == nil || number < low!.value { low = (number, text) }
            if high == nil || number > high!.value { high = (number, text) }
        case .string(let text):
            kinds.insert(.string)
            guard !stringOverflow, !strings.contains(text) else { return }
            if strings.count >= enumLimit {
                stringOverflow = true
                strings = []
            } else {
                strings.append(text)
            }
        case .array(let elements):
            kinds.insert(.array)
            if items.isEmpty { items = [JSONShape()] }
            for element in elements { items[0].merge(element, enumLimit: enumLimit) }
        case .object(let members):
            kinds.insert(.object)
            objects += 1
            var seen = Set<String>()
            for member in members where seen.insert(member.key).inserted {
                if properties[member.key] == nil { keys.append(member.key) }
                properties[member.key, default: JSONShape()].merge(member.value, enumLimit: enumLimit)
            }
        }
    }

    /// The JSON Schema 2020-12 (sub)schema every merged value satisfies.
    func schema(options: DescribeOptions) -> JSONValue {
        var members: [JSONMember] = []
        var types: [String] = []
        if kinds.contains(.object) { types.append("object") }
        if kinds.contains(.array) { types.append("array") }
        if kinds.contains(.string) { types.append("string") }
        if kinds.contains(.number) { types.append("number") } else if kinds.contains(.integer) { types.append("integer") }
        if kinds.contains(.boolean) { types.append("boolean") }
        if kinds.contains(.null) { types.append("null") }
        if types.count == 1 {
            members.append(JSONMember("type", .string(types[0])))
        } else if !types.isEmpty {
            members.append(JSONMember("type", .array(types.map { .string($0) })))
        }
        if kinds.contains(.object) {
            members.append(JSONMember("properties", .object(keys.map { key in
                JSONMember(key, properties[key].map { $0.schema(options: options) } ?? .object([]))
            })))
            let required = keys.filter { properties[$0]?.count == objects }
            if !required.isEmpty { members.append(JSONMember("required", .array(required.map { .string($0) }))) }
        }
        if kinds.contains(.array), let shape = items.first, shape.count > 0 {
            members.append(JSONMember("items", shape.schema(options: options)))
        }
        if let low, let high {
            members.append(JSONMember("minimum", .number(low.text)))
            members.append(JSONMember("maximum", .number(high.text)))
        }
        if kinds == .string, !stringOverflow, !strings.isEmpty, strings.count <= options.enumLimit,
           count >= options.enumRepetition * strings.count {
            members.append(JSONMember("enum", .array(strings.sorted().map { .string($0) })))
        }
        return .object(members)
    }
}
