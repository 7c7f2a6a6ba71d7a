/// Resolving `$ref`, `$dynamicRef` and `$schema`, and pointing errors at the schema file.
extension SchemaRegistry {
    /// What a reference leads to.
    struct Target {
        var location: SchemaLocation
        /// The plain-name fragment (`#items`), when the reference used one.
        var anchor: String?
    }

    /// Resolves `reference` against `base`, loading a remote document when a loader is set.
    /// - Throws: `HarnessError.invalid` naming the reference when it leads outside the loaded
    ///   documents (remote schemas are not fetched) or to nothing.
    func resolve(_ reference: String, keyword: String, against base: URIReference,
                 document: Int, offset: Int) throws -> Target {
        let absolute = base.resolving(URIReference(reference))
        let resourceURI = absolute.withoutFragment.text
        if lookupResource(resourceURI) == nil {
            try load(resourceURI, reference: reference, keyword: keyword, document: document, offset: offset)
        }
        guard let root = lookupResource(resourceURI) else {
            throw error("\"\(keyword)\" \"\(reference)\" names nothing in this schema", document: document, offset: offset)
        }
        let fragment = absolute.fragment ?? ""
        if let tokens = URIReference.pointerTokens(fromFragment: fragment) {
            let location = SchemaLocation(document: root.document, tokens: root.tokens + tokens)
            guard value(at: location) != nil else {
                throw error("\"\(keyword)\" \"\(reference)\": the JSON Pointer \"\(URIReference.percentDecoded(fragment))\" leads to nothing in \"\(resourceURI)\"",
                            document: document, offset: offset)
            }
            return Target(location: location, anchor: nil)
        }
        let name = URIReference.percentDecoded(fragment)
        guard let location = lookupAnchor(resourceURI + "#" + name) else {
            throw error("\"\(keyword)\" \"\(reference)\": no \"$anchor\" or \"$dynamicAnchor\" named \"\(name)\" in \"\(resourceURI)\"",
                        document: document, offset: offset)
        }
        return Target(location: location, anchor: name)
    }

    /// Asks the remote loader for `uri`; without one (production), a reference to another
    /// document is an error that names it, since `harness` never fetches schemas.
    func load(_ uri: String, reference: String, keyword: String, document: Int, offset: Int) throws {
        guard let loader, let root = try loader(uri) else {
            throw error("\"\(keyword)\" \"\(reference)\" refers to \"\(uri)\", which is not part of this schema; harness does not fetch remote or separate schema files",
                        document: document, offset: offset,
                        hint: "copy the referenced schema under \"$defs\" and refer to it as \"#/$defs/NAME\"")
        }
        try add(root, path: uri, isFile: false, uri: uri)
    }

    static let draft202012 = "https://json-schema.org/draft/2020-12/schema"

    /// The keywords a document's `$schema` turns on. Draft 2020-12 (or no `$schema`) turns
    /// on all of them; a custom metaschema its `$vocabulary`; older drafts are errors,
    /// because their keywords mean other things (`items` as an array, `dependencies`).
    func dialectKeywords(of root: JSONValue, document: Int) throws -> Set<String> {
        guard case .object(let members) = root, let member = members.last(where: { $0.key == "$schema" }) else {
            return SchemaVocabulary.keywords(of: SchemaVocabulary.allVocabularies)
        }
        guard case .string(let text) = member.value else {
            throw error("\"$schema\" must be a string (the metaschema's URI)", document: document, offset: member.offset)
        }
        let uri = text.hasSuffix("#") ? String(text.dropLast()) : text
        // The http spelling is a common slip for the same dialect.
        if uri == SchemaRegistry.draft202012 || uri == "http://json-schema.org/draft/2020-12/schema" {
            return SchemaVocabulary.keywords(of: SchemaVocabulary.allVocabularies)
        }
        if uri.contains("json-schema.org/") {
            throw error("\"$schema\" \"\(text)\" is not draft 2020-12; harness validates JSON Schema draft 2020-12 only",
                        document: document, offset: member.offset,
                        hint: "set \"$schema\" to \"\(SchemaRegistry.draft202012)\" after updating keywords that changed (items/additionalItems, definitions, dependencies)")
        }
        if lookupResource(uri) == nil {
            try load(uri, reference: text, keyword: "$schema", document: document, offset: member.offset)
        }
        guard let metaschema = lookupResource(uri).flatMap({ value(at: $0) }) else {
            throw error("\"$schema\" \"\(text)\" names nothing", document: document, offset: member.offset)
        }
        guard let declared = metaschema["$vocabulary"]?.objectMembers else {
            return SchemaVocabulary.keywords(of: SchemaVocabulary.allVocabularies)
        }
        var vocabularies: Set<String> = []
        for entry in declared {
            // Asserting formats is not implemented; a metaschema that asks for it, even as
            // optional, would otherwise get a silent pass on every format.
            if entry.key == SchemaVocabulary.prefix + "format-assertion" {
                throw error("the metaschema \"\(text)\" asks for format assertion (\"\(entry.key)\"), which harness does not support; \"format\" is an annotation here",
                            document: document, offset: member.offset)
            }
            if entry.key.hasPrefix(SchemaVocabulary.prefix),
               SchemaVocabulary.allVocabularies.contains(String(entry.key.dropFirst(SchemaVocabulary.prefix.count))) {
                vocabularies.insert(String(entry.key.dropFirst(SchemaVocabulary.prefix.count)))
            } else if entry.value == .bool(true) {
                throw error("the metaschema \"\(text)\" requires the vocabulary \"\(entry.key)\", which harness does not support",
                            document: document, offset: member.offset)
            }
        }
        return SchemaVocabulary.keywords(of: vocabularies)
    }

    /// A schema error at a key's byte offset in `document`, rendered as `path:line:col`.
    func error(_ message: String, document: Int, offset: Int, hint: String? = nil) -> HarnessError {
        .invalid(sourceLocation(document: document, offset: offset), message: message, hint: hint)
    }

    /// The file, line and column of a byte offset; the file is read again only now, when
    /// there is an error to show.
    func sourceLocation(document: Int, offset: Int) -> SourceLocation {
        let path = documents[document].path
        guard documents[document].isFile, offset >= 0 else { return SourceLocation(path: path) }
        if documents[document].bytes == nil {
            documents[document].bytes = (try? FileBytes.read(path)) ?? []
        }
        guard let bytes = documents[document].bytes, offset < bytes.count else { return SourceLocation(path: path) }
        return SourceLocation.of(offset: offset, in: bytes, path: path)
    }
}
