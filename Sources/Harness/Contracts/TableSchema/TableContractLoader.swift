import Foundation

// Design note. Contracts are read strictly: every property is checked against the names
// the Data Resource, Table Schema and Table Dialect specs define (plus ours under
// `contract:`), so a typo is an error naming the nearest valid name instead of a check
// silently not made. Properties in other `namespace:` prefixes belong to other tools and
// are left alone. Locations come from the byte offsets the JSON parser keeps per key.

/// Reads a Tabular Data Resource or a bare Table Schema into a `TableContract`.
struct TableContractLoader {
    let path: String
    private let source: [UInt8]

    init(path: String, source: [UInt8]) {
        self.path = path
        self.source = source
    }

    /// - Throws: `HarnessError` naming the property, its location and the nearest valid
    ///   name, for anything unknown, misplaced, mistyped or unsupported.
    static func load(_ document: JSONValue, path: String) throws -> TableContract {
        let source = (try? FileBytes.read(path)) ?? []
        return try TableContractLoader(path: path, source: source).contract(document)
    }

    static let resourceProperties = ["$schema", "profile", "name", "id", "path", "data", "type", "title", "description",
                                     "homepage", "sources", "licenses", "format", "mediatype", "encoding", "bytes",
                                     "schema", "dialect", "scheme", "compression", "version", "keywords", "created",
                                     "contributors", "hash", "contract:rowCount", "contract:severity"]
    static let schemaProperties = ["$schema", "profile", "fields", "fieldsMatch", "missingValues", "primaryKey", "uniqueKeys",
                                   "foreignKeys", "name", "title", "description", "homepage", "version", "created",
                                   "keywords", "contributors", "examples", "contract:severity", "contract:rowCount"]
    static let errorTypes = ViolationType.declarable.map(\.rawValue)

    func location(_ member: JSONMember?) -> SourceLocation {
        guard let member, member.offset >= 0, !source.isEmpty else { return SourceLocation(path: path) }
        return SourceLocation.of(offset: member.offset, in: source, path: path)
    }

    func member(_ object: [JSONMember], _ key: String) -> JSONMember? {
        object.last { $0.key == key }
    }

    /// Refuses keys that are not in `known`; keys of other tools' namespaces pass.
    func checkKeys(_ members: [JSONMember], known: [String], kind: String, hint: String? = nil) throws {
        for item in members where !known.contains(item.key) {
            if let colon = item.key.firstIndex(of: ":"), !item.key.hasPrefix("contract:"), item.key.first != "$" {
                _ = colon
                continue
            }
            throw HarnessError.unknownName(location(item), kind: kind, name: item.key,
                                           known: known.filter { !$0.hasPrefix("$") }, hint: hint)
        }
    }

    func invalid(_ item: JSONMember?, _ message: String, hint: String? = nil) -> HarnessError {
        .invalid(location(item), message: message, hint: hint)
    }

    func contract(_ document: JSONValue) throws -> TableContract {
        guard let members = document.objectMembers else {
            throw invalid(nil, "a Table Schema contract must be a JSON object, got \(document.typeName)",
                          hint: "write {\"fields\": [...]} or a Data Resource with a \"schema\"")
        }
        var contract = TableContract()
        if member(members, "fields") != nil {
            // A bare Table Schema.
            try checkKeys(members, known: TableContractLoader.schemaProperties, kind: "Table Schema property")
            try readExtensions(members, into: &contract)
            contract.schema = try schema(members)
            return contract
        }
        try checkKeys(members, known: TableContractLoader.resourceProperties, kind: "Data Resource property",
                      hint: "a bare Table Schema needs \"fields\"; a Data Resource puts them under \"schema\"")
        guard let schemaMember = member(members, "schema") else {
            // A key one typo away from "schema" or "fields" is almost surely that typo.
            if let typo = members.first(where: { NameSuggestion.nearest(to: $0.key, in: ["schema", "fields"]) != nil }) {
                throw HarnessError.unknownName(location(typo), kind: "Data Resource property", name: typo.key, known: ["schema", "fields"],
                                               hint: "a contract needs \"schema\" (a Data Resource) or \"fields\" (a bare Table Schema)")
            }
            throw invalid(nil, "the contract has neither \"fields\" (a Table Schema) nor \"schema\" (a Data Resource)",
                          hint: "add {\"schema\": {\"fields\": [...]}}")
        }
        let (schemaMembers, schemaLoader) = try resolve(schemaMember, what: "schema")
        try schemaLoader.checkKeys(schemaMembers, known: TableContractLoader.schemaProperties, kind: "Table Schema property")
        try schemaLoader.readExtensions(schemaMembers, into: &contract)
        contract.schema = try schemaLoader.schema(schemaMembers)
        if let dialectMember = member(members, "dialect") {
            let (dialectMembers, dialectLoader) = try resolve(dialectMember, what: "dialect")
            contract.dialect = try dialectLoader.dialect(dialectMembers)
        }
        try readExtensions(members, into: &contract)
        try readResourceChecks(members, into: &contract)
        return contract
    }

