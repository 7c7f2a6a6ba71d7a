/// Finds the known name nearest to a mistyped one, for "did you mean" messages.
public enum NameSuggestion {
    /// The nearest of `candidates` to `name`, or nil when none is close enough to be a
    /// plausible typo (edit distance above a third of the longer name, at least 1... 3).
    public static func nearest(to name: String, in candidates: some Sequence<String>) -> String? {
        let lowered = name.lowercased()
        let candidates = Array(candidates)
        // What a Python user types for a type is not a typo of it: "int" is three edits
        // from "list" but means "integer".
        if let meant = typeSynonyms[lowered] ?? typeSynonyms[lowered.prefix { $0 != "[" }.description],
           let candidate = candidates.first(where: { $0.lowercased() == meant }) {
            return candidate
        }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.1 { best = (candidate, distance) }  // `!`: checked on the left
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(1, min(3, max(name.count, candidate.count) / 3 + 1))
        if distance <= limit { return candidate }
        if candidate.lowercased().hasPrefix(lowered) || lowered.hasPrefix(candidate.lowercased()) {
            return candidate
        }
        return nil
    }

    /// Type names from Python, pandas, NumPy and SQL, by the Table Schema / JSON Schema
    /// type they mean.
    static let typeSynonyms: [String: String] = [
        "int": "integer", "int8": "integer", "int16": "integer", "int32": "integer", "int64": "integer",
        "uint8": "integer", "uint16": "integer", "uint32": "integer", "uint64": "integer", "long": "integer",
        "bigint": "integer", "float": "number", "float32": "number", "float64": "number", "double": "number",
        "decimal": "number", "real": "number", "numeric": "number", "str": "string", "text": "string",
        "varchar": "string", "category": "string", "list": "array", "bool": "boolean",
        "datetime64": "datetime", "timestamp": "datetime", "dict": "object", "tuple": "array",
        "none": "null", "nonetype": "null",
    ]

    /// Damerau-Levenshtein distance (optimal string alignment), so a swapped pair of
    /// letters counts as one typo.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
