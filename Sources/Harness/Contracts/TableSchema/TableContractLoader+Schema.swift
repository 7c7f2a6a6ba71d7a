/// The schema level: fields, keys, missing values, `fieldsMatch`; and the dialect.
extension TableContractLoader {
    func schema(_ members: [JSONMember]) throws -> TableSchema {
        var schema = TableSchema()
        // `!`-free: `fields` was checked present by the caller or is reported here.
        guard let fieldsMember = member(members, "fields"), let items = fieldsMember.value.arrayValue else {
            throw invalid(member(members, "fields"), "\"fields\" must be an array of field descriptors")
        }
        var schemaMissing: [[UInt8]] = [[]]
        if let item = member(members, "missingValues") { schemaMissing = try missingValues(item) }
        if let item = member(members, "fieldsMatch") {
            guard let text = item.value.stringValue, let value = FieldsMatch(rawValue: text) else {
                throw HarnessError.unknownName(location(item), kind: "fieldsMatch value", name: item.value.stringValue ?? item.value.compactText,
                                               known: FieldsMatch.allCases.map(\.rawValue))
            }
            schema.fieldsMatch = value
        }
        // Every field is read even after one fails, so a contract's mistakes are listed
        // together instead of one per run.
        var problems: [HarnessError] = []
        for item in items {
            guard let fieldMembers = item.objectMembers else {
                problems.append(invalid(fieldsMember, "each entry of \"fields\" must be an object, got \(item.typeName)"))
                continue
            }
            do {
                schema.fields.append(try field(fieldMembers, schemaMissing: schemaMissing))
            } catch let error as HarnessError {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw problems.count == 1 ? problems[0] : HarnessError.many(problems) }
        let names = schema.fields.map(\.name)
        if let item = member(members, "primaryKey") {
            schema.primaryKey = try keyFields(item, names: names, what: "primaryKey")
        }
        if let item = member(members, "uniqueKeys") {
            guard let keys = item.value.arrayValue, !keys.isEmpty else { throw invalid(item, "\"uniqueKeys\" must be a non-empty array of arrays of field names") }
            for key in keys {
                schema.uniqueKeys.append(try keyFields(JSONMember(item.key, key, offset: item.offset), names: names, what: "uniqueKeys"))
            }
        }
        if let item = member(members, "foreignKeys") {
            guard let keys = item.value.arrayValue else { throw invalid(item, "\"foreignKeys\" must be an array") }
            for key in keys {
                guard let keyMembers = key.objectMembers, let fields = member(keyMembers, "fields"),
                      let reference = member(keyMembers, "reference"), let referenceMembers = reference.value.objectMembers else {
                    throw invalid(item, "each foreign key needs \"fields\" and a \"reference\" object")
                }
                try checkKeys(keyMembers, known: ["fields", "reference"], kind: "foreign key property")
                try checkKeys(referenceMembers, known: ["resource", "fields"], kind: "foreign key reference property")
                if let resource = member(referenceMembers, "resource"), let name = resource.value.stringValue, !name.isEmpty {
                    throw invalid(resource, "foreign key to resource \"\(name)\" needs its Data Package; harness checks self-references only",
                                  hint: "check references between files with `harness diff --key`, or drop \"resource\" for a self-reference")
                }
                guard let referenced = member(referenceMembers, "fields") else { throw invalid(reference, "\"reference\" needs \"fields\"") }
                let source = try keyFields(fields, names: names, what: "foreignKeys.fields")
                let target = try keyFields(referenced, names: names, what: "foreignKeys.reference.fields")
                guard source.count == target.count else { throw invalid(referenced, "a foreign key's \"fields\" and \"reference.fields\" must have the same length") }
                schema.foreignKeys.append((source, target))
            }
        }
        return schema
    }

    /// A field name or an array of them (v1 allowed a bare string), as indices.
    private func keyFields(_ item: JSONMember, names: [String], what: String) throws -> [Int] {
        let list: [JSONValue]
        if case .string = item.value { list = [item.value] } else if let array = item.value.arrayValue, !array.isEmpty { list = array } else {
            throw invalid(item, "\"\(what)\" must be a field name or a non-empty array of field names")
        }
        return try list.map { value in
            guard let name = value.stringValue else { throw invalid(item, "\"\(what)\" must hold field names (strings)") }
            guard let index = names.firstIndex(of: name) else {
                throw HarnessError.unknownName(location(item), kind: "field in \(what)", name: name, known: names)
            }
            return index
        }
    }

    /// An array of strings, or (v2) of objects with a `value` string and optional `label`.
    func missingValues(_ item: JSONMember) throws -> [[UInt8]] {
        guard let entries = item.value.arrayValue else { throw invalid(item, "\"missingValues\" must be an array of strings") }
        return try entries.map { entry in
            if let text = entry.stringValue { return Array(text.utf8) }
            if let members = entry.objectMembers, let text = entry["value"]?.stringValue {
                try checkKeys(members, known: ["value", "label"], kind: "missing value property")
                return Array(text.utf8)
            }
            throw invalid(item, "each missing value must be a string or {\"value\": \"...\", \"label\": \"...\"}, got \(entry.compactText)",
                          hint: "missing values are matched on the text, so write numbers as strings: \"-99\"")
        }
    }

    func dialect(_ members: [JSONMember]) throws -> TableDialect {
        var dialect = TableDialect()
        for item in members where TableDialect.otherSourceProperties.contains(item.key) {
            throw invalid(item, "dialect property \"\(item.key)\" applies to JSON, spreadsheet or database sources, not CSV")
        }
        try checkKeys(members, known: TableDialect.properties, kind: "Table Dialect property")
        func flag(_ key: String) throws -> Bool? {
            guard let item = member(members, key) else { return nil }
            guard let value = item.value.boolValue else { throw invalid(item, "\"\(key)\" must be true or false") }
            return value
        }
        func character(_ key: String) throws -> UInt8? {
            guard let item = member(members, key) else { return nil }
            guard let text = item.value.stringValue, text.utf8.count == 1, let byte = text.utf8.first else {
                throw invalid(item, "\"\(key)\" must be a single ASCII character")
            }
            return byte
        }
        func rows(_ key: String) throws -> [Int]? {
            guard let item = member(members, key) else { return nil }
            guard let list = item.value.arrayValue?.compactMap(\.intValue), list.count == item.value.arrayValue?.count,
                  list.allSatisfy({ $0 >= 1 }) else { throw invalid(item, "\"\(key)\" must be an array of row numbers from 1") }
            return list
        }
        if let value = try flag("header") { dialect.header = value }
        if let value = try rows("headerRows") { dialect.headerRows = value }
        if let value = try rows("commentRows") { dialect.commentRows = value }
        if let item = member(members, "headerJoin") {
            guard let text = item.value.stringValue else { throw invalid(item, "\"headerJoin\" must be a string") }
            dialect.headerJoin = text
        }
        if let item = member(members, "commentChar") {
            guard let text = item.value.stringValue, !text.isEmpty else { throw invalid(item, "\"commentChar\" must be a non-empty string") }
            dialect.commentChar = Array(text.utf8)
        }
        if let value = try character("delimiter") { dialect.delimiter = value }
        if let item = member(members, "quoteChar") {
            if item.value.stringValue == "" { dialect.quoteChar = nil } else { dialect.quoteChar = try character("quoteChar") }
        }
        if let value = try flag("doubleQuote") { dialect.doubleQuote = value }
        if let value = try character("escapeChar") { dialect.escapeChar = value }
        if let item = member(members, "nullSequence") {
            guard let text = item.value.stringValue else { throw invalid(item, "\"nullSequence\" must be a string") }
            dialect.nullSequence = Array(text.utf8)
        }
        if let value = try flag("skipInitialSpace") { dialect.skipInitialSpace = value }
        if let value = try flag("caseSensitiveHeader") { dialect.caseSensitiveHeader = value }
        if let item = member(members, "lineTerminator") {
            guard let text = item.value.stringValue, ["\n", "\r\n", "\r"].contains(text) else {
                throw invalid(item, "\"lineTerminator\" must be \"\\n\", \"\\r\\n\" or \"\\r\"")
            }
            dialect.lineTerminator = text
        }
        if let quote = dialect.quoteChar, quote == dialect.delimiter {
            throw invalid(member(members, "quoteChar"), "\"quoteChar\" and \"delimiter\" must differ")
        }
        return dialect
    }
}
