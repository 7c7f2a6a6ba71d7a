/// Finds the known name nearest to a mistyped one, for "did you mean" messages.
public enum NameSuggestion {
    /// The nearest of `candidates` to `name`, or nil when none is close enough to be a
    /// plausible typo (edit distance above a third of the longer name, at least 1... 3).
    public static func nearest(to name: String, in candidates: some Sequence<String>) -> String? {
        let lowered = name.lowercased()
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
