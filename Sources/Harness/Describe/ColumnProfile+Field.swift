/// The drafted Table Schema field of a profiled column.
extension ColumnProfile {
    /// The surviving candidate the field gets: the narrowest, with `year` only for fields
    /// named like a year; nil for text (`string`) or a column without values (`any`).
    var chosen: TypeCandidate? {
        guard present > 0 else { return nil }
        if name.lowercased().contains("year"), alive & (1 << UInt32(TypeCandidate.yearIndex)) != 0 {
            return TypeCandidate.all[TypeCandidate.yearIndex]
        }
        var bits = alive
        while bits != 0 {
            let index = bits.trailingZeroBitCount
            bits &= bits - 1
            if index == TypeCandidate.yearIndex { continue }
            return TypeCandidate.all[index]
        }
        return nil
    }

    var chosenIndex: Int? {
        guard let chosen else { return nil }
        return TypeCandidate.all.firstIndex { $0.type == chosen.type && $0.format == chosen.format }
    }

    var typeName: String { present == 0 ? "any" : chosen?.type.rawValue ?? "string" }
    var isRequired: Bool { missing == 0 && present > 0 }

    /// Unique only when tracked to the end, over two or more values, and never for dates
    /// read with a pattern (two layouts can read one text as different days while both
    /// survive, so their fingerprints are not trusted).
    var isUnique: Bool {
        guard uniqueness.state == .tracking, present >= 2 else { return false }
        if let chosen, chosen.format != "default" { return false }
        return true
    }

    func note(options: DescribeOptions) -> DescribeNote? {
        switch uniqueness.state {
        case .overBudget: return .uniqueNotTracked(field: name, budget: options.uniqueBudget)
        case .orderBroke(let row): return .uniqueUnknownAfterOrder(field: name, row: row)
        default: return present == 0 ? .empty(field: name) : nil
        }
    }

    func field(options: DescribeOptions) -> JSONValue {
        var members = [JSONMember("name", .string(name)), JSONMember("type", .string(typeName))]
        if let chosen, chosen.format != "default" { members.append(JSONMember("format", .string(chosen.format))) }
        var constraints: [JSONMember] = []
        if isRequired { constraints.append(JSONMember("required", .bool(true))) }
        if isUnique { constraints.append(JSONMember("unique", .bool(true))) }
        if let index = chosenIndex, TypeCandidate.all[index].type.isOrdered, !nonFinite,
           minimum[index] != nil, maximum[index] != nil {
            let type = TypeCandidate.all[index].type
            constraints.append(JSONMember("minimum", ColumnProfile.bound(minimumText[index], type: type)))
            constraints.append(JSONMember("maximum", ColumnProfile.bound(maximumText[index], type: type)))
        }
        if present > 0, chosen == nil, !distinctOverflow, !distinctTexts.isEmpty,
           distinctTexts.count <= options.enumLimit, present >= options.enumRepetition * distinctTexts.count {
            let sorted = distinctTexts.sorted { $0.lexicographicallyPrecedes($1) }
            constraints.append(JSONMember("enum", .array(sorted.map { .string(String(decoding: $0, as: UTF8.self)) })))
        }
        if !constraints.isEmpty { members.append(JSONMember("constraints", .object(constraints))) }
        if tokensSeen != 0 {
            let tokens = ColumnProfile.missingTokens.indices.filter { tokensSeen & (1 << UInt16($0)) != 0 }
            let texts = [""] + tokens.map { String(decoding: ColumnProfile.missingTokens[$0], as: UTF8.self) }
            members.append(JSONMember("missingValues", .array(texts.map { .string($0) })))
        }
        return .object(members)
    }

    /// A bound as the cell wrote it: a JSON number when the text is one (numbers and years),
    /// else the text, which the validator casts with the field's type and format.
    static func bound(_ text: [UInt8], type: FieldType) -> JSONValue {
        let string = String(decoding: text, as: UTF8.self)
        if type == .integer || type == .number || type == .year {
            var digits = string
            if digits.hasPrefix("+") { digits.removeFirst() }
            if (try? JSONParser.parse(Array(digits.utf8), path: "")).map({ if case .number = $0 { return true } else { return false } }) == true {
                return .number(digits)
            }
        }
        return .string(string)
    }

    var summary: DataDescription.FieldSummary {
        DataDescription.FieldSummary(name: name, type: typeName, required: isRequired, unique: isUnique)
    }
}
