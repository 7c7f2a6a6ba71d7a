import Foundation

/// A compiled JSON Schema (draft 2020-12), ready to check any number of JSON values.
///
/// Compiling checks the whole schema first: a misspelt keyword, a wrong keyword value, an
/// invalid regex or a reference that cannot be resolved is a `HarnessError` pointing at
/// the schema file's line and column. Checking data never throws for invalid data, only
/// for a schema that recurses forever. Not thread-safe: one instance per thread.
public final class JSONSchema {
    /// Returns the schema document for an absolute URI (without fragment), or nil when it
    /// has none. Tests use one to serve the JSON-Schema-Test-Suite's `remotes` folder;
    /// `harness` itself has none, so remote references are errors.
    public typealias RemoteLoader = (String) throws -> JSONValue?

    private let root: Int
    private let evaluator: SchemaEvaluator

    /// - Parameters:
    ///   - schema: the parsed schema document.
    ///   - path: the schema file, for error locations; nil for a schema built in code.
    ///   - remoteLoader: serves documents that `$ref` or `$schema` refer to by URI.
    /// - Throws: `HarnessError` for a schema that is invalid or uses something unsupported.
    public init(_ schema: JSONValue, path: String?, remoteLoader: RemoteLoader? = nil) throws {
        let registry = SchemaRegistry(loader: remoteLoader)
        let document = try registry.add(schema, path: path ?? "<schema>", isFile: path != nil,
                                        uri: JSONSchema.defaultURI(forPath: path))
        let compiler = SchemaCompiler(registry: registry)
        root = try compiler.compile(schema, at: SchemaLocation(document: document, tokens: []),
                                    base: URIReference(registry.documents[document].uri), offset: -1)
        let anchors = try compiler.compileDynamicAnchors()
        evaluator = SchemaEvaluator(nodes: compiler.nodes, dynamicAnchors: anchors)
    }

    /// Whether `instance` is valid; stops at the first failure.
    /// - Throws: `HarnessError.invalid` when the schema recurses without end on it.
    public func isValid(_ instance: JSONValue) throws -> Bool {
        evaluator.collector = nil
        return try run(instance, report: false)
    }

    /// Every failing assertion's count, and the first `maxFailures` of them.
    public func validate(_ instance: JSONValue, maxFailures: Int) throws -> (count: Int, failures: [SchemaFailure]) {
        let collector = FailureCollector(maxSamples: maxFailures)
        try validate(instance, into: collector)
        return (collector.count, collector.samples)
    }

    /// Adds the failures of `instance` to `collector` (one collector spans a JSON Lines file).
    func validate(_ instance: JSONValue, into collector: FailureCollector) throws {
        evaluator.collector = collector
        defer { evaluator.collector = nil }
        _ = try run(instance, report: true)
    }

    private func run(_ instance: JSONValue, report: Bool) throws -> Bool {
        evaluator.reset()
        var none = Annotations.disabled
        return try evaluator.evaluate(root, instance, report: report, &none)
    }

    /// The base URI of a schema without `$id`: its file as a `file:` URI, so relative
    /// references name something a person recognises in an error.
    static func defaultURI(forPath path: String?) -> String {
        guard let path else { return "urn:harness:schema" }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var escaped = ""
        for scalar in absolute.unicodeScalars {
            switch scalar {
            case "%", "#", "?", " ": escaped += String(format: "%%%02X", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "file://" + URIReference.removeDotSegments(escaped)
    }
}
