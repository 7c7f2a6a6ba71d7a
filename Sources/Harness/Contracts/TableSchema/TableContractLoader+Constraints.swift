/// Constraints and `contract:quality` rules of one field.
extension TableContractLoader {
    func constraints(_ item: JSONMember, caster: CellCaster, field: String) throws -> FieldConstraints {
        guard let members = item.value.objectMembers else { throw invalid(item, "\"constraints\" must be an object") }
        let known = FieldConstraints.Name.allCases.filter { $0 != .categories }.map(\.rawValue)
        try checkKeys(members, known: known, kind: "constraint")
        var constraints = FieldConstraints()
        let type = caster.type
        for entry in members {
            // `!`-free: checkKeys let only known names through.
            guard let name = FieldConstraints.Name(rawValue: entry.key) else { continue }
            constraints.declared[name] = entry.value.stringValue ?? entry.value.compactText
            switch name {
            case .required, .unique:
                guard let flag = entry.value.boolValue else { throw invalid(entry, "\"\(entry.key)\" must be true or false") }
                if name == .required { constraints.required = flag } else { constraints.unique = flag }
            case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum:
                guard type.isOrdered else {
                    throw invalid(entry, "constraint \"\(entry.key)\" does not apply to \(type.rawValue) field \"\(field)\"",
                                  hint: "it applies to integer, number, date, time, datetime, duration, year and yearmonth fields")
                }
                let value = try constraintValue(entry.value, item: entry, caster: caster, what: entry.key)
                switch name {
                case .minimum: constraints.minimum = value
                case .maximum: constraints.maximum = value
                case .exclusiveMinimum: constraints.exclusiveMinimum = value
                default: constraints.exclusiveMaximum = value
                }
            case .minLength, .maxLength:
                guard type.hasLength else {
                    throw invalid(entry, "constraint \"\(entry.key)\" does not apply to \(type.rawValue) field \"\(field)\"",
                                  hint: "it applies to string, list, array and object fields")
                }
                guard let value = entry.value.intValue, value >= 0 else { throw invalid(entry, "\"\(entry.key)\" must be a non-negative integer") }
                if name == .minLength { constraints.minLength = value } else { constraints.maxLength = value }
            case .pattern:
                guard type == .string else {
                    throw invalid(entry, "constraint \"pattern\" does not apply to \(type.rawValue) field \"\(field)\"",
                                  hint: "pattern applies to string fields")
                }
                guard let source = entry.value.stringValue else { throw invalid(entry, "\"pattern\" must be a string") }
                do {
                    constraints.pattern = try CellPattern(source)
                } catch {
                    throw invalid(entry, "invalid regular expression \"\(source)\" in \"pattern\" of field \"\(field)\"",
                                  hint: "patterns use XML Schema regular expression syntax, matched against the whole value")
                }
            case .enum:
                guard let values = entry.value.arrayValue, !values.isEmpty else { throw invalid(entry, "\"enum\" must be a non-empty array") }
                constraints.enumValues = try values.map { try constraintValue($0, item: entry, caster: caster, what: "enum") }
            case .jsonSchema:
                throw invalid(entry, "constraint \"jsonSchema\" is not supported for Table Schema fields yet",
                              hint: "validate JSON documents with a JSON Schema contract instead")
            case .categories:
                break
            }
        }
        constraints.updateChecksValues()
        return constraints
    }

    /// A constraint value: a JSON value of the field's logical type, or a string castable
    /// with the field's type and format.
    func constraintValue(_ value: JSONValue, item: JSONMember, caster: CellCaster, what: String) throws -> CellValue {
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let number): text = number
        case .bool(let flag):
            guard caster.type == .boolean else {
                throw invalid(item, "\"\(what)\" value \(flag) is not a \(caster.type.rawValue)")
            }
            return .boolean(flag)
        case .object, .array:
            if caster.type == .object || caster.type == .array || caster.type == .geojson { return .json(value) }
            text = value.compactText
        case .null:
            text = ""
        }
        var relaxed = caster
        relaxed.bareNumber = true
        relaxed.groupChar = []
        relaxed.decimalChar = [ASCII.period]
        relaxed.numberOptionsDeclared = false
        if case .number = value, caster.type == .number, let number = Double(text) { return .number(number) }
        if case .number = value, caster.type == .integer, let number = Int(text) { return .integer(number) }
        guard let cast = (caster.type == .number || caster.type == .integer ? relaxed : caster).cast(text: text) else {
            throw invalid(item, "\"\(what)\" value \(value.compactText) is not a valid \(caster.type.rawValue)"
                          + (caster.format == "default" ? "" : " in format \"\(caster.format)\""))
        }
        return cast
    }

    func quality(_ item: JSONMember) throws -> [QualityRule] {
        guard let entries = item.value.arrayValue else {
            throw invalid(item, "\"contract:quality\" must be an array of rules such as {\"metric\": \"nullValues\", \"mustBeLessThan\": 1, \"unit\": \"percent\"}")
        }
        return try entries.map { entry in
            let ruleItem = JSONMember(item.key, entry, offset: item.offset)
            guard let members = entry.objectMembers else { throw invalid(item, "each quality rule must be an object") }
            guard let metricMember = member(members, "metric") else {
                throw invalid(item, "a quality rule needs \"metric\"", hint: "one of " + QualityRule.Metric.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let text = metricMember.value.stringValue, let metric = QualityRule.Metric(rawValue: text) else {
                throw HarnessError.unknownName(location(metricMember), kind: "quality metric", name: metricMember.value.stringValue ?? metricMember.value.compactText,
                                               known: QualityRule.Metric.allCases.map(\.rawValue))
            }
            let (rule, level) = try countRule(ruleItem, extra: ["metric", "unit"])
            var quality = QualityRule(metric: metric, rule: rule, severity: level)
            if let unitMember = member(members, "unit") {
                guard let text = unitMember.value.stringValue, let unit = QualityRule.Unit(rawValue: text) else {
                    throw HarnessError.unknownName(location(unitMember), kind: "quality unit", name: unitMember.value.stringValue ?? unitMember.value.compactText,
                                                   known: QualityRule.Unit.allCases.map(\.rawValue))
                }
                quality.unit = unit
            }
            return quality
        }
    }
}
