// Design note. The differ walks two tapes side by side. Equal source bytes settle a whole
// subtree at once (one memcmp), so only the parts that differ are looked at closely.
// Objects whose keys come in the same order (the usual case) are walked pairwise; others
// are matched by name (`JSONStructuralDiffer+Members`). Arrays compare by position.
// Strings compare by their decoded code points (no Unicode normalisation: `"é"` written
// precomposed and decomposed differ, as they do in Python). Numbers go to the CSV
// comparator's `NumericComparison`, so a value compares the same in both formats. The path to
// the current value is a stack of token indices and
// array positions; a pointer is rendered only when a difference is counted. `--ignore`
// patterns are followed level by level, so checking them costs nothing once no pattern
// can match below the current value. Recursion is bounded by the scanner's depth cap.

/// Finds the differences between two JSON values and feeds them to a collector.
struct JSONStructuralDiffer {
    enum PathStep {
        case index(Int)
        /// A member, by its key's token index in the expected or in the actual tape.
        case expectedKey(Int)
        case actualKey(Int)
        /// A member by its decoded name, for paths that outlive a tape (`JSONDocumentWalker`).
        case name([UInt8])
    }

    var collector: JSONDiffCollector
    let patterns: [JSONPointerPattern]
    /// Prepared once; numbers mean what they mean in CSV cells (`NumericComparison`).
    let tolerance: NumericTolerance
    /// Per-pointer tolerances and masks (`JSONValueRules`).
    let rules: JSONValueRules

    var expected = JSONTapeView.none
    var actual = JSONTapeView.none
    var path: [PathStep] = []
    /// Indices of the patterns that match the path so far, one frame per level:
    /// `activePatterns[frames.last!...]` belong to the current value.
    var activePatterns: [Int] = []
    var frames: [Int] = []
    var scratch: [UInt8] = []
    var otherScratch: [UInt8] = []

    init(collector: JSONDiffCollector, ignore: [JSONPointerPattern], rtol: Double, atol: Double,
         rules: JSONValueRules = JSONValueRules()) {
        self.collector = collector
        self.patterns = ignore
        self.tolerance = NumericTolerance(rtol: rtol, atol: atol)
        self.rules = rules
    }

    /// Compares the values at the roots of two tapes (valid during the call only).
    /// - Returns: how many differences were counted.
    mutating func compare(_ expected: JSONTapeView, _ actual: JSONTapeView) -> Int {
        let before = collector.report.differingCells
        guard beginAtRoot() else { return 0 }
        compareHere(expected, actual)
        return collector.report.differingCells - before
    }

    /// Sets the path to the root, for a walk that then `enter`s and `leave`s on its own.
    /// - Returns: false when an ignore pattern ("") covers the whole value.
    mutating func beginAtRoot() -> Bool {
        path.removeAll(keepingCapacity: true)
        activePatterns.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        frames.append(0)
        for (number, pattern) in patterns.enumerated() {
            if pattern.segments.isEmpty { return false }  // "" names the whole value.
            activePatterns.append(number)
        }
        return true
    }

    /// Compares the roots of two tapes (valid during the call only) at the current path.
    mutating func compareHere(_ expected: JSONTapeView, _ actual: JSONTapeView) {
        self.expected = expected
        self.actual = actual
        compareValues(0, 0)
    }

    /// Counts the root of `tape` as an element or member only one side has, at the current path.
    mutating func reportHere(_ kind: Difference.Kind, _ tape: JSONTapeView) {
        if kind == .missingMember {
            expected = tape
            report(kind, expected: 0, actual: nil)
        } else {
            actual = tape
            report(kind, expected: nil, actual: 0)
        }
    }

