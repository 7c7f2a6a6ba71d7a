/// Keywords that compile on their own, and the checks on keyword values.
extension SchemaCompiler {
    func compileSimpleKeyword(_ context: KeywordContext) throws -> SchemaKeyword? {
        switch context.key {
        case "const":
            return .const(context.value)
        case "enum":
            guard case .array(let values) = context.value else { throw invalid(context, "must be an array of the allowed values") }
            return .enumeration(values: values, lookup: Set(values.map(CanonicalJSON.init)))
        case "multipleOf":
            let divisor = try number(context)
            guard !divisor.negative, !divisor.isZero else { throw invalid(context, "must be a number greater than 0") }
            guard let significand = divisor.significand else {
                throw invalid(context, "has more than 19 significant digits, which harness does not support")
            }
            return .multipleOf(divisor, significand: significand, text: context.value.compactText)
        case "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum":
            let limit = try number(context)
            let kinds: [String: NumberBound.Kind] = ["minimum": .minimum, "exclusiveMinimum": .exclusiveMinimum,
                                                     "maximum": .maximum, "exclusiveMaximum": .exclusiveMaximum]
            let whole = limit.clampedInt
            let integer = limit.isInteger && whole != Int.max && whole != Int.min ? whole : nil
            return .bound(NumberBound(kind: kinds[context.key] ?? .minimum, limit: limit,
                                      text: context.value.compactText, integer: integer))
        case "maxLength": return .maxLength(try nonNegativeInteger(context))
        case "minLength": return .minLength(try nonNegativeInteger(context))
        case "pattern":
            guard case .string(let source) = context.value else { throw invalid(context, "must be a string (a regular expression)") }
            return .pattern(try pattern(source, context))
        case "maxItems": return .maxItems(try nonNegativeInteger(context))
        case "minItems": return .minItems(try nonNegativeInteger(context))
        case "uniqueItems": return try boolean(context) ? .uniqueItems : nil
        case "maxProperties": return .maxProperties(try nonNegativeInteger(context))
        case "minProperties": return .minProperties(try nonNegativeInteger(context))
        case "required": return .required(try strings(context, context.value))
        case "dependentRequired":
            guard case .object(let entries) = context.value else { throw invalid(context, "must be an object of arrays of property names") }
            return .dependentRequired(try entries.map { ($0.key, try strings(context, $0.value)) })
        case "allOf": return .allOf(try subschemaArray(context))
        case "anyOf": return .anyOf(try subschemaArray(context))
        case "oneOf": return .oneOf(try subschemaArray(context))
        case "not": return .not(try subschema(context))
        case "dependentSchemas": return .dependentSchemas(try subschemaMap(context).map { ($0.key, $0.node) })
        case "propertyNames": return .propertyNames(try subschema(context))
        case "$ref":
            let target = try reference(context)
            return .ref(try node(at: target.location, offset: context.member.offset))
        case "$dynamicRef":
            let target = try reference(context)
            let node = try node(at: target.location, offset: context.member.offset)
            // Dynamic only when the initial target carries the same `$dynamicAnchor`
            // ("bookending"); otherwise `$dynamicRef` is an ordinary `$ref`.
            let anchor = target.anchor.flatMap { name in
                registry.value(at: target.location)?["$dynamicAnchor"] == .string(name) ? name : nil
            }
            return .dynamicRef(node, anchor: anchor)
        case "$defs", "definitions":
            _ = try subschemaMap(context)
            return nil
        case "contentSchema":
            _ = try subschema(context)
            return nil
        case "$schema", "$comment", "title", "description", "format", "contentEncoding", "contentMediaType",
             "$anchor", "$dynamicAnchor", "$id":
            guard case .string = context.value else { throw invalid(context, "must be a string") }
            return nil
        case "deprecated", "readOnly", "writeOnly":
            _ = try boolean(context)
            return nil
        case "$vocabulary":
            guard case .object(let entries) = context.value, entries.allSatisfy({ $0.value.boolValue != nil }) else {
                throw invalid(context, "must be an object of vocabulary URIs to true or false")
            }
            return nil
        default:
            // "default" and "examples" hold any value; nothing else reaches here.
            return nil
        }
    }

