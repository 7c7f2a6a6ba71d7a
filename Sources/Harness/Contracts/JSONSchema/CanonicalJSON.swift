/// A JSON value compared and hashed as JSON Schema means equality (`enum`, `const`,
/// `uniqueItems`): numbers by exact value (`1` equals `1.0`, `-0` equals `0`), objects
/// regardless of member order, and nothing equal across types (`1` is not `true`).
///
/// Hashing lets `enum` look a value up and `uniqueItems` find duplicates in linear time.
struct CanonicalJSON: Hashable {
    let value: JSONValue

    init(_ value: JSONValue) {
        self.value = value
    }

    static func == (lhs: CanonicalJSON, rhs: CanonicalJSON) -> Bool {
        equal(lhs.value, rhs.value)
    }

    func hash(into hasher: inout Hasher) {
        CanonicalJSON.hash(value, into: &hasher)
    }

    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)):
            // Code points, not Swift's canonical equivalence: "ä" and "a\u{308}" differ.
            return a.utf8.elementsEqual(b.utf8)
        case (.number(let a), .number(let b)):
            return a == b || ExactDecimal(a) == ExactDecimal(b)
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for (left, right) in zip(a, b) where !equal(left, right) { return false }
            return true
        case (.object(let a), .object(let b)):
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
            hasher.combine(5)
            var combined = 0
            let unique = lastWins(members)
            for (key, member) in unique {
                var memberHasher = Hasher()
                memberHasher.combine(key)
                hash(member, into: &memberHasher)
                combined = combined &+ memberHasher.finalize()
            }
            hasher.combine(unique.count)
            hasher.combine(combined)
        }
    }
}
