// Design note. `pattern` constraints are checked on every cell of a column, and a general
// regex engine costs microseconds a call. Most contract patterns are small ASCII codes
// (`[A-Z]{2}-[0-9]{4}`), so they are compiled once into a DFA over ASCII bytes (parse ->
// Thompson NFA -> subset construction, capped at `maxStates`) and a cell is one table walk.
// Patterns with constructs outside this subset (back-references, look-around, Unicode
// classes, non-ASCII text) and cells with non-ASCII bytes go to `NSRegularExpression`.

/// A whole-value matcher for the ASCII subset of XML Schema / ICU regular expressions:
/// literals, `.`, classes with ranges and negation, `\d \D \w \W \s \S`, groups,
/// alternation, `* + ? {n} {n,} {n,m}`.
final class PatternAutomaton: @unchecked Sendable {
    static let maxStates = 2048
    /// Transitions: `table[state * 128 + byte]`, -1 for no way on.
    let table: UnsafeMutablePointer<Int32>
    /// The same transitions in bytes (255: no way on), when there are fewer than 255 states.
    let compact: UnsafeMutablePointer<UInt8>?
    let accepting: UnsafeMutablePointer<Bool>
    let stateCount: Int
    /// For a pattern that is a fixed sequence of byte sets (`[A-Z]{2}-[0-9]{4}`), the set
    /// of each position: every byte is checked independently, with no chain of table loads.
    let positions: UnsafeMutablePointer<ByteSet>?
    let positionCount: Int

    /// nil when the pattern is outside the subset or its DFA would be too large.
    init?(_ pattern: String) {
        var parser = RegexSubsetParser(Array(pattern.utf8))
        guard let tree = parser.parse() else { return nil }
        if let sets = PatternAutomaton.fixedSequence(tree), !sets.isEmpty, sets.count <= 64 {
            positions = .allocate(capacity: sets.count)
            positions?.initialize(from: sets, count: sets.count)
            positionCount = sets.count
        } else {
            positions = nil
            positionCount = 0
        }
        var nfa = ThompsonNFA()
        guard let fragment = nfa.build(tree), nfa.states.count < 20_000 else { return nil }
        nfa.connect(fragment.end, to: nfa.acceptState)
        guard let (transitions, accepts) = nfa.determinize(from: fragment.start, limit: PatternAutomaton.maxStates) else { return nil }
        stateCount = accepts.count
        table = .allocate(capacity: transitions.count)
        table.initialize(from: transitions, count: transitions.count)
        // Small automata (nearly all) walk a byte table: 128 bytes a state stay in cache.
        if accepts.count < 255 {
            compact = .allocate(capacity: transitions.count)
            for (index, target) in transitions.enumerated() { compact?[index] = target < 0 ? 255 : UInt8(target) }
        } else {
            compact = nil
        }
        accepting = .allocate(capacity: accepts.count)
        accepting.initialize(from: accepts, count: accepts.count)
    }

    deinit {
        table.deallocate()
        compact?.deallocate()
        accepting.deallocate()
        positions?.deallocate()
    }

    var plan: Plan { Plan(table: table, compact: compact, accepting: accepting, positions: positions, positionCount: positionCount) }

    /// The byte set of each position when the pattern matches exactly one length.
    static func fixedSequence(_ node: RegexNode) -> [ByteSet]? {
        switch node {
        case .set(let set): return [set]
        case .sequence(let items):
            var sets: [ByteSet] = []
            for item in items {
                guard let more = fixedSequence(item) else { return nil }
                sets += more
            }
            return sets
        case .repeated(let inner, let low, let high):
            guard high == low, let once = fixedSequence(inner) else { return nil }
            return Array([[ByteSet]](repeating: once, count: low).joined())
        case .alternation:
            return nil
        }
    }

    /// The automaton's tables by pointer: a trivial value the per-cell path copies freely.
    struct Plan {
        let table: UnsafeMutablePointer<Int32>
        let compact: UnsafeMutablePointer<UInt8>?
        let accepting: UnsafeMutablePointer<Bool>
        let positions: UnsafeMutablePointer<ByteSet>?
        let positionCount: Int

        /// true/false for an ASCII cell; nil when the cell has non-ASCII bytes.
        @inline(__always)
        func matches(_ bytes: UnsafeRawBufferPointer) -> Bool? {
            if let positions {
                var ascii: UInt8 = 0
                var inside = true
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    ascii |= byte
                    if index < positionCount && !positions[index].contains(byte) { inside = false }
                }
                if ascii >= 128 { return nil }
                return inside && bytes.count == positionCount
            }
            if let compact {
                var state = 0
                var ascii: UInt8 = 0
                for byte in bytes {
                    ascii |= byte
                    // A non-ASCII byte indexes past the state's row: stop before reading it.
                    if byte >= 128 { return nil }
                    let next = compact[state &* 128 &+ Int(byte)]
                    if next == 255 { return bytes.contains { $0 >= 128 } ? nil : false }
                    state = Int(next)
                }
                return accepting[state]
            }
            var state: Int32 = 0
            for byte in bytes {
                if byte >= 128 { return nil }
                state = table[Int(state) &* 128 &+ Int(byte)]
                if state < 0 {
                    // Dead: but a later non-ASCII byte would still need the general engine.
                    return bytes.contains { $0 >= 128 } ? nil : false
                }
            }
            return accepting[Int(state)]
        }
    }
}

/// A 128-bit set of ASCII bytes.
struct ByteSet: Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    static let all = ByteSet(low: ~0, high: ~0)

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    mutating func insert(_ range: ClosedRange<UInt8>) {
        for byte in range where byte < 128 { insert(byte) }
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : (byte < 128 ? high & (1 << UInt64(byte - 64)) != 0 : false)
    }

    var inverted: ByteSet { ByteSet(low: ~low, high: ~high) }
    func union(_ other: ByteSet) -> ByteSet { ByteSet(low: low | other.low, high: high | other.high) }

    static let digits: ByteSet = { var set = ByteSet(); set.insert(UInt8(ascii: "0")...UInt8(ascii: "9")); return set }()
    static let word: ByteSet = {
        var set = digits
        set.insert(UInt8(ascii: "a")...UInt8(ascii: "z"))
        set.insert(UInt8(ascii: "A")...UInt8(ascii: "Z"))
        set.insert(UInt8(ascii: "_"))
        return set
    }()
    static let space: ByteSet = { var set = ByteSet(); for byte: UInt8 in [9, 10, 11, 12, 13, 32] { set.insert(byte) }; return set }()
    /// `.`: anything but line breaks.
    static let dot: ByteSet = { var set = ByteSet.all; set.low &= ~((1 << 10) | (1 << 13)); return set }()
}

/// The regex syntax tree of the supported subset.
indirect enum RegexNode {
    case set(ByteSet)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case repeated(RegexNode, min: Int, max: Int?)
}
