/// A JSON value compared and hashed as JSON Schema means equality (`enum`, `const`,
/// `uniqueItems`): numbers by exact value (`1` equals `1.0`, `-0` equals `0`), objects
/// regardless of member order, and nothing equal across types (`1` is not `true`).
///
/// Hashing lets `enum` look a value up and `uniqueItems` find duplicates in linear time.
/// The hash is computed once and compared first, because a hash table compares keys at
/// every occupied slot it probes, and a deep comparison there would dominate.
struct CanonicalJSON: Hashable {
    let value: JSONValue
    let digest: Int

    init(_ value: JSONValue) {
        self.value = value
        var hasher = Hasher()
        CanonicalJSON.hash(value, into: &hasher)
        digest = hasher.finalize()
    }

    static func == (lhs: CanonicalJSON, rhs: CanonicalJSON) -> Bool {
        lhs.digest == rhs.digest && equal(lhs.value, rhs.value)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)):
            // Code points, not Swift's canonical equivalence: "ä" and "a\u{308}" differ.
            return a.utf8.elementsEqual(b.utf8)
        case (.number(let a), .number(let b)):
            if a == b { return true }
            // Integers as JSON writes them (no leading zeros) are equal only as text, or as
            // 0 and -0; only decimals and exponents need the exact value.
            if isPlainInteger(a) && isPlainInteger(b) { return isZero(a) && isZero(b) }
            return ExactDecimal(a) == ExactDecimal(b)
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for (left, right) in zip(a, b) where !equal(left, right) { return false }
            return true
        case (.object(let a), .object(let b)):
            if a.count == b.count, a.count <= 8, !hasRepeatedKey(a), !hasRepeatedKey(b) {
                // Small objects: match members by a scan instead of building dictionaries.
                return a.allSatisfy { member in
                    b.contains { $0.key == member.key && equal($0.value, member.value) }
                }
            }
            let left = lastWins(a), right = lastWins(b)
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let other = right[key], equal(value, other) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// A parsed object may repeat a key; like most parsers, the last one counts.
    static func lastWins(_ members: [JSONMember]) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        result.reserveCapacity(members.count)
        for member in members { result[member.key] = member.value }
        return result
    }

    static func isPlainInteger(_ text: String) -> Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    static func isZero(_ text: String) -> Bool {
        text == "0" || text == "-0"
    }

    /// Whether a key repeats, without allocating for the small objects that dominate data.
    static func hasRepeatedKey(_ members: [JSONMember]) -> Bool {
        if members.count < 2 { return false }
        if members.count <= 8 {
            for first in 0..<members.count - 1 {
                for second in first + 1..<members.count where members[first].key == members[second].key { return true }
            }
            return false
        }
        return Set(members.map(\.key)).count != members.count
    }

    static func hash(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .null:
            hasher.combine(0)
        case .bool(let flag):
            hasher.combine(1)
            hasher.combine(flag)
        case .number(let text):
            hasher.combine(2)
            if let number = ExactDecimal(text) { hasher.combine(number) }
        case .string(let text):
            hasher.combine(3)
            hasher.combine(text)
        case .array(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { hash(item, into: &hasher) }
        case .object(let members):
            // Member order must not matter: combine each member's own hash commutatively.
            // A repeated key is rare; only then is the last-wins view built.
            hasher.combine(5)
            let unique = hasRepeatedKey(members) ? lastWins(members).map { JSONMember($0.key, $0.value) } : members
            var combined = 0
            for member in unique {
                var memberHasher = Hasher()
                memberHasher.combine(member.key)
                hash(member.value, into: &memberHasher)
                combined = combined &+ memberHasher.finalize()
            }
            hasher.combine(unique.count)
            hasher.combine(combined)
        }
    }
}
