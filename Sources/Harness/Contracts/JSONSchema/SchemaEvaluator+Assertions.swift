/// The validation vocabulary: assertions on one value (type, enum, bounds, lengths, …).
extension SchemaEvaluator {
    /// Applies one keyword. Keywords for another type than the instance's pass.
    func apply(_ keyword: SchemaKeyword, _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        switch keyword {
        case .type(let types):
            if SchemaEvaluator.matches(types, instance) { return true }
            if report { fail("type", instance, "expected \(types.description), got \(SchemaEvaluator.describeType(instance))") }
            return false
        case .const(let expected):
            if CanonicalJSON.equal(expected, instance) { return true }
            if report { fail("const", instance, "expected \(expected.preview(limit: 60)), got \(instance.preview(limit: 40))") }
            return false
        case .enumeration(let values, let lookup):
            if lookup.contains(CanonicalJSON(instance)) { return true }
            if report {
                fail("enum", instance, "\(instance.preview(limit: 40)) is not one of \(JSONValue.array(values).preview(limit: 60))")
            }
            return false
        case .multipleOf(let divisor, let significand, let text):
            guard case .number(let number) = instance, let value = ExactDecimal(number) else { return true }
            if value.isMultiple(of: divisor, significand: significand) { return true }
            if report { fail("multipleOf", instance, "\(number) is not a multiple of \(text)") }
            return false
        case .bound(let bound):
            return checkBound(bound, instance, report: report)
        case .maxLength(let limit):
            guard case .string(let text) = instance else { return true }
            // Code points never outnumber UTF-8 bytes, so short strings need no counting.
            if text.utf8.count <= limit { return true }
            let length = text.unicodeScalars.count
            if length <= limit { return true }
            if report { fail("maxLength", instance, "the string has \(length) characters, more than \(limit)") }
            return false
        case .minLength(let limit):
            guard case .string(let text) = instance else { return true }
            let length = text.unicodeScalars.count
            if length >= limit { return true }
            if report { fail("minLength", instance, "the string has \(length) characters, fewer than \(limit)") }
            return false
        case .pattern(let pattern):
            guard case .string(let text) = instance else { return true }
            if pattern.matches(text) { return true }
            if report { fail("pattern", instance, "\(instance.preview(limit: 40)) does not match \(JSONValue.string(pattern.source).preview(limit: 60))") }
            return false
        case .maxItems(let limit):
            guard case .array(let items) = instance, items.count > limit else { return true }
            if report { fail("maxItems", instance, "the array has \(items.count) items, more than \(limit)") }
            return false
        case .minItems(let limit):
            guard case .array(let items) = instance, items.count < limit else { return true }
            if report { fail("minItems", instance, "the array has \(items.count) items, fewer than \(limit)") }
            return false
        case .uniqueItems:
            return checkUnique(instance, report: report)
        case .maxProperties(let limit):
            guard case .object(let members) = instance, members.count > limit else { return true }
            let count = Set(members.map(\.key)).count
            if count <= limit { return true }
            if report { fail("maxProperties", instance, "the object has \(count) properties, more than \(limit)") }
            return false
        case .minProperties(let limit):
            guard case .object(let members) = instance else { return true }
            let count = members.count < limit ? members.count : Set(members.map(\.key)).count
            if count >= limit { return true }
            if report { fail("minProperties", instance, "the object has \(count) properties, fewer than \(limit)") }
            return false
        case .required(let names):
            guard case .object(let members) = instance else { return true }
            let keys = ObjectKeys(members)
            var valid = true
            for name in names where !keys.contains(name) {
                valid = false
                if !report { return false }
                fail("required", instance, "missing property \(JSONValue.string(name).preview(limit: 60))")
            }
            return valid
        case .dependentRequired(let rules):
            guard case .object(let members) = instance else { return true }
            let keys = ObjectKeys(members)
            var valid = true
            for rule in rules where keys.contains(rule.property) {
                for name in rule.required where !keys.contains(name) {
                    valid = false
                    if !report { return false }
                    fail("dependentRequired", instance,
                         "property \(JSONValue.string(name).preview(limit: 60)) is required when \(JSONValue.string(rule.property).preview(limit: 60)) is present")
                }
            }
            return valid
        default:
            return try applyApplicator(keyword, instance, report: report, &annotations)
        }
    }

    static func matches(_ types: JSONTypeSet, _ instance: JSONValue) -> Bool {
        switch instance {
        case .null: return types.contains(.null)
        case .bool: return types.contains(.boolean)
        case .string: return types.contains(.string)
        case .array: return types.contains(.array)
        case .object: return types.contains(.object)
        case .number(let text):
            if types.contains(.number) { return true }
            return types.contains(.integer) && isInteger(text)
        }
    }

    /// `3`, `3.0` and `1e3` are integers; `3.5` is not.
    static func isInteger(_ text: String) -> Bool {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return true
        }
        return ExactDecimal(text)?.isInteger ?? false
    }

    static func describeType(_ instance: JSONValue) -> String {
        if case .number(let text) = instance, isInteger(text) { return "integer" }
        return instance.typeName
    }

    func checkBound(_ bound: NumberBound, _ instance: JSONValue, report: Bool) -> Bool {
        guard case .number(let text) = instance else { return true }
        let order: Int
        if let limit = bound.integer, let value = Int(text) {
            order = value < limit ? -1 : (value == limit ? 0 : 1)
        } else if let value = ExactDecimal(text) {
            order = value < bound.limit ? -1 : (value == bound.limit ? 0 : 1)
        } else {
            return true
        }
        if bound.accepts(order: order) { return true }
        if report {
            let relation: String
            switch bound.kind {
            case .minimum: relation = "is less than the minimum"
            case .exclusiveMinimum: relation = "is not greater than"
            case .maximum: relation = "is greater than the maximum"
            case .exclusiveMaximum: relation = "is not less than"
            }
            fail(bound.keyword, instance, "\(text) \(relation) \(bound.text)")
        }
        return false
    }

    /// Hashes the items, so a long array is checked in linear time.
    func checkUnique(_ instance: JSONValue, report: Bool) -> Bool {
        guard case .array(let items) = instance, items.count > 1 else { return true }
        var seen: [CanonicalJSON: Int] = [:]
        seen.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            if let first = seen.updateValue(position, forKey: CanonicalJSON(item)) {
                if report { fail("uniqueItems", instance, "items \(first) and \(position) are equal (\(item.preview(limit: 40)))") }
                return false
            }
        }
        return true
    }
}

/// Key lookup in an object's members: a scan for small objects, a set for large ones.
struct ObjectKeys {
    let members: [JSONMember]
    let set: Set<String>?

    init(_ members: [JSONMember]) {
        self.members = members
        set = members.count > 16 ? Set(members.map(\.key)) : nil
    }

    func contains(_ key: String) -> Bool {
        if let set { return set.contains(key) }
        return members.contains { $0.key == key }
    }
}