    mutating func compareValues(_ e: Int, _ a: Int) {
        let expectedToken = expected.tokens[e]
        let actualToken = actual.tokens[a]
        guard expectedToken.kind == actualToken.kind else {
            let bothBoolean = expectedToken.kind.isBoolean && actualToken.kind.isBoolean
            report(bothBoolean ? .changed : .typeChanged, expected: e, actual: a)
            return
        }
        switch expectedToken.kind {
        case .null, .true, .false:
            return
        case .string:
            if !stringsEqual(e, a) && !equalMasked(e, a) { report(.changed, expected: e, actual: a) }
        case .number:
            let result = NumericComparison.compare(expected: expected.text(e), actual: actual.text(a),
                                                   tolerance: rules.tolerances.isEmpty ? tolerance : toleranceHere())
            switch result {
            case .equal: break
            case .differ(let absolute, let relative):
                report(.changed, expected: e, actual: a, absolute: absolute, relative: relative)
            case .notNumbers:
                // Cannot happen for scanned JSON numbers; if it ever did, differing text is
                // a difference, never a silent pass.
                if !expected.text(e).same(as: actual.text(a)) { report(.changed, expected: e, actual: a) }
            }
        case .array:
            if !expected.text(e).same(as: actual.text(a)) { compareArrays(e, a) }
        case .object:
            if !expected.text(e).same(as: actual.text(a)) { compareObjects(e, a) }
        }
    }

    mutating func stringsEqual(_ e: Int, _ a: Int) -> Bool {
        if expected.text(e).same(as: actual.text(a)) { return true }
        if !expected.tokens[e].hasEscapes && !actual.tokens[a].hasEscapes { return false }
        scratch.removeAll(keepingCapacity: true)
        otherScratch.removeAll(keepingCapacity: true)
        expected.decodeString(e, into: &scratch)
        actual.decodeString(a, into: &otherScratch)
        return scratch == otherScratch
    }

    mutating func compareArrays(_ e: Int, _ a: Int) {
        var expectedChild = e + 1
        var actualChild = a + 1
        let expectedEnd = expected.next(after: e)
        let actualEnd = actual.next(after: a)
        var position = 0
        while expectedChild < expectedEnd && actualChild < actualEnd {
            if enter(.index(position)) {
                compareValues(expectedChild, actualChild)
                leave()
            }
            expectedChild = expected.next(after: expectedChild)
            actualChild = actual.next(after: actualChild)
            position += 1
        }
        while expectedChild < expectedEnd {
            if enter(.index(position)) {
                report(.missingMember, expected: expectedChild, actual: nil)
                leave()
            }
            expectedChild = expected.next(after: expectedChild)
            position += 1
        }
        while actualChild < actualEnd {
            if enter(.index(position)) {
                report(.extraMember, expected: nil, actual: actualChild)
                leave()
            }
            actualChild = actual.next(after: actualChild)
            position += 1
        }
    }

    mutating func compareObjects(_ e: Int, _ a: Int) {
        let expectedEnd = expected.next(after: e)
        let actualEnd = actual.next(after: a)
        var expectedKey = e + 1
        var actualKey = a + 1
        // Same names in the same order (byte for byte) is the common case: walk pairwise.
        while expectedKey < expectedEnd && actualKey < actualEnd {
            guard expected.text(expectedKey).same(as: actual.text(actualKey)) else { break }
            expectedKey = expected.next(after: expectedKey + 1)
            actualKey = actual.next(after: actualKey + 1)
        }
        guard expectedKey == expectedEnd && actualKey == actualEnd else {
            compareMembersByName(e, a)
            return
        }
        expectedKey = e + 1
        actualKey = a + 1
        while expectedKey < expectedEnd {
            if enter(.expectedKey(expectedKey)) {
                compareValues(expectedKey + 1, actualKey + 1)
                leave()
            }
            expectedKey = expected.next(after: expectedKey + 1)
            actualKey = actual.next(after: actualKey + 1)
        }
    }

    /// Counts a difference at the current path and keeps its details if the cap allows.
    mutating func report(_ kind: Difference.Kind, expected e: Int?, actual a: Int?,
                         absolute: Double? = nil, relative: Double? = nil) {
        collector.countCell(pattern: pointer(wildcardIndices: true))
        guard collector.wantsDetail else { return }
        var difference = Difference(kind: kind, pointer: pointer(wildcardIndices: false),
                                    expected: e.map { JSONValueText.compact(expected, $0) },
                                    actual: a.map { JSONValueText.compact(actual, $0) })
        difference.absoluteDifference = absolute
        difference.relativeDifference = relative
        collector.keep(difference)
    }
}

extension JSONToken.Kind {
    var isBoolean: Bool { self == .true || self == .false }
}
