/// A parsed JSON value that keeps what a lossy parse would drop.
///
/// Numbers keep their source text, so integers beyond 2^53 and long decimals compare and
/// validate exactly; objects keep member order and each key's byte offset, so a config
/// error can point at the line of the key that is wrong.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text exactly as written (RFC 8259 grammar, already checked).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])
}

/// One `"key": value` pair of an object, with the byte offset of its key in the source
/// (or -1 for values built in code).
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    public var offset: Int

    public init(_ key: String, _ value: JSONValue, offset: Int = -1) {
        self.key = key
        self.value = value
        self.offset = offset
    }
}

extension JSONValue {
    /// The member named `key` (the last one, as most parsers do, if the key repeats).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The number as a Double (lossy; for tolerances and ranges, not for equality).
    public var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    /// The number as an Int when it is written as an integer (or as `3.0`) and fits.
    public var intValue: Int? {
        guard case .number(let text) = self else { return nil }
        if let value = Int(text) { return value }
        if let value = Double(text), value == value.rounded(), abs(value) < 9.0e15 { return Int(value) }
        return nil
    }

    /// The JSON type name, as JSON Schema spells it.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Convenience for building values in code.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember($0.key, $0.value) })
    }

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A Double as JSON; NaN and infinities, which JSON cannot hold, become null.
    public static func double(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number("\(value)")
    }

    public static func optionalString(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }
}
