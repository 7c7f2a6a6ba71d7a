/// Parses the ASCII regex subset `PatternAutomaton` compiles; nil for anything else, so
/// the caller falls back to a general engine rather than guess.
struct RegexSubsetParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parse() -> RegexNode? {
        guard bytes.allSatisfy({ $0 < 128 }) else { return nil }
        var body = bytes[...]
        // Whole-value matching makes leading ^ and trailing $ redundant.
        if body.first == UInt8(ascii: "^") { body = body.dropFirst() }
        if body.last == UInt8(ascii: "$"), body.count >= 2, body[body.endIndex - 2] != UInt8(ascii: "\\") { body = body.dropLast() }
        var inner = RegexSubsetParser(Array(body))
        guard let node = inner.alternation(), inner.index == inner.bytes.count else { return nil }
        return node
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func alternation() -> RegexNode? {
        var branches: [RegexNode] = []
        while true {
            guard let branch = sequence() else { return nil }
            branches.append(branch)
            guard current == UInt8(ascii: "|") else { break }
            index += 1
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() -> RegexNode? {
        var items: [RegexNode] = []
        while let byte = current, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            guard var atom = atom() else { return nil }
            while let quantifier = current {
                var bounds: (Int, Int?)?
                switch quantifier {
                case UInt8(ascii: "*"): bounds = (0, nil); index += 1
                case UInt8(ascii: "+"): bounds = (1, nil); index += 1
                case UInt8(ascii: "?"): bounds = (0, 1); index += 1
                case UInt8(ascii: "{"):
                    guard let counted = counted() else { return nil }
                    bounds = counted
                default: bounds = nil
                }
                guard let (low, high) = bounds else { break }
                // A lazy or possessive suffix does not change what matches the whole value.
                if current == UInt8(ascii: "?") || current == UInt8(ascii: "+") { index += 1 }
                if let high, high < low { return nil }
                atom = .repeated(atom, min: low, max: high)
            }
            items.append(atom)
        }
        return .sequence(items)
    }

    /// `{n}`, `{n,}`, `{n,m}` with small counts.
    private mutating func counted() -> (Int, Int?)? {
        index += 1
        guard let low = number() else { return nil }
        var high: Int? = low
        if current == UInt8(ascii: ",") {
            index += 1
            high = current == UInt8(ascii: "}") ? nil : number()
            if high == nil && current != UInt8(ascii: "}") { return nil }
        }
        guard current == UInt8(ascii: "}"), low <= 100, (high ?? 0) <= 100 else { return nil }
        index += 1
        return (low, high)
    }

    private mutating func number() -> Int? {
        var value = 0
        var digits = 0
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            index += 1
            if digits > 4 { return nil }
        }
        return digits > 0 ? value : nil
    }

    private mutating func atom() -> RegexNode? {
        guard let byte = current else { return nil }
        index += 1
        switch byte {
        case UInt8(ascii: "("):
            if current == UInt8(ascii: "?") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
                index += 2
            }
            guard let inner = alternation(), current == UInt8(ascii: ")") else { return nil }
            index += 1
            return inner
        case UInt8(ascii: "["): return characterClass()
        case UInt8(ascii: "."): return .set(.dot)
        case UInt8(ascii: "\\"): return escape(inClass: false).map { .set($0) }
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: ")"),
             UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return nil
        default:
            var set = ByteSet()
            set.insert(byte)
            return .set(set)
        }
    }

    /// After a backslash: a class escape or an escaped literal; nil for anything else
    /// (back-references, \p{…}, \b, \x…).
    private mutating func escape(inClass: Bool) -> ByteSet? {
        guard let byte = current else { return nil }
        index += 1
        switch byte {
        case UInt8(ascii: "d"): return .digits
        case UInt8(ascii: "D"): return ByteSet.digits.inverted
        case UInt8(ascii: "w"): return .word
        case UInt8(ascii: "W"): return ByteSet.word.inverted
        case UInt8(ascii: "s"): return .space
        case UInt8(ascii: "S"): return ByteSet.space.inverted
        case UInt8(ascii: "n"): var set = ByteSet(); set.insert(10); return set
        case UInt8(ascii: "r"): var set = ByteSet(); set.insert(13); return set
        case UInt8(ascii: "t"): var set = ByteSet(); set.insert(9); return set
        default:
            let punctuation = Array(#".\-[](){}*+?|^$/,:#&~=!<>@%'"`;_ "#.utf8)
            guard punctuation.contains(byte) else { return nil }
            var set = ByteSet()
            set.insert(byte)
            return set
        }
    }

    private mutating func characterClass() -> RegexNode? {
        var negated = false
        if current == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var set = ByteSet()
        var first = true
        while let byte = current, byte != UInt8(ascii: "]") || first {
            first = false
            index += 1
            var low: UInt8
            if byte == UInt8(ascii: "\\") {
                guard let escaped = escape(inClass: true) else { return nil }
                if escaped.low.nonzeroBitCount + escaped.high.nonzeroBitCount != 1 {
                    set = set.union(escaped)
                    continue
                }
                low = (0..<128).first { escaped.contains(UInt8($0)) }.map { UInt8($0) } ?? 0
            } else if byte == UInt8(ascii: "[") {
                return nil  // nested classes and subtraction ([a-z-[aeiou]]) are XML Schema only
            } else {
                low = byte
            }
            if current == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "]") {
                index += 1
                guard var high = current else { return nil }
                index += 1
                if high == UInt8(ascii: "\\") {
                    guard let escaped = escape(inClass: true), escaped.low.nonzeroBitCount + escaped.high.nonzeroBitCount == 1 else { return nil }
                    high = (0..<128).first { escaped.contains(UInt8($0)) }.map { UInt8($0) } ?? 0
                }
                guard low <= high else { return nil }
                set.insert(low...high)
            } else {
                set.insert(low)
            }
        }
        guard current == UInt8(ascii: "]") else { return nil }
        index += 1
        return .set(negated ? set.inverted : set)
    }
}