    /// Draft 7's `dependencies`, which the 2020-12 metaschema still describes: an array
    /// means dependentRequired, a schema dependentSchemas.
    func dependencies(_ context: KeywordContext) throws -> [SchemaKeyword] {
        guard case .object(let entries) = context.value else { throw invalid(context, "must be an object") }
        var required: [(property: String, required: [String])] = []
        var schemas: [(property: String, node: Int)] = []
        for entry in entries {
            if case .array = entry.value {
                required.append((entry.key, try strings(context, entry.value)))
            } else {
                schemas.append((entry.key, try compile(entry.value, at: context.location.appending(entry.key),
                                                       base: context.base, offset: entry.offset)))
            }
        }
        var parts: [SchemaKeyword] = []
        if !required.isEmpty { parts.append(.dependentRequired(required)) }
        if !schemas.isEmpty { parts.append(.dependentSchemas(schemas)) }
        return parts
    }

    // MARK: Values

    func invalid(_ context: KeywordContext, _ what: String, hint: String? = nil) -> HarnessError {
        registry.error("\"\(context.key)\" \(what), found \(context.value.preview(limit: 60))",
                       document: context.location.document, offset: context.member.offset, hint: hint)
    }

    func subschema(_ context: KeywordContext) throws -> Int {
        try compile(context.value, at: context.location, base: context.base, offset: context.member.offset)
    }

    func subschemaArray(_ context: KeywordContext) throws -> [Int] {
        guard case .array(let items) = context.value, !items.isEmpty else {
            throw invalid(context, "must be a non-empty array of schemas")
        }
        return try items.enumerated().map { position, item in
            try compile(item, at: context.location.appending(String(position)), base: context.base, offset: context.member.offset)
        }
    }

    func subschemaMap(_ context: KeywordContext) throws -> [(key: String, node: Int)] {
        guard case .object(let entries) = context.value else { throw invalid(context, "must be an object whose values are schemas") }
        return try entries.map { entry in
            (entry.key, try compile(entry.value, at: context.location.appending(entry.key), base: context.base, offset: entry.offset))
        }
    }

    func number(_ context: KeywordContext) throws -> ExactDecimal {
        guard case .number(let text) = context.value, let number = ExactDecimal(text) else { throw invalid(context, "must be a number") }
        return number
    }

    /// A count (`maxLength`, `minItems`, …): a whole number, `2.0` included; beyond Int it
    /// is clamped, which changes no verdict.
    func nonNegativeInteger(_ context: KeywordContext) throws -> Int {
        guard case .number(let text) = context.value, let number = ExactDecimal(text), number.isInteger, !number.negative else {
            throw invalid(context, "must be a non-negative integer")
        }
        return number.clampedInt
    }

    func boolean(_ context: KeywordContext) throws -> Bool {
        guard case .bool(let flag) = context.value else { throw invalid(context, "must be true or false") }
        return flag
    }

    func strings(_ context: KeywordContext, _ value: JSONValue) throws -> [String] {
        guard case .array(let items) = value else { throw invalid(context, "must be an array of property names") }
        return try items.map { item in
            guard case .string(let name) = item else { throw invalid(context, "must list property names as strings") }
            return name
        }
    }

    func types(_ context: KeywordContext) throws -> JSONTypeSet {
        let names: [JSONValue]
        switch context.value {
        case .string: names = [context.value]
        case .array(let items) where !items.isEmpty: names = items
        default: throw invalid(context, "must be a type name or an array of type names")
        }
        var set: JSONTypeSet = []
        for name in names {
            guard case .string(let text) = name else { throw invalid(context, "must list type names as strings") }
            guard let type = JSONTypeSet.names.first(where: { $0.0 == text })?.1 else {
                throw HarnessError.unknownName(
                    registry.sourceLocation(document: context.location.document, offset: context.member.offset),
                    kind: "JSON Schema type", name: text, known: JSONTypeSet.names.map(\.0))
            }
            set.insert(type)
        }
        return set
    }

    func pattern(_ source: String, _ context: KeywordContext, offset: Int? = nil) throws -> ECMAPattern {
        do {
            return try ECMAPattern(source)
        } catch {
            throw registry.error("\"\(context.key)\": \"\(source)\" is not a valid regular expression",
                                 document: context.location.document, offset: offset ?? context.member.offset,
                                 hint: "patterns are ECMA-262 regular expressions; check brackets, parentheses and escapes")
        }
    }

    func reference(_ context: KeywordContext) throws -> SchemaRegistry.Target {
        guard case .string(let text) = context.value else { throw invalid(context, "must be a string (a URI reference)") }
        return try registry.resolve(text, keyword: context.key, against: context.base,
                                    document: context.location.document, offset: context.member.offset)
    }
}