    /// An inline object, or a path (relative to this file) to a JSON file holding it.
    private func resolve(_ item: JSONMember, what: String) throws -> ([JSONMember], TableContractLoader) {
        if let members = item.value.objectMembers { return (members, self) }
        guard let relative = item.value.stringValue else {
            throw invalid(item, "\"\(what)\" must be an object or a path to a JSON file, got \(item.value.typeName)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let target = relative.hasPrefix("/") || folder.isEmpty ? relative : folder + "/" + relative
        if relative.hasPrefix("http://") || relative.hasPrefix("https://") {
            throw invalid(item, "\"\(what)\" names a remote file \"\(relative)\"; harness reads local files only",
                          hint: "download it and give its local path")
        }
        let bytes = try FileBytes.read(target)
        let document = try JSONParser.parse(bytes, path: target)
        guard let members = document.objectMembers else {
            throw HarnessError.invalid(SourceLocation(path: target), message: "a \(what) must be a JSON object, got \(document.typeName)")
        }
        return (members, TableContractLoader(path: target, source: bytes))
    }

    private func readResourceChecks(_ members: [JSONMember], into contract: inout TableContract) throws {
        if let item = member(members, "encoding") {
            let encoding = item.value.stringValue?.lowercased() ?? ""
            guard ["utf-8", "utf8", "utf-8-sig", "ascii", "us-ascii"].contains(encoding) else {
                throw invalid(item, "encoding \"\(item.value.stringValue ?? item.value.compactText)\" is not supported; harness reads UTF-8",
                              hint: "convert the file to UTF-8 (iconv -f ENCODING -t UTF-8) and declare \"utf-8\"")
            }
        }
        if let item = member(members, "format") {
            let format = item.value.stringValue?.lowercased() ?? ""
            guard format == "csv" || format == "tsv" else {
                throw invalid(item, "format \"\(item.value.stringValue ?? item.value.compactText)\" is not a CSV format; a Table Schema contract checks CSV files",
                              hint: "use a JSON Schema contract for JSON data")
            }
            if format == "tsv" && member(members, "dialect") == nil { contract.dialect.delimiter = ASCII.tab }
        }
        if let item = member(members, "compression") {
            let value = item.value.stringValue ?? ""
            guard value.isEmpty || value == "no" else {
                throw invalid(item, "compression \"\(value)\" is not supported", hint: "decompress the file first")
            }
        }
        if let item = member(members, "hash") {
            throw invalid(item, "\"hash\" is not checked by harness", hint: "remove \"hash\" from the contract (frictionless checks md5/sha256)")
        }
        if let item = member(members, "bytes") {
            guard let value = item.value.intValue, value >= 0 else { throw invalid(item, "\"bytes\" must be a non-negative integer") }
            contract.bytes = value
        }
    }

    /// `contract:rowCount` and `contract:severity`, at resource or schema level.
    private func readExtensions(_ members: [JSONMember], into contract: inout TableContract) throws {
        if let item = member(members, "contract:rowCount") {
            let (rule, severity) = try countRule(item, extra: [])
            contract.rowCount = rule
            contract.rowCountSeverity = severity
        }
        if let item = member(members, "contract:severity") {
            guard let entries = item.value.objectMembers else {
                throw invalid(item, "\"contract:severity\" here maps error types to \"error\" or \"warning\", e.g. {\"blank-row\": \"warning\"}")
            }
            try checkKeys(entries, known: TableContractLoader.errorTypes, kind: "error type")
            for entry in entries { contract.severities[entry.key] = try severity(entry) }
        }
    }

    func severity(_ item: JSONMember) throws -> ContractViolation.Severity {
        guard let text = item.value.stringValue, let value = ContractViolation.Severity(rawValue: text) else {
            throw HarnessError.unknownName(location(item), kind: "severity", name: item.value.stringValue ?? item.value.compactText,
                                           known: ["error", "warning"])
        }
        return value
    }

    /// A rule object of `CountRule` operators (or a bare number, meaning `mustBe`).
    func countRule(_ item: JSONMember, extra: [String]) throws -> (CountRule, ContractViolation.Severity) {
        if case .number = item.value, let value = item.value.doubleValue {
            return (CountRule(checks: [(.mustBe, value, value)]), .error)
        }
        guard let members = item.value.objectMembers else {
            throw invalid(item, "\"\(item.key)\" must be an object such as {\"mustBeBetween\": [1, 100]}")
        }
        let operators = CountRule.Operator.allCases.map(\.rawValue)
        try checkKeys(members, known: operators + ["severity", "description", "name"] + extra, kind: "rule property")
        var rule = CountRule()
        var level = ContractViolation.Severity.error
        for entry in members {
            if entry.key == "severity" { level = try severity(entry) }
            guard let op = CountRule.Operator(rawValue: entry.key) else { continue }
            if op == .mustBeBetween || op == .mustNotBeBetween {
                guard let pair = entry.value.arrayValue, pair.count == 2, let low = pair[0].doubleValue, let high = pair[1].doubleValue, low <= high else {
                    throw invalid(entry, "\"\(entry.key)\" takes two numbers [low, high] with low <= high")
                }
                rule.checks.append((op, low, high))
            } else {
                guard let value = entry.value.doubleValue else { throw invalid(entry, "\"\(entry.key)\" takes a number") }
                rule.checks.append((op, value, value))
            }
        }
        guard !rule.checks.isEmpty else {
            throw invalid(item, "\"\(item.key)\" declares no bound", hint: "add one of " + operators.joined(separator: ", "))
        }
        return (rule, level)
    }
}
