import Foundation

/// Where a schema value sits: a document and the JSON Pointer tokens from its root.
struct SchemaLocation: Hashable {
    var document: Int
    var tokens: [String]

    func appending(_ token: String) -> SchemaLocation {
        SchemaLocation(document: document, tokens: tokens + [token])
    }
}

/// The schema documents of one validation and the names they define: resources (`$id`,
/// or the document's own URI), `$anchor`s and `$dynamicAnchor`s. References are resolved
/// here; a reference to a document that is not loaded goes to the remote loader, which
/// production leaves out, so such a reference is an error that names it.
final class SchemaRegistry {
    struct Document {
        var root: JSONValue
        /// The file (or, for a loaded remote schema, the URI) that errors name.
        var path: String
        var isFile: Bool
        /// The URI the document was loaded from: the base for its relative references.
        var uri: String
        /// Keywords of the vocabularies the document's dialect turns on.
        var keywords: Set<String>
        var bytes: [UInt8]?
    }

    var documents: [Document] = []
    private var resources: [String: SchemaLocation] = [:]
    private var anchors: [String: SchemaLocation] = [:]
    /// Resource URI → `$dynamicAnchor` name → location.
    private(set) var dynamicAnchors: [String: [String: SchemaLocation]] = [:]
    let loader: JSONSchema.RemoteLoader?

    init(loader: JSONSchema.RemoteLoader?) {
        self.loader = loader
    }

    /// Adds a document, reads its dialect and indexes every resource and anchor in it.
    /// - Returns: the document's number.
    @discardableResult
    func add(_ root: JSONValue, path: String, isFile: Bool, uri: String) throws -> Int {
        let number = documents.count
        let base = URIReference(uri).withoutFragment
        documents.append(Document(root: root, path: path, isFile: isFile, uri: base.text, keywords: [], bytes: nil))
        documents[number].keywords = try dialectKeywords(of: root, document: number)
        try register(resource: base.text, at: SchemaLocation(document: number, tokens: []), offset: -1, document: number)
        try index(root, at: SchemaLocation(document: number, tokens: []), base: base, offset: -1)
        return number
    }

    // MARK: Indexing

    static let singleSubschema: Set<String> = ["items", "contains", "additionalProperties", "propertyNames",
                                               "if", "then", "else", "not", "unevaluatedItems",
                                               "unevaluatedProperties", "contentSchema"]
    static let subschemaArrays: Set<String> = ["prefixItems", "allOf", "anyOf", "oneOf"]
    static let subschemaMaps: Set<String> = ["$defs", "definitions", "properties", "patternProperties",
                                             "dependentSchemas", "dependencies"]

    /// Walks the subschemas that draft 2020-12 keywords hold (not unknown keywords, whose
    /// contents are not schemas), registering `$id`s and anchors.
    private func index(_ value: JSONValue, at location: SchemaLocation, base: URIReference, offset: Int) throws {
        guard case .object(let members) = value else { return }
        var base = base
        if let member = members.last(where: { $0.key == "$id" }) {
            base = try resolveIdentifier(member, against: base, document: location.document)
            try register(resource: base.text, at: location, offset: member.offset, document: location.document)
        }
        for member in members {
            switch member.key {
            case "$anchor", "$dynamicAnchor":
                guard case .string(let name) = member.value, SchemaRegistry.isAnchorName(name) else {
                    throw error("\"\(member.key)\" must be a name (a letter or \"_\", then letters, digits, \"-\", \"_\", \".\")",
                                document: location.document, offset: member.offset)
                }
                let key = base.text + "#" + name
                if let existing = anchors[key], existing != location {
                    throw error("anchor \"\(name)\" is defined twice in \"\(base.text)\"",
                                document: location.document, offset: member.offset)
                }
                anchors[key] = location
                if member.key == "$dynamicAnchor" { dynamicAnchors[base.text, default: [:]][name] = location }
            case let key where SchemaRegistry.singleSubschema.contains(key):
                try index(member.value, at: location.appending(key), base: base, offset: member.offset)
            case let key where SchemaRegistry.subschemaArrays.contains(key):
                for (position, item) in (member.value.arrayValue ?? []).enumerated() {
                    try index(item, at: location.appending(key).appending(String(position)), base: base, offset: member.offset)
                }
            case let key where SchemaRegistry.subschemaMaps.contains(key):
                for entry in member.value.objectMembers ?? [] {
                    try index(entry.value, at: location.appending(key).appending(entry.key), base: base, offset: entry.offset)
                }
            default:
                break
            }
        }
    }

    /// `$id` resolved against the enclosing base; it names a resource, so a fragment other
    /// than an empty one is an error (draft 2020-12 spells plain-name fragments `$anchor`).
    func resolveIdentifier(_ member: JSONMember, against base: URIReference, document: Int) throws -> URIReference {
        guard case .string(let text) = member.value else {
            throw error("\"$id\" must be a string (a URI reference)", document: document, offset: member.offset)
        }
        let reference = URIReference(text)
        if let fragment = reference.fragment, !fragment.isEmpty {
            throw error("\"$id\" \"\(text)\" has a fragment; draft 2020-12 names a location with \"$anchor\"",
                        document: document, offset: member.offset, hint: "write \"$anchor\": \"\(fragment)\" instead")
        }
        return base.resolving(reference).withoutFragment
    }

    private func register(resource uri: String, at location: SchemaLocation, offset: Int, document: Int) throws {
        if let existing = resources[uri], existing != location {
            throw error("\"$id\" \"\(uri)\" names two different schemas", document: document, offset: offset)
        }
        resources[uri] = location
    }

    static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first,
              first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".")
        }
    }

    // MARK: Lookup

    func lookupResource(_ uri: String) -> SchemaLocation? { resources[uri] }

    func lookupAnchor(_ key: String) -> SchemaLocation? { anchors[key] }

    /// The JSON value at `location`, or nil when the pointer leads nowhere.
    func value(at location: SchemaLocation) -> JSONValue? {
        var current = documents[location.document].root
        for token in location.tokens {
            switch current {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let items):
                guard let position = Int(token), position >= 0, position < items.count,
                      String(position) == token else { return nil }
                current = items[position]
            default:
                return nil
            }
        }
        return current
    }

    /// The base URI in force at `location` (from the `$id`s of the objects above it), for a
    /// schema reached by a JSON Pointer rather than by walking from its parent.
    func base(above location: SchemaLocation) -> URIReference {
        var base = URIReference(documents[location.document].uri)
        var current = documents[location.document].root
        for token in location.tokens {
            if case .object = current, let id = current["$id"]?.stringValue {
                base = base.resolving(URIReference(id)).withoutFragment
            }
            switch current {
            case .object: current = current[token] ?? .null
            case .array(let items): current = Int(token).flatMap { $0 >= 0 && $0 < items.count ? items[$0] : nil } ?? .null
            default: return base
            }
        }
        return base
    }
}
