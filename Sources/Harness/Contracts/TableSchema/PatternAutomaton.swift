// Design note. `pattern` constraints are checked on every cell of a column, and a general
// regex engine costs microseconds a call. Most contract patterns are small ASCII codes
// (`[A-Z]{2}-[0-9]{4}`), so they are compiled once into a DFA over ASCII bytes (parse ->
// Thompson NFA -> subset construction, capped at `maxStates`) and a cell is one table walk.
// Patterns with constructs outside this subset (back-references, look-around, Unicode
// classes, non-ASCII text) and cells with non-ASCII bytes go to `NSRegularExpression`.
//
// A small automaton also gets a second form that reads two or four bytes a step: bytes
// that no state tells apart share a class (`[a-z]` is one class when the pattern treats
// letters alike), and a table over (state, class, class[, class, class]) gives the state
// two (four) bytes on. State numbers are stored premultiplied, so a step is a few class
// lookups and one dependent load: the chain of table loads, which bounds the walk, is a
// half (a quarter) as long. A dead state
// and a "not ASCII" state are explicit, so the walk has no early exits to mispredict.

/// A whole-value matcher for the ASCII subset of XML Schema / ICU regular expressions:
/// literals, `.`, classes with ranges and negation, `\d \D \w \W \s \S`, groups,
/// alternation, `* + ? {n} {n,} {n,m}`.
final class PatternAutomaton: @unchecked Sendable {
    static let maxStates = 2048
    /// Transitions: `table[state * 128 + byte]`, -1 for no way on.
    let table: ElementTable<Int32>
    /// The same transitions in bytes (255: no way on), when there are fewer than 255 states.
    let compact: ElementTable<UInt8>?
    let accepting: ElementTable<Bool>
    let stateCount: Int
    /// For a pattern that is a fixed sequence of byte sets (`[A-Z]{2}-[0-9]{4}`), the set
    /// of each position: every byte is checked independently, with no chain of table loads.
    let positions: ElementTable<ByteSet>?
    let positionCount: Int
    /// The two-bytes-a-step form, when the automaton is small enough.
    let pairs: PairTables?

