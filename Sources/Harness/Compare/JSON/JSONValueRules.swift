/// Per-pointer tolerances and masks of a JSON or JSON Lines comparison.
///
/// A pattern covers the value it names and everything below it (as `ignore` does); where
/// several cover a value, the longest wins, the first written on a tie. Patterns are
/// matched against the path only when a number or string differs, so a comparison
/// without them, or the parts of files that agree, pay nothing.
struct JSONValueRules {
    struct Rule<Value> {
        let pattern: JSONPointerPattern
        let value: Value
    }

    let tolerances: [Rule<NumericTolerance>]
    let masks: [Rule<CompiledValueMask>]

    /// No rules: every value takes the comparison's own tolerance, unmasked.
    init() {
        tolerances = []
        masks = []
    }

    /// - Throws: `HarnessError.usage` for a name that is not a JSON Pointer or a mask whose
    ///   pattern is not a regular expression.
    init(_ options: CompareOptions) throws {
        try options.checkMasks()
        tolerances = try options.columns.map { column in
            Rule(pattern: try Self.pattern(column.name, flag: "--tolerance"),
                 value: NumericTolerance(rtol: column.rtol, atol: column.atol))
        }
        masks = try options.masks.map { mask in
            Rule(pattern: try Self.pattern(mask.name, flag: "--mask"), value: mask.compiled())
        }
    }

    private static func pattern(_ name: String, flag: String) throws -> JSONPointerPattern {
        guard name.hasPrefix("/") else {
            throw HarnessError.usage("\(flag) \"\(name)\" is not a JSON Pointer; JSON and JSON Lines files take pointers",
                                     hint: "write \"/\(name)\" for a top-level member, \"/runs/*/\(name)\" for one in every element of an array")
        }
        return try JSONPointerPattern(name)
    }
}

extension JSONStructuralDiffer {
    /// The tolerance for the number at the current path.
    mutating func toleranceHere() -> NumericTolerance {
        guard !rules.tolerances.isEmpty else { return tolerance }
        var best: (length: Int, tolerance: NumericTolerance)?
        for rule in rules.tolerances where covers(rule.pattern) {
            if best == nil || rule.pattern.segments.count > best!.length {  // `!`: checked non-nil just before
                best = (rule.pattern.segments.count, rule.value)
            }
        }
        return best?.tolerance ?? tolerance
    }

    /// The mask for the string at the current path, if any.
    mutating func maskHere() -> CompiledValueMask? {
        guard !rules.masks.isEmpty else { return nil }
        var best: (length: Int, mask: CompiledValueMask)?
        for rule in rules.masks where covers(rule.pattern) {
            if best == nil || rule.pattern.segments.count > best!.length {  // `!`: checked non-nil just before
                best = (rule.pattern.segments.count, rule.value)
            }
        }
        return best?.mask
    }

    /// Whether `pattern` names the current path or a place above it.
    private mutating func covers(_ pattern: JSONPointerPattern) -> Bool {
        guard pattern.segments.count <= path.count else { return false }
        for (segment, step) in zip(pattern.segments, path) where !matches(segment, step) { return false }
        return true
    }

    /// Whether two differing strings are equal once the mask at the current path is applied.
    mutating func equalMasked(_ e: Int, _ a: Int) -> Bool {
        guard let mask = maskHere() else { return false }
        scratch.removeAll(keepingCapacity: true)
        otherScratch.removeAll(keepingCapacity: true)
        expected.decodeString(e, into: &scratch)
        actual.decodeString(a, into: &otherScratch)
        return mask.apply(String(decoding: scratch, as: UTF8.self)) == mask.apply(String(decoding: otherScratch, as: UTF8.self))
    }
}
