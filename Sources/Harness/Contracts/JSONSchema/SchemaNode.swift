/// One compiled schema (an object or a boolean) of a JSON Schema document. Nodes live in
/// one array and refer to each other by index, so `$ref` cycles are plain integers.
struct SchemaNode {
    enum Body {
        /// `true` or `false` as a schema.
        case always(Bool)
        case keywords([SchemaKeyword])
    }

    var body: Body
    /// The schema resource (`$id` or document root) this node belongs to, pushed on the
    /// dynamic scope while the node is evaluated (`$dynamicRef` searches that scope).
    var resource: Int
    /// Whether the node has `unevaluatedProperties` or `unevaluatedItems`, so evaluation
    /// must collect what its in-place subschemas evaluated.
    var needsAnnotations = false

    static var placeholder: SchemaNode { SchemaNode(body: .always(true), resource: 0) }

    var isFalse: Bool {
        if case .always(false) = body { return true }
        return false
    }
}

/// The JSON types as `type` names them; `integer` is a number with no fractional part.
struct JSONTypeSet: OptionSet {
    let rawValue: UInt8

    static let null = JSONTypeSet(rawValue: 1)
    static let boolean = JSONTypeSet(rawValue: 2)
    static let object = JSONTypeSet(rawValue: 4)
    static let array = JSONTypeSet(rawValue: 8)
    static let number = JSONTypeSet(rawValue: 16)
    static let string = JSONTypeSet(rawValue: 32)
    static let integer = JSONTypeSet(rawValue: 64)

    static let names: [(String, JSONTypeSet)] = [
        ("null", .null), ("boolean", .boolean), ("object", .object), ("array", .array),
        ("number", .number), ("string", .string), ("integer", .integer),
    ]

    var description: String {
        let listed = JSONTypeSet.names.filter { contains($0.1) }.map(\.0)
        return listed.joined(separator: " or ")
    }
}

/// A bound on a number: `minimum`, `exclusiveMinimum`, `maximum`, `exclusiveMaximum`.
struct NumberBound {
    enum Kind { case minimum, exclusiveMinimum, maximum, exclusiveMaximum }
    var kind: Kind
    var limit: ExactDecimal
    /// The bound as written, for messages.
    var text: String
    /// The bound as an Int when it is a whole number that fits, for the common fast path.
    var integer: Int?

    var keyword: String {
        switch kind {
        case .minimum: return "minimum"
        case .exclusiveMinimum: return "exclusiveMinimum"
        case .maximum: return "maximum"
        case .exclusiveMaximum: return "exclusiveMaximum"
        }
    }

    /// Whether a value comparing to the limit as `order` (-1, 0, 1) satisfies the bound.
    func accepts(order: Int) -> Bool {
        switch kind {
        case .minimum: return order >= 0
        case .exclusiveMinimum: return order > 0
        case .maximum: return order <= 0
        case .exclusiveMaximum: return order < 0
        }
    }
}

/// `properties`, `patternProperties` and `additionalProperties` of one schema, evaluated
/// together because `additionalProperties` applies to what the other two did not match.
/// A class, so that handing the keyword around retains one reference, not three.
final class PropertyRules {
    var properties: [String: Int] = [:]
    var patterns: [(pattern: ECMAPattern, node: Int)] = []
    var additional: Int?
}

/// One compiled keyword. Subschemas are node indices.
enum SchemaKeyword {
    case type(JSONTypeSet)
    case const(JSONValue)
    case enumeration(values: [JSONValue], lookup: Set<CanonicalJSON>)
    case multipleOf(ExactDecimal, significand: UInt64, text: String)
    case bound(NumberBound)
    case maxLength(Int)
    case minLength(Int)
    case pattern(ECMAPattern)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case maxProperties(Int)
    case minProperties(Int)
    case required([String])
    case dependentRequired([(property: String, required: [String])])
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(if: Int, then: Int?, else: Int?)
    case dependentSchemas([(property: String, node: Int)])
    case items(prefix: [Int], rest: Int?)
    case contains(Int, minimum: Int, maximum: Int?)
    case properties(PropertyRules)
    case propertyNames(Int)
    case ref(Int)
    /// `anchor` is set when the initial target carries a matching `$dynamicAnchor`, which
    /// is what makes the reference dynamic; otherwise it behaves like `$ref`.
    case dynamicRef(Int, anchor: String?)
    case unevaluatedItems(Int)
    case unevaluatedProperties(Int)
}
