// Design note. Compiling turns the schema JSON into an array of nodes once, so that each
// record of a large JSON Lines file is checked without looking at schema JSON again. Every
// keyword's value is checked here (a wrong type, a bad regex, a misspelt keyword are errors
// with file:line:col, before any data is read). Nodes are memoised by location, which
// makes `$ref` cycles terminate and shares a referenced schema between its users.
// Keywords that depend on each other are compiled together: properties with
// additionalProperties, prefixItems with items, contains with min/maxContains,
// if/then/else; unevaluated* come last because they read what the others evaluated.

/// Compiles the documents of a `SchemaRegistry` into `SchemaNode`s.
final class SchemaCompiler {
    let registry: SchemaRegistry
    private(set) var nodes: [SchemaNode] = []
    private var compiled: [SchemaLocation: Int] = [:]
    /// Resource URIs, indexed as nodes' `resource` numbers.
    private(set) var resourceURIs: [String] = []
    private var resourceNumbers: [String: Int] = [:]

    init(registry: SchemaRegistry) {
        self.registry = registry
    }

    /// The node at a location reached by reference: its base comes from the `$id`s above it.
    func node(at location: SchemaLocation, offset: Int) throws -> Int {
        if let known = compiled[location] { return known }
        guard let value = registry.value(at: location) else {
            throw registry.error("the schema location \"\(location.tokens.joined(separator: "/"))\" does not exist",
                                 document: location.document, offset: offset)
        }
        return try compile(value, at: location, base: registry.base(above: location), offset: offset)
    }

    /// Compiles one schema value (object or boolean) found at `location`.
    /// - Parameter offset: the byte offset of the nearest key, where errors point.
    func compile(_ value: JSONValue, at location: SchemaLocation, base: URIReference, offset: Int) throws -> Int {
        if let known = compiled[location] { return known }
        let number = nodes.count
        nodes.append(.placeholder)
        compiled[location] = number
        switch value {
        case .bool(let flag):
            nodes[number] = SchemaNode(body: .always(flag), resource: resourceNumber(base.text))
        case .object(let members):
            nodes[number] = try compileObject(members, at: location, base: base)
        default:
            throw registry.error("a schema must be an object or a boolean, found \(value.typeName) \(value.preview(limit: 40))",
                                 document: location.document, offset: offset)
        }
        return number
    }

    func resourceNumber(_ uri: String) -> Int {
        if let known = resourceNumbers[uri] { return known }
        resourceURIs.append(uri)
        resourceNumbers[uri] = resourceURIs.count - 1
        return resourceURIs.count - 1
    }

    /// Compiles the `$dynamicAnchor`s of every resource that has compiled nodes (only those
    /// can be in the dynamic scope), so `$dynamicRef` can jump to any of them at evaluation
    /// time. A document read only as a metaschema is left alone. Loops because compiling
    /// may reach more resources.
    /// - Returns: per resource number, anchor name → node.
    func compileDynamicAnchors() throws -> [[String: Int]] {
        var table: [[String: Int]] = []
        var done: Set<SchemaLocation> = []
        var changed = true
        while changed {
            changed = false
            for (uri, anchors) in registry.dynamicAnchors where resourceNumbers[uri] != nil {
                for (name, location) in anchors where !done.contains(location) {
                    done.insert(location)
                    changed = true
                    let node = try node(at: location, offset: -1)
                    let resource = resourceNumber(uri)
                    while table.count <= resource { table.append([:]) }
                    table[resource][name] = node
                }
            }
        }
        while table.count < resourceURIs.count { table.append([:]) }
        return table
    }

    /// The pieces of a schema object that are compiled into one keyword each.
    private struct Combined {
        var type: SchemaKeyword?
        var rules: PropertyRules?
        var prefix: [Int]?
        var rest: Int?
        var contains: Int?
        var minContains = 1
        var maxContains: Int?
        var condition: Int?
        var then: Int?
        var otherwise: Int?
        var unevaluatedItems: Int?
        var unevaluatedProperties: Int?
        var dependencies: [SchemaKeyword] = []
    }

