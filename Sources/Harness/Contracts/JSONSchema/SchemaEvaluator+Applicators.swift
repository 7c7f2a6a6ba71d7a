/// The applicator, unevaluated and core keywords: everything that applies subschemas.
extension SchemaEvaluator {
    func applyAllOf(_ branches: [Int], _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        var valid = true
        for branch in branches {
            if try evaluate(branch, instance, report: report, &annotations) { continue }
            valid = false
            if !report { return false }
        }
        return valid
    }

    /// A failing anyOf is one violation, whatever its branches' reasons.
    func applyAnyOf(_ branches: [Int], _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        var matched = false
        for branch in branches {
            guard try evaluate(branch, instance, report: false, &annotations) else { continue }
            matched = true
            // Every matching branch contributes annotations, so only stop early without them.
            if !annotations.enabled { break }
        }
        if !matched && report {
            let reasons = try explain(branches, instance, numbered: true)
            fail("anyOf", instance, "the value matches none of the \(branches.count) alternatives" + reasons)
        }
        return matched
    }

    func applyNot(_ branch: Int, _ instance: JSONValue, report: Bool) throws -> Bool {
        var none = Annotations.disabled
        guard try evaluate(branch, instance, report: false, &none) else { return true }
        if report { fail("not", instance, "the value must not match the schema in \"not\"") }
        return false
    }

    /// `if` only decides; its annotations count when it passes, as the spec says.
    func applyConditional(_ condition: Int, _ then: Int?, _ otherwise: Int?, _ instance: JSONValue, report: Bool,
                          _ annotations: inout Annotations) throws -> Bool {
        var found = Annotations(enabled: annotations.enabled)
        if try evaluate(condition, instance, report: false, &found) {
            annotations.merge(found)
            guard let then else { return true }
            return try evaluate(then, instance, report: report, &annotations)
        }
        guard let otherwise else { return true }
        return try evaluate(otherwise, instance, report: report, &annotations)
    }

    func applyDependentSchemas(_ rules: [(property: String, node: Int)], _ instance: JSONValue, report: Bool,
                               _ annotations: inout Annotations) throws -> Bool {
        guard case .object(let members) = instance else { return true }
        let keys = ObjectKeys(members)
        var valid = true
        for rule in rules where keys.contains(rule.property) {
            if try evaluate(rule.node, instance, report: report, &annotations) { continue }
            valid = false
            if !report { return false }
        }
        return valid
    }

    func applyPropertyNames(_ branch: Int, _ instance: JSONValue, report: Bool) throws -> Bool {
        guard case .object(let members) = instance else { return true }
        var valid = true
        for member in members {
            var none = Annotations.disabled
            if try evaluate(branch, .string(member.key), report: false, &none) { continue }
            valid = false
            if !report { return false }
            path.append(.key(member.key))
            defer { path.removeLast() }
            let reasons = try explain([branch], .string(member.key), numbered: false)
            fail("propertyNames", .string(member.key),
                 "the property name \(JSONValue.string(member.key).preview(limit: 60)) is not allowed" + reasons)
        }
        return valid
    }

    func applyUnevaluatedItems(_ branch: Int, _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        guard case .array(let items) = instance, !annotations.allItems else { return true }
        var valid = true
        for (position, item) in items.enumerated()
        where position >= annotations.itemPrefix && !annotations.items.contains(position) {
            if try checkChild(branch, item, .index(position), report: report, keyword: "unevaluatedItems",
                              refusal: "item \(position) is not allowed (no other keyword accepts it)") { continue }
            valid = false
            if !report { return false }
        }
        annotations.allItems = true
        return valid
    }

    func applyUnevaluatedProperties(_ branch: Int, _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        guard case .object(let members) = instance, !annotations.allProperties else { return true }
        var valid = true
        for member in members where !annotations.properties.contains(member.key) {
            if try checkChild(branch, member.value, .key(member.key), report: report, keyword: "unevaluatedProperties",
                              refusal: "property \(JSONValue.string(member.key).preview(limit: 60)) is not allowed (no other keyword accepts it)") { continue }
            valid = false
            if !report { return false }
        }
        annotations.allProperties = true
        return valid
    }

    /// A subschema applied to a property or item; a `false` subschema gets a message that
    /// says which property or item is not allowed, rather than "the schema is false".
    func checkChild(_ branch: Int, _ value: JSONValue, _ token: PathToken, report: Bool,
                    keyword: String, refusal: @autoclosure () -> String) throws -> Bool {
        if nodes[branch].isFalse {
            if report {
                path.append(token)
                fail(keyword, value, refusal())
                path.removeLast()
            }
            return false
        }
        return try evaluateChild(branch, value, token, report: report)
    }

