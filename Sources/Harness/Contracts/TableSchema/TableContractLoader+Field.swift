/// The field level: type, format, type options, constraints, missing values, and our
/// `contract:quality` and `contract:severity`.
extension TableContractLoader {
    static let commonFieldProperties = ["name", "title", "description", "example", "examples", "type", "format",
                                        "constraints", "missingValues", "rdfType", "contract:quality", "contract:severity"]

    func field(_ members: [JSONMember], schemaMissing: [[UInt8]]) throws -> TableField {
        guard let nameMember = member(members, "name"), let name = nameMember.value.stringValue else {
            throw invalid(members.first, "every field needs a \"name\" (a string)")
        }
        var type = FieldType.any
        if let item = member(members, "type") {
            guard let text = item.value.stringValue, let value = FieldType(rawValue: text) else {
                throw HarnessError.unknownName(location(item), kind: "field type", name: item.value.stringValue ?? item.value.compactText,
                                               known: FieldType.allCases.map(\.rawValue))
            }
            type = value
        }
        for item in members where !TableContractLoader.commonFieldProperties.contains(item.key) && !type.ownProperties.contains(item.key)
            && FieldType.allOwnProperties.contains(item.key) {
            let owners = FieldType.allCases.filter { $0.ownProperties.contains(item.key) }.map(\.rawValue)
            throw invalid(item, "\"\(item.key)\" does not apply to \(type.rawValue) field \"\(name)\"",
                          hint: "\"\(item.key)\" is for \(owners.joined(separator: ", ")) fields")
        }
        try checkKeys(members, known: TableContractLoader.commonFieldProperties + type.ownProperties, kind: "field property")
        var caster = try self.caster(type, members, name: name)
        caster.type = type
        var field = TableField(name: name, caster: caster)
        field.missingValues = schemaMissing
        if let item = member(members, "missingValues") { field.missingValues = try missingValues(item) }
        if let item = member(members, "constraints") { field.constraints = try constraints(item, caster: caster, field: name) }
        if let item = member(members, "categories") {
            guard let entries = item.value.arrayValue, !entries.isEmpty else { throw invalid(item, "\"categories\" must be a non-empty array") }
            let values = try entries.map { entry -> JSONValue in
                if let members = entry.objectMembers, let value = entry["value"] {
                    try checkKeys(members, known: ["value", "label"], kind: "category property")
                    return value
                }
                return entry
            }
            field.constraints.categories = try values.map { try constraintValue($0, item: item, caster: caster, what: "categories") }
            field.constraints.updateChecksValues()
        }
        if let item = member(members, "contract:quality") { field.quality = try quality(item) }
        if let item = member(members, "contract:severity") {
            if item.value.stringValue != nil {
                let level = try severity(item)
                for check in ["type"] + FieldConstraints.Name.allCases.map(\.rawValue) { field.severities[check] = level }
            } else if let entries = item.value.objectMembers {
                try checkKeys(entries, known: ["type"] + FieldConstraints.Name.allCases.map(\.rawValue), kind: "check",
                              hint: "\"type\" is the type check; the others are constraint names")
                for entry in entries { field.severities[entry.key] = try severity(entry) }
            } else {
                throw invalid(item, "\"contract:severity\" must be \"warning\"/\"error\" or map checks to them, e.g. {\"pattern\": \"warning\"}")
            }
        }
        return field
    }

    private func caster(_ type: FieldType, _ members: [JSONMember], name: String) throws -> CellCaster {
        var caster = CellCaster(type: type)
        if let item = member(members, "format") {
            guard var format = item.value.stringValue else { throw invalid(item, "\"format\" must be a string") }
            if format.hasPrefix("fmt:") { format.removeFirst(4) }
            if type.takesPattern && format.contains("%") {
                do {
                    caster.pattern = try TemporalPattern(format)
                } catch {
                    throw invalid(item, "format \"\(format)\" of field \"\(name)\" uses \(error.directive), which strptime patterns here do not support",
                                  hint: "supported: " + TemporalPattern.directives.sorted().map { "%\($0)" }.joined(separator: " "))
                }
            } else if !type.formats.contains(format) {
                throw HarnessError.unknownName(location(item), kind: "format for \(type.rawValue) field \"\(name)\"", name: format,
                                               known: type.formats,
                                               hint: type.takesPattern ? "a strptime pattern such as \"%d/%m/%Y\" is accepted too" : nil)
            }
            caster.format = format
        }
        func text(_ key: String) throws -> [UInt8]? {
            guard let item = member(members, key) else { return nil }
            guard let value = item.value.stringValue else { throw invalid(item, "\"\(key)\" must be a string") }
            return Array(value.utf8)
        }
        func texts(_ key: String) throws -> [[UInt8]]? {
            guard let item = member(members, key) else { return nil }
            guard let values = item.value.arrayValue?.compactMap(\.stringValue), values.count == item.value.arrayValue?.count else {
                throw invalid(item, "\"\(key)\" must be an array of strings")
            }
            return values.map { Array($0.utf8) }
        }
        if let value = try text("decimalChar") { caster.decimalChar = value; caster.numberOptionsDeclared = true }
        if let value = try text("groupChar") { caster.groupChar = value; caster.numberOptionsDeclared = true }
        if let item = member(members, "bareNumber") {
            guard let flag = item.value.boolValue else { throw invalid(item, "\"bareNumber\" must be true or false") }
            caster.bareNumber = flag
            caster.numberOptionsDeclared = true
        }
        if let item = member(members, "floatNumber"), item.value.boolValue == nil { throw invalid(item, "\"floatNumber\" must be true or false") }
        if let values = try texts("trueValues") { caster.trueValues = TextSet(values) }
        if let values = try texts("falseValues") { caster.falseValues = TextSet(values) }
        if let value = try text("delimiter") {
            guard !value.isEmpty else { throw invalid(member(members, "delimiter"), "\"delimiter\" must not be empty") }
            caster.listDelimiter = value
        }
        if type == .list {
            var itemType = FieldType.string
            if let item = member(members, "itemType") {
                let allowed: [FieldType] = [.string, .integer, .boolean, .number, .datetime, .date, .time]
                guard let text = item.value.stringValue, let value = FieldType(rawValue: text), allowed.contains(value) else {
                    throw HarnessError.unknownName(location(item), kind: "list itemType", name: item.value.stringValue ?? item.value.compactText,
                                                   known: allowed.map(\.rawValue))
                }
                itemType = value
            }
            caster.itemCaster = [CellCaster(type: itemType)]
        }
        return caster
    }
}
