// Design note. JSON Schema ignores keywords it does not know (they are annotations), but a
// misspelt constraint such as "maxLenght" would then silently check nothing, which DESIGN
// forbids. The rule `harness` applies: an unknown keyword within a small edit distance of a
// draft 2020-12 keyword (or differing only in case) is an error with "did you mean"; any
// other unknown keyword ("x-owner", "nullable", "example", "units") is an annotation and
// ignored. Keywords starting with "x-" or containing ":" are never treated as typos.
// Earlier drafts' keywords that the 2020-12 metaschema still lists for a smooth transition
// keep working: `definitions` is `$defs`, `dependencies` is dependentRequired (array) or
// dependentSchemas (schema). Those 2020-12 dropped without replacement in place
// (`additionalItems`, `$recursiveRef`, `$recursiveAnchor`) are errors saying what to write,
// since ignoring them would silently drop a check.

/// The draft 2020-12 vocabularies and their keywords, and the typo rule for unknown ones.
enum SchemaVocabulary {
    static let prefix = "https://json-schema.org/draft/2020-12/vocab/"

    static let keywordsByVocabulary: [String: [String]] = [
        "core": ["$id", "$schema", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
                 "$comment", "$defs", "definitions"],
        "applicator": ["prefixItems", "items", "contains", "additionalProperties", "properties",
                       "patternProperties", "dependentSchemas", "propertyNames", "if", "then", "else",
                       "allOf", "anyOf", "oneOf", "not", "dependencies"],
        "unevaluated": ["unevaluatedItems", "unevaluatedProperties"],
        "validation": ["type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
                       "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
                       "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties",
                       "required", "dependentRequired"],
        "meta-data": ["title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples"],
        "format-annotation": ["format"],
        "content": ["contentEncoding", "contentMediaType", "contentSchema"],
    ]

    /// Every draft 2020-12 keyword: the names a typo is measured against.
    static let allKeywords: [String] = keywordsByVocabulary.values.flatMap { $0 }.sorted()

    /// Keywords of the vocabularies a dialect turns on. A `$vocabulary` that leaves out, for
    /// example, validation makes `minimum` a plain annotation.
    static func keywords(of vocabularies: Set<String>) -> Set<String> {
        var result: Set<String> = []
        for (name, keywords) in keywordsByVocabulary where vocabularies.contains(name) {
            result.formUnion(keywords)
        }
        return result
    }

    static let allVocabularies = Set(keywordsByVocabulary.keys)

    /// Keywords of earlier drafts that would silently check nothing in 2020-12, with what
    /// to write instead.
    static let retired: [String: String] = [
        "additionalItems": "draft 2020-12 writes the item schemas as \"prefixItems\" and the schema for the other items as \"items\"",
        "$recursiveRef": "draft 2020-12 writes \"$dynamicRef\" (with a \"$dynamicAnchor\" where \"$recursiveAnchor\" was)",
        "$recursiveAnchor": "draft 2020-12 writes \"$dynamicAnchor\": \"NAME\" (and \"$dynamicRef\": \"#NAME\")",
    ]

    /// Widespread non-standard annotations that sit within a typo's distance of a keyword
    /// (OpenAPI's `example`, a `note` beside `not`), accepted as annotations.
    static let knownAnnotations: Set<String> = ["example", "nullable", "discriminator", "note"]

    /// The keyword `name` is probably a misspelling of, or nil when it is a plain annotation.
    static func nearMiss(_ name: String) -> String? {
        if name.hasPrefix("x-") || name.contains(":") || knownAnnotations.contains(name) { return nil }
        let lowered = name.lowercased()
        var best: (keyword: String, distance: Int)?
        for keyword in allKeywords {
            let distance = keyword.lowercased() == lowered
                ? 0 : NameSuggestion.editDistance(lowered, keyword.lowercased())
            if distance < best?.distance ?? Int.max { best = (keyword, distance) }
        }
        guard let best else { return nil }
        let length = max(name.count, best.keyword.count)
        let limit = length <= 5 ? 1 : (length <= 10 ? 2 : 3)
        return best.distance <= limit ? best.keyword : nil
    }
}