    /// nil when the pattern is outside the subset or its DFA would be too large.
    init?(_ pattern: String) {
        var parser = RegexSubsetParser(Array(pattern.utf8))
        guard let tree = parser.parse() else { return nil }
        if let sets = PatternAutomaton.fixedSequence(tree), !sets.isEmpty, sets.count <= 64 {
            positions = ElementTable(sets)
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
        table = ElementTable(transitions)
        // Small automata (nearly all) walk a byte table: 128 bytes a state stay in cache.
        if accepts.count < 255 {
            compact = ElementTable(transitions.map { $0 < 0 ? 255 : UInt8($0) })
        } else {
            compact = nil
        }
        accepting = ElementTable(accepts)
        pairs = PairTables(transitions: transitions, accepts: accepts)
    }

    deinit {
        table.deallocate()
        compact?.deallocate()
        accepting.deallocate()
        positions?.deallocate()
        pairs?.deallocate()
    }

    var plan: Plan {
        Plan(table: table, compact: compact, accepting: accepting, positions: positions, positionCount: positionCount, pairs: pairs)
    }

    /// The automaton over byte classes, two bytes a step (see the note at the top).
    struct PairTables {
        /// The class of each byte; non-ASCII bytes have their own class.
        let classOf: ByteMap
        let classCount: Int
        /// States are stored premultiplied by `block`: C⁴ when the four-byte table fits, else C².
        let block: Int
        /// `quads[state + ((c1 * C + c2) * C + c3) * C + c4]`: the state four bytes on, when it fits.
        let quads: ElementTable<UInt16>?
        /// `pairs[state + c1 * C + c2]`: the state two bytes on.
        let pairs: ElementTable<UInt16>
        /// `singles[state + c]`: the state one byte on.
        let singles: ElementTable<UInt16>
        /// By premultiplied state: 1 accepting, 0 not, 2 a non-ASCII byte was read.
        let verdict: ElementTable<UInt8>

        /// Tables cover states × C² (or C⁴) entries; larger automata keep the byte-at-a-time walk.
        static let maxEntries = 16384

        init?(transitions: [Int32], accepts: [Bool]) {
            let states = accepts.count
            // Bytes with the same column of targets are one class.
            var classIndex: [[Int32]: UInt8] = [:]
            var classOf = [UInt8](repeating: 0, count: 256)
            for byte in 0..<128 {
                let column = (0..<states).map { transitions[$0 * 128 + byte] }
                if let known = classIndex[column] {
                    classOf[byte] = known
                } else {
                    guard classIndex.count < 254 else { return nil }
                    let next = UInt8(classIndex.count)
                    classIndex[column] = next
                    classOf[byte] = next
                }
            }
            let columns = classIndex.sorted { $0.value < $1.value }.map(\.key)
            let nonASCII = columns.count
            for byte in 128..<256 { classOf[byte] = UInt8(nonASCII) }
            let classes = nonASCII + 1
            let dead = states, bail = states + 1
            let all = states + 2
            let square = classes * classes
            guard all * square <= PairTables.maxEntries else { return nil }
            let fourfold = all * square * square <= PairTables.maxEntries
            block = fourfold ? square * square : square
            // The target of one byte class from a state, with the dead and bail states explicit.
            func step(_ state: Int, _ byteClass: Int) -> Int {
                if state == bail || byteClass == nonASCII { return bail }
                if state == dead { return dead }
                let target = columns[byteClass][state]
                return target < 0 ? dead : Int(target)
            }
            classCount = classes
            let size = all * block
            var pairs = [UInt16](repeating: 0, count: size)
            var singles = [UInt16](repeating: 0, count: size)
            var verdict = [UInt8](repeating: 0, count: size)
            var quads = [UInt16](repeating: 0, count: fourfold ? size : 0)
            for state in 0..<all {
                let base = state * block
                for first in 0..<classes {
                    let one = step(state, first)
                    singles[base + first] = UInt16(one * block)
                    for second in 0..<classes {
                        let two = step(one, second)
                        pairs[base + first * classes + second] = UInt16(two * block)
                        guard fourfold else { continue }
                        for third in 0..<classes {
                            let three = step(two, third)
                            for fourth in 0..<classes {
                                quads[base + ((first * classes + second) * classes + third) * classes + fourth] = UInt16(step(three, fourth) * block)
                            }
                        }
                    }
                }
                verdict[base] = state == bail ? 2 : (state < states && accepts[state] ? 1 : 0)
            }
            // What lets `matches` read its tables unchecked: every byte class is below
            // `classes` and every stored state a multiple of `block` below `size`, so a state
            // plus a class pair (or two) stays below `size` (block >= C^2, or C^4 with quads).
            let stride = block
            precondition(classOf.allSatisfy { Int($0) < classes }, "byte class out of range")
            precondition((pairs + singles + quads).allSatisfy { Int($0) % stride == 0 && Int($0) < size }, "state out of range")
            self.classOf = ByteMap(classOf)
            self.pairs = ElementTable(pairs)
            self.singles = ElementTable(singles)
            self.verdict = ElementTable(verdict)
            self.quads = fourfold ? ElementTable(quads) : nil
        }

        func deallocate() {
            classOf.deallocate()
            quads?.deallocate()
            pairs.deallocate()
            singles.deallocate()
            verdict.deallocate()
        }

        /// true/false for an ASCII cell; nil when the cell has non-ASCII bytes.
        @inline(__always)
        func matches(_ bytes: ByteRun) -> Bool? {
            let count = bytes.count
            var state = 0
            var index = 0
            if let quads {
                while index + 4 <= count {
                    let first = Int(classOf[bytes[index]]) &* classCount &+ Int(classOf[bytes[index + 1]])
                    let second = Int(classOf[bytes[index + 2]]) &* classCount &+ Int(classOf[bytes[index + 3]])
                    // Unchecked: bounded by construction (the preconditions in init).
                    state = Int(quads[unchecked: state &+ first &* (classCount &* classCount) &+ second])
                    index += 4
                }
            }
            while index + 2 <= count {
                let pair = Int(classOf[bytes[index]]) &* classCount &+ Int(classOf[bytes[index + 1]])
                state = Int(pairs[unchecked: state &+ pair])
                index += 2
            }
            if index < count { state = Int(singles[unchecked: state &+ Int(classOf[bytes[index]])]) }
            let result = verdict[unchecked: state]
            return result == 2 ? nil : result == 1
        }
    }

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

    /// The automaton's tables (one word each): a trivial value the per-cell path copies freely.
    struct Plan {
        let table: ElementTable<Int32>
        let compact: ElementTable<UInt8>?
        let accepting: ElementTable<Bool>
        let positions: ElementTable<ByteSet>?
        let positionCount: Int
        let pairs: PairTables?

        /// true/false for an ASCII cell; nil when the cell has non-ASCII bytes.
        @inline(__always)
        func matches(_ bytes: ByteRun) -> Bool? {
            if let pairs, positions == nil { return pairs.matches(bytes) }
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
