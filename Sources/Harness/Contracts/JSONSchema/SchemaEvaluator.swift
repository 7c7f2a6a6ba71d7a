import Foundation

// Design note. Evaluation runs in one of two modes. Reporting (the top level, and every
// subschema whose failure is the instance's failure: allOf, $ref, properties, items, then/
// else) checks every keyword and records each failing leaf assertion. Deciding (anyOf,
// oneOf, not, if, contains, propertyNames branches) only needs a yes or no and stops at
// the first failing keyword; a failing anyOf is then one violation, explained by re-running
// its branches in reporting mode only while samples are still being kept.
// Annotations (which properties and items were evaluated) are collected only below a
// schema that has unevaluatedProperties/unevaluatedItems, so schemas without them pay
// nothing. The instance pointer is a stack of tokens turned into text only for a sample.

/// A failing assertion: where in the instance, which keyword, and what was wrong.
public struct SchemaFailure: Sendable, Equatable {
    /// JSON Pointer (RFC 6901) to the offending value; "" is the whole document.
    public var pointer: String
    public var keyword: String
    public var message: String
    /// The offending value.
    public var value: JSONValue
    /// The record's line number in a JSON Lines file; nil for a JSON document.
    public var row: Int?
}

/// Counts every failure and keeps the first `maxSamples`.
final class FailureCollector {
    let maxSamples: Int
    var count = 0
    var samples: [SchemaFailure] = []
    var row: Int?

    init(maxSamples: Int) {
        self.maxSamples = maxSamples
    }

    var wantsSamples: Bool { samples.count < maxSamples }
}

/// What in-place subschemas evaluated at one instance location, for `unevaluated*`.
struct Annotations {
    var enabled: Bool
    var properties: Set<String> = []
    var allProperties = false
    /// Items 0..<itemPrefix were evaluated (prefixItems).
    var itemPrefix = 0
    var allItems = false
    /// Items matched by `contains`.
    var items: Set<Int> = []

    static let disabled = Annotations(enabled: false)

    mutating func merge(_ other: Annotations) {
        if other.allProperties { allProperties = true } else if !allProperties { properties.formUnion(other.properties) }
        if other.allItems { allItems = true } else if !allItems {
            itemPrefix = max(itemPrefix, other.itemPrefix)
            items.formUnion(other.items)
        }
    }
}

/// Evaluates instances against compiled nodes. One evaluator is reused for every record.
final class SchemaEvaluator {
    enum PathToken {
        case key(String)
        case index(Int)
    }

    let nodes: [SchemaNode]
    /// Per resource number: `$dynamicAnchor` name → node.
    let dynamicAnchors: [[String: Int]]
    var path: [PathToken] = []
    /// Resources entered, outermost first: the dynamic scope `$dynamicRef` searches.
    var scope: [Int] = []
    var collector: FailureCollector?
    /// Set while branches of a failed anyOf/oneOf are re-run to explain it, so explanations
    /// do not nest (which would multiply the work).
    var explaining = false
    var depth = 0
    private var stackGuard: StackGuard?

    /// Deeper evaluation than this is a `$ref` cycle that never descends into the data
    /// (`{"$ref": "#"}`); the stack guard usually stops it first. Data nests at most 512
    /// levels (the parser's limit), a few nodes each.
    static let maximumDepth = 4000

    /// Prepares for a new instance on the calling thread.
    func reset() {
        path.removeAll(keepingCapacity: true)
        scope.removeAll(keepingCapacity: true)
        depth = 0
        if stackGuard?.belongsToCurrentThread() != true { stackGuard = StackGuard.forCurrentThread() }
    }

    init(nodes: [SchemaNode], dynamicAnchors: [[String: Int]]) {
        self.nodes = nodes
        self.dynamicAnchors = dynamicAnchors
    }