/// Thompson's construction, then subset construction into a DFA over ASCII.
struct ThompsonNFA {
    struct State {
        var set: ByteSet?
        var next = -1
        var epsilon: [Int] = []
    }

    var states: [State] = [State()]
    let acceptState = 0

    private mutating func add(_ state: State = State()) -> Int {
        states.append(state)
        return states.count - 1
    }

    mutating func connect(_ from: Int, to: Int) {
        states[from].epsilon.append(to)
    }

    mutating func build(_ node: RegexNode) -> (start: Int, end: Int)? {
        if states.count > 20_000 { return nil }
        switch node {
        case .set(let set):
            let end = add()
            let start = add(State(set: set, next: end))
            return (start, end)
        case .sequence(let items):
            let start = add()
            var end = start
            for item in items {
                guard let fragment = build(item) else { return nil }
                connect(end, to: fragment.start)
                end = fragment.end
            }
            return (start, end)
        case .alternation(let branches):
            let start = add(), end = add()
            for branch in branches {
                guard let fragment = build(branch) else { return nil }
                connect(start, to: fragment.start)
                connect(fragment.end, to: end)
            }
            return (start, end)
        case .repeated(let inner, let low, let high):
            let start = add()
            var end = start
            for _ in 0..<low {
                guard let fragment = build(inner) else { return nil }
                connect(end, to: fragment.start)
                end = fragment.end
            }
            if let high {
                let exit = add()
                for _ in low..<high {
                    guard let fragment = build(inner) else { return nil }
                    connect(end, to: fragment.start)
                    connect(end, to: exit)
                    end = fragment.end
                }
                connect(end, to: exit)
                return (start, exit)
            }
            guard let loop = build(inner) else { return nil }
            let exit = add()
            connect(end, to: loop.start)
            connect(end, to: exit)
            connect(loop.end, to: loop.start)
            connect(loop.end, to: exit)
            return (start, exit)
        }
    }

    private func closure(_ seeds: [Int]) -> [Int] {
        var seen = Set(seeds)
        var stack = seeds
        while let state = stack.popLast() {
            for next in states[state].epsilon where seen.insert(next).inserted { stack.append(next) }
        }
        return seen.sorted()
    }

    /// DFA tables (state 0 is the start), or nil past `limit` states.
    func determinize(from start: Int, limit: Int) -> ([Int32], [Bool])? {
        var index: [[Int]: Int32] = [:]
        var sets: [[Int]] = []
        var transitions: [Int32] = []
        var accepts: [Bool] = []
        let first = closure([start])
        index[first] = 0
        sets.append(first)
        var cursor = 0
        while cursor < sets.count {
            let current = sets[cursor]
            accepts.append(current.contains(acceptState))
            var row = [Int32](repeating: -1, count: 128)
            for byte in 0..<128 {
                let moved = current.compactMap { state -> Int? in
                    guard let set = states[state].set, set.contains(UInt8(byte)) else { return nil }
                    return states[state].next
                }
                guard !moved.isEmpty else { continue }
                let target = closure(moved)
                if let known = index[target] {
                    row[byte] = known
                } else {
                    guard sets.count < limit else { return nil }
                    index[target] = Int32(sets.count)
                    row[byte] = Int32(sets.count)
                    sets.append(target)
                }
            }
            transitions.append(contentsOf: row)
            cursor += 1
        }
        return (transitions, accepts)
    }
}