    private func compileObject(_ members: [JSONMember], at location: SchemaLocation, base: URIReference) throws -> SchemaNode {
        var base = base
        if let member = members.last(where: { $0.key == "$id" }) {
            base = try registry.resolveIdentifier(member, against: base, document: location.document)
        }
        let active = registry.documents[location.document].keywords
        var keywords: [SchemaKeyword] = []
        var combined = Combined()
        var seen: Set<String> = []
        for member in members {
            guard seen.insert(member.key).inserted else {
                throw registry.error("keyword \"\(member.key)\" appears twice in one schema", document: location.document, offset: member.offset)
            }
            if let hint = SchemaVocabulary.retired[member.key] {
                throw registry.error("\"\(member.key)\" is not a draft 2020-12 keyword, and ignoring it would check nothing",
                                     document: location.document, offset: member.offset, hint: hint)
            }
            guard active.contains(member.key) else {
                if !SchemaVocabulary.allKeywords.contains(member.key), let suggestion = SchemaVocabulary.nearMiss(member.key) {
                    throw HarnessError.unknownName(
                        registry.sourceLocation(document: location.document, offset: member.offset),
                        kind: "JSON Schema keyword", name: member.key, known: [suggestion],
                        hint: "JSON Schema ignores unknown keywords, so a misspelt one checks nothing; name custom annotations \"x-…\"")
                }
                continue
            }
            let context = KeywordContext(member: member, location: location.appending(member.key), base: base)
            if let keyword = try compileKeyword(context, into: &combined) { keywords.append(keyword) }
        }
        if let type = combined.type { keywords.insert(type, at: 0) }
        keywords += combined.dependencies
        if let rules = combined.rules { keywords.append(.properties(rules)) }
        if combined.prefix != nil || combined.rest != nil {
            keywords.append(.items(prefix: combined.prefix ?? [], rest: combined.rest))
        }
        if let contains = combined.contains {
            keywords.append(.contains(contains, minimum: combined.minContains, maximum: combined.maxContains))
        }
        if let condition = combined.condition {
            keywords.append(.conditional(if: condition, then: combined.then, else: combined.otherwise))
        }
        if let node = combined.unevaluatedItems { keywords.append(.unevaluatedItems(node)) }
        if let node = combined.unevaluatedProperties { keywords.append(.unevaluatedProperties(node)) }
        var node = SchemaNode(body: .keywords(keywords), resource: resourceNumber(base.text))
        node.needsAnnotations = combined.unevaluatedItems != nil || combined.unevaluatedProperties != nil
        return node
    }

    /// A keyword being compiled: its member, its location and the base URI in force.
    struct KeywordContext {
        var member: JSONMember
        var location: SchemaLocation
        var base: URIReference

        var key: String { member.key }
        var value: JSONValue { member.value }
    }

    private func compileKeyword(_ context: KeywordContext, into combined: inout Combined) throws -> SchemaKeyword? {
        switch context.key {
        case "type": combined.type = .type(try types(context))
        case "properties":
            let rules = combined.rules ?? PropertyRules()
            rules.properties = Dictionary(try subschemaMap(context), uniquingKeysWith: { $1 })
            combined.rules = rules
        case "patternProperties":
            let rules = combined.rules ?? PropertyRules()
            guard case .object(let entries) = context.value else { throw invalid(context, "must be an object whose values are schemas") }
            rules.patterns = try entries.map { entry in
                (try pattern(entry.key, context, offset: entry.offset),
                 try compile(entry.value, at: context.location.appending(entry.key), base: context.base, offset: entry.offset))
            }
            combined.rules = rules
        case "additionalProperties":
            let rules = combined.rules ?? PropertyRules()
            rules.additional = try subschema(context)
            combined.rules = rules
        case "prefixItems": combined.prefix = try subschemaArray(context)
        case "items": combined.rest = try subschema(context)
        case "contains": combined.contains = try subschema(context)
        case "minContains": combined.minContains = try nonNegativeInteger(context)
        case "maxContains": combined.maxContains = try nonNegativeInteger(context)
        case "if": combined.condition = try subschema(context)
        case "then": combined.then = try subschema(context)
        case "else": combined.otherwise = try subschema(context)
        case "unevaluatedItems": combined.unevaluatedItems = try subschema(context)
        case "unevaluatedProperties": combined.unevaluatedProperties = try subschema(context)
        case "dependencies": combined.dependencies = try dependencies(context)
        default: return try compileSimpleKeyword(context)
        }
        return nil
    }
}