    /// The outermost resource in the dynamic scope that has the anchor wins; without one
    /// (or for a reference that is not dynamic), the statically resolved target.
    func dynamicTarget(_ target: Int, anchor: String?) -> Int {
        guard let anchor else { return target }
        for resource in scope where resource < dynamicAnchors.count {
            if let found = dynamicAnchors[resource][anchor] { return found }
        }
        return target
    }

    func applyOneOf(_ branches: [Int], _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        var matches: [Int] = []
        var kept = Annotations(enabled: annotations.enabled)
        for (position, branch) in branches.enumerated() {
            var found = Annotations(enabled: annotations.enabled)
            guard try evaluate(branch, instance, report: false, &found) else { continue }
            matches.append(position)
            kept = found
            if matches.count > 1 && !report { return false }
        }
        if matches.count == 1 {
            annotations.merge(kept)
            return true
        }
        if report {
            if matches.isEmpty {
                let reasons = try explain(branches, instance, numbered: true)
                fail("oneOf", instance, "the value matches none of the \(branches.count) alternatives" + reasons)
            } else {
                fail("oneOf", instance, "the value matches \(matches.count) alternatives (" + matches.map { "#\($0)" }.joined(separator: ", ") + "), exactly one is allowed")
            }
        }
        return false
    }

    func applyItems(prefix: [Int], rest: Int?, _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        guard case .array(let items) = instance else { return true }
        var valid = true
        for (position, item) in items.enumerated() {
            let branch: Int
            let keyword: String
            if position < prefix.count {
                branch = prefix[position]
                keyword = "prefixItems"
            } else if let rest {
                branch = rest
                keyword = "items"
            } else {
                break
            }
            if try checkChild(branch, item, .index(position), report: report, keyword: keyword,
                              refusal: "item \(position) is not allowed (the array may have \(prefix.count) items)") { continue }
            valid = false
            if !report { return false }
        }
        if annotations.enabled {
            annotations.itemPrefix = max(annotations.itemPrefix, min(prefix.count, items.count))
            if rest != nil { annotations.allItems = true }
        }
        return valid
    }

    func applyContains(_ branch: Int, minimum: Int, maximum: Int?, _ instance: JSONValue, report: Bool,
                       _ annotations: inout Annotations) throws -> Bool {
        guard case .array(let items) = instance else { return true }
        var count = 0
        for (position, item) in items.enumerated() {
            path.append(.index(position))
            defer { path.removeLast() }
            var none = Annotations.disabled
            guard try evaluate(branch, item, report: false, &none) else { continue }
            count += 1
            if annotations.enabled {
                annotations.items.insert(position)
            } else if maximum.map({ count > $0 }) ?? (count >= minimum) {
                break
            }
        }
        if count < minimum {
            if report {
                if minimum == 1 {
                    fail("contains", instance, "no item matches the schema in \"contains\"")
                } else {
                    fail("minContains", instance, "\(count) items match \"contains\", at least \(minimum) must")
                }
            }
            return false
        }
        if let maximum, count > maximum {
            if report { fail("maxContains", instance, "more than \(maximum) items match \"contains\"") }
            return false
        }
        return true
    }

    func applyProperties(_ rules: PropertyRules, _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        guard case .object(let members) = instance else { return true }
        var valid = true
        for member in members {
            var matched = false
            if let branch = rules.properties[member.key] {
                matched = true
                if !(try checkChild(branch, member.value, .key(member.key), report: report, keyword: "properties",
                                    refusal: "property \(JSONValue.string(member.key).preview(limit: 60)) is not allowed")) {
                    valid = false
                    if !report { return false }
                }
            }
            for rule in rules.patterns where rule.pattern.matches(member.key, cached: true) {
                matched = true
                if !(try checkChild(rule.node, member.value, .key(member.key), report: report, keyword: "patternProperties",
                                    refusal: "property \(JSONValue.string(member.key).preview(limit: 60)) is not allowed (it matches \(JSONValue.string(rule.pattern.source).preview(limit: 40)))")) {
                    valid = false
                    if !report { return false }
                }
            }
            if !matched, let branch = rules.additional {
                matched = true
                if !(try checkChild(branch, member.value, .key(member.key), report: report, keyword: "additionalProperties",
                                    refusal: "property \(JSONValue.string(member.key).preview(limit: 60)) is not allowed (not listed in \"properties\")")) {
                    valid = false
                    if !report { return false }
                }
            }
            if matched && annotations.enabled { annotations.properties.insert(member.key) }
        }
        return valid
    }
}
