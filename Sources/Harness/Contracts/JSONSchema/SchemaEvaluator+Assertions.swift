/// The validation vocabulary: assertions on one value (type, enum, bounds, lengths, …).
extension SchemaEvaluator {
    /// Applies one keyword; keywords about another type than the instance's pass. Each
    /// keyword has its own function so that this frame, which recursion repeats, stays small.
    func apply(_ keyword: SchemaKeyword, _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        switch keyword {
        case .type(let types): return checkType(types, instance, report: report)
        case .const(let expected): return checkConst(expected, instance, report: report)
        case .enumeration(let values, let lookup): return checkEnum(values, lookup, instance, report: report)
        case .multipleOf(let divisor, let significand, let text):
            return checkMultiple(divisor, significand, text, instance, report: report)
        case .bound(let bound): return checkBound(bound, instance, report: report)
        case .maxLength(let limit): return checkLength(instance, maximum: limit, report: report)
        case .minLength(let limit): return checkLength(instance, minimum: limit, report: report)
        case .pattern(let pattern): return checkPattern(pattern, instance, report: report)
        case .maxItems(let limit): return checkItemCount(instance, maximum: limit, report: report)
        case .minItems(let limit): return checkItemCount(instance, minimum: limit, report: report)
        case .uniqueItems: return checkUnique(instance, report: report)
        case .maxProperties(let limit): return checkPropertyCount(instance, maximum: limit, report: report)
        case .minProperties(let limit): return checkPropertyCount(instance, minimum: limit, report: report)
        case .required(let names): return checkRequired(names, instance, report: report)
        case .dependentRequired(let rules): return checkDependentRequired(rules, instance, report: report)
        case .allOf(let branches): return try applyAllOf(branches, instance, report: report, &annotations)
        case .anyOf(let branches): return try applyAnyOf(branches, instance, report: report, &annotations)
        case .oneOf(let branches): return try applyOneOf(branches, instance, report: report, &annotations)
        case .not(let branch): return try applyNot(branch, instance, report: report)
        case .conditional(let condition, let then, let otherwise):
            return try applyConditional(condition, then, otherwise, instance, report: report, &annotations)
        case .dependentSchemas(let rules): return try applyDependentSchemas(rules, instance, report: report, &annotations)
        case .ref(let target): return try evaluate(target, instance, report: report, &annotations)
        case .dynamicRef(let target, let anchor):
            return try evaluate(dynamicTarget(target, anchor: anchor), instance, report: report, &annotations)
        case .items(let prefix, let rest): return try applyItems(prefix: prefix, rest: rest, instance, report: report, &annotations)
        case .contains(let branch, let minimum, let maximum):
            return try applyContains(branch, minimum: minimum, maximum: maximum, instance, report: report, &annotations)
        case .properties(let rules): return try applyProperties(rules, instance, report: report, &annotations)
        case .propertyNames(let branch): return try applyPropertyNames(branch, instance, report: report)
        case .unevaluatedItems(let branch): return try applyUnevaluatedItems(branch, instance, report: report, &annotations)
        case .unevaluatedProperties(let branch):
            return try applyUnevaluatedProperties(branch, instance, report: report, &annotations)
        }
    }

    func checkType(_ types: JSONTypeSet, _ instance: JSONValue, report: Bool) -> Bool {
        if SchemaEvaluator.matches(types, instance) { return true }
        if report { fail("type", instance, "expected \(types.description), got \(SchemaEvaluator.describeType(instance))") }
        return false
    }

    func checkConst(_ expected: JSONValue, _ instance: JSONValue, report: Bool) -> Bool {
        if CanonicalJSON.equal(expected, instance) { return true }
        if report { fail("const", instance, "expected \(expected.preview(limit: 60)), got \(instance.preview(limit: 40))") }
        return false
    }

    func checkEnum(_ values: [JSONValue], _ lookup: Set<CanonicalJSON>, _ instance: JSONValue, report: Bool) -> Bool {
        if lookup.contains(CanonicalJSON(instance)) { return true }
        if report { fail("enum", instance, "\(instance.preview(limit: 40)) is not one of \(JSONValue.array(values).preview(limit: 60))") }
        return false
    }

    func checkMultiple(_ divisor: ExactDecimal, _ significand: UInt64, _ text: String, _ instance: JSONValue, report: Bool) -> Bool {
        guard case .number(let number) = instance, let value = ExactDecimal(number) else { return true }
        if value.isMultiple(of: divisor, significand: significand) { return true }
        if report { fail("multipleOf", instance, "\(number) is not a multiple of \(text)") }
        return false
    }

    /// Lengths count code points (not UTF-16 units or grapheme clusters), as JSON Schema says.
    func checkLength(_ instance: JSONValue, minimum: Int = 0, maximum: Int = Int.max, report: Bool) -> Bool {
        guard case .string(let text) = instance else { return true }
        // Code points never outnumber UTF-8 bytes, so most strings need no counting.
        let bytes = text.utf8.count
        if bytes <= maximum && minimum == 0 { return true }
        let length = text.unicodeScalars.count
        if length >= minimum && length <= maximum { return true }
        if report {
            if length > maximum {
                fail("maxLength", instance, "the string has \(length) characters, more than \(maximum)")
            } else {
                fail("minLength", instance, "the string has \(length) characters, fewer than \(minimum)")
            }
        }
        return false
    }

    func checkPattern(_ pattern: ECMAPattern, _ instance: JSONValue, report: Bool) -> Bool {
        guard case .string(let text) = instance else { return true }
        if pattern.matches(text) { return true }
        if report {
            fail("pattern", instance, "\(instance.preview(limit: 40)) does not match \(JSONValue.string(pattern.source).preview(limit: 60))")
        }
        return false
    }

    func checkItemCount(_ instance: JSONValue, minimum: Int = 0, maximum: Int = Int.max, report: Bool) -> Bool {
        guard case .array(let items) = instance else { return true }
        if items.count >= minimum && items.count <= maximum { return true }
        if report {
            if items.count > maximum {
                fail("maxItems", instance, "the array has \(items.count) items, more than \(maximum)")
            } else {
                fail("minItems", instance, "the array has \(items.count) items, fewer than \(minimum)")
            }
        }
        return false
    }

    /// Counts distinct keys (a parsed object may repeat one), but only when it could matter.
    func checkPropertyCount(_ instance: JSONValue, minimum: Int = 0, maximum: Int = Int.max, report: Bool) -> Bool {
        guard case .object(let members) = instance else { return true }
        if members.count >= minimum && members.count <= maximum { return true }
        let count = Set(members.map(\.key)).count
        if count >= minimum && count <= maximum { return true }
        if report {
            if count > maximum {
                fail("maxProperties", instance, "the object has \(count) properties, more than \(maximum)")
            } else {
                fail("minProperties", instance, "the object has \(count) properties, fewer than \(minimum)")
            }
        }
        return false
    }

    /// Each missing property is one violation.
    func checkRequired(_ names: [String], _ instance: JSONValue, report: Bool) -> Bool {
        guard case .object(let members) = instance else { return true }
        let keys = ObjectKeys(members)
        var valid = true
        for name in names where !keys.contains(name) {
            valid = false
            if !report { return false }
            fail("required", instance, "missing property \(JSONValue.string(name).preview(limit: 60))")
        }
        return valid
    }

    func checkDependentRequired(_ rules: [(property: String, required: [String])], _ instance: JSONValue, report: Bool) -> Bool {
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