    /// Evaluates `instance` against node `id`. With `report`, records every failing leaf in
    /// `collector`; without, returns at the first failure.
    func evaluate(_ id: Int, _ instance: JSONValue, report: Bool, _ annotations: inout Annotations) throws -> Bool {
        let node = nodes[id]
        guard case .keywords(let keywords) = node.body else {
            if node.isFalse {
                if report { fail("false", instance, "no value is allowed here (the schema is false)") }
                return false
            }
            return true
        }
        depth += 1
        defer { depth -= 1 }
        if depth > SchemaEvaluator.maximumDepth || stackGuard?.isExhausted() == true { throw tooDeep() }
        let entered = scope.last != node.resource
        if entered { scope.append(node.resource) }
        defer { if entered { scope.removeLast() } }
        var local = Annotations(enabled: (annotations.enabled || node.needsAnnotations) && instance.isContainer)
        var valid = true
        for keyword in keywords {
            if try apply(keyword, instance, report: report, &local) { continue }
            valid = false
            if !report { return false }
        }
        // A failing subschema's annotations are dropped, as the spec says. In reporting
        // mode the failure already fails the parent, so they are kept: otherwise every
        // property with a wrong value would also be reported by unevaluatedProperties.
        if (valid || report) && annotations.enabled { annotations.merge(local) }
        return valid
    }

    /// Evaluates a subschema at a child of the instance (a property or an item).
    func evaluateChild(_ id: Int, _ value: JSONValue, _ token: PathToken, report: Bool) throws -> Bool {
        path.append(token)
        defer { path.removeLast() }
        var none = Annotations.disabled
        return try evaluate(id, value, report: report, &none)
    }

    /// Kept out of `evaluate` so that its frame, repeated at every level, stays small.
    func tooDeep() -> HarnessError {
        let place = pointerText.isEmpty ? "the document" : JSONValue.string(pointerText).preview(limit: 60)
        return HarnessError.invalid(nil, message: "the schema nests \(depth) levels deep while checking \(place), more than harness can follow: a \"$ref\" cycle that never descends into the data?",
                                    hint: "a schema such as {\"$ref\": \"#\"} refers to itself forever; make each cycle go through properties or items")
    }

    // MARK: Failures

    /// Records a failing assertion; the message is built only when it is kept as a sample.
    func fail(_ keyword: String, _ instance: JSONValue, _ message: @autoclosure () -> String) {
        guard let collector else { return }
        collector.count += 1
        if collector.wantsSamples {
            collector.samples.append(SchemaFailure(pointer: pointerText, keyword: keyword, message: "\(keyword): " + message(),
                                                   value: instance, row: collector.row))
        }
    }

    var wantsDetail: Bool { collector?.wantsSamples == true && !explaining }

    /// The current instance location as a JSON Pointer.
    var pointerText: String {
        var text = ""
        for token in path {
            text += "/"
            switch token {
            case .key(let key): text += key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            case .index(let index): text += String(index)
            }
        }
        return text
    }

    /// Why `instance` fails each of `branches` (the first reason of each of the first
    /// three), for an anyOf/oneOf/propertyNames message.
    func explain(_ branches: [Int], _ instance: JSONValue, numbered: Bool) throws -> String {
        guard wantsDetail else { return "" }
        explaining = true
        let saved = collector
        defer {
            explaining = false
            collector = saved
        }
        let here = pointerText
        var reasons: [String] = []
        for (position, branch) in branches.enumerated().prefix(3) {
            let probe = FailureCollector(maxSamples: 1)
            collector = probe
            var none = Annotations.disabled
            guard !(try evaluate(branch, instance, report: true, &none)), let first = probe.samples.first else { continue }
            var reason = numbered ? "#\(position): " : ""
            reason += first.message
            if first.pointer != here { reason += " at \(first.pointer)" }
            reasons.append(reason)
        }
        if branches.count > 3 { reasons.append("…") }
        return reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"
    }
}

extension JSONValue {
    var isContainer: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }
}
