/// Matching object members by name when the two objects do not list the same keys in the
/// same order. A name that repeats in an object is matched occurrence by occurrence
/// (first with first), which is also what the pairwise walk does.
extension JSONStructuralDiffer {
    /// Above this many name comparisons, members are matched through sorted names.
    static let quadraticLimit = 4_096

    mutating func compareMembersByName(_ e: Int, _ a: Int) {
        let expectedKeys = keys(of: e, in: expected)
        let actualKeys = keys(of: a, in: actual)
        var matchOfExpected = [Int](repeating: -1, count: expectedKeys.count)
        var actualMatched = [Bool](repeating: false, count: actualKeys.count)
        if expectedKeys.count * actualKeys.count <= JSONStructuralDiffer.quadraticLimit {
            for (position, expectedKey) in expectedKeys.enumerated() {
                for (other, actualKey) in actualKeys.enumerated() where !actualMatched[other] && sameName(expectedKey, actualKey) {
                    matchOfExpected[position] = other
                    actualMatched[other] = true
                    break
                }
            }
        } else {
            let expectedNames = expectedKeys.map { name(of: $0, in: expected) }
            let actualNames = actualKeys.map { name(of: $0, in: actual) }
            // Stable orders by (name, position), so repeated names pair up in order.
            let expectedOrder = expectedNames.indices.sorted { JSONStructuralDiffer.precedes(expectedNames, $0, $1) }
            let actualOrder = actualNames.indices.sorted { JSONStructuralDiffer.precedes(actualNames, $0, $1) }
            var left = 0
            var right = 0
            while left < expectedOrder.count && right < actualOrder.count {
                let expectedName = expectedNames[expectedOrder[left]]
                let actualName = actualNames[actualOrder[right]]
                if expectedName == actualName {
                    matchOfExpected[expectedOrder[left]] = actualOrder[right]
                    actualMatched[actualOrder[right]] = true
                    left += 1
                    right += 1
                } else if expectedName.lexicographicallyPrecedes(actualName) {
                    left += 1
                } else {
                    right += 1
                }
            }
        }
        for (position, expectedKey) in expectedKeys.enumerated() {
            guard enter(.expectedKey(expectedKey)) else { continue }
            let other = matchOfExpected[position]
            if other >= 0 {
                compareValues(expectedKey + 1, actualKeys[other] + 1)
            } else {
                report(.missingMember, expected: expectedKey + 1, actual: nil)
            }
            leave()
        }
        for (other, actualKey) in actualKeys.enumerated() where !actualMatched[other] {
            guard enter(.actualKey(actualKey)) else { continue }
            report(.extraMember, expected: nil, actual: actualKey + 1)
            leave()
        }
    }

    private static func precedes(_ names: [[UInt8]], _ left: Int, _ right: Int) -> Bool {
        if names[left] == names[right] { return left < right }
        return names[left].lexicographicallyPrecedes(names[right])
    }

    /// Token indices of the keys of object `index`, in document order.
    private func keys(of index: Int, in view: JSONTapeView) -> [Int] {
        var keys: [Int] = []
        var key = index + 1
        let end = view.next(after: index)
        while key < end {
            keys.append(key)
            key = view.next(after: key + 1)
        }
        return keys
    }

    private func name(of key: Int, in view: JSONTapeView) -> [UInt8] {
        var bytes: [UInt8] = []
        view.decodeString(key, into: &bytes)
        return bytes
    }

    private mutating func sameName(_ expectedKey: Int, _ actualKey: Int) -> Bool {
        stringsEqual(expectedKey, actualKey)
    }
}
