/// The path to the value being compared: `--ignore` patterns followed level by level, and
/// pointers rendered from it when a difference is counted.
extension JSONStructuralDiffer {
    /// Steps into a child; false (and no step taken) when an ignore pattern covers it.
    @inline(__always)
    mutating func enter(_ step: PathStep) -> Bool {
        path.append(step)
        guard !patterns.isEmpty else { return true }
        let parentStart = frames[frames.count - 1]
        let parentEnd = activePatterns.count
        frames.append(parentEnd)
        let depth = path.count
        for slot in parentStart..<parentEnd {
            let number = activePatterns[slot]
            let segments = patterns[number].segments
            guard matches(segments[depth - 1], step) else { continue }
            if segments.count == depth {
                activePatterns.removeLast(activePatterns.count - parentEnd)
                frames.removeLast()
                path.removeLast()
                return false
            }
            activePatterns.append(number)
        }
        return true
    }

    /// Steps back out of the child `enter` stepped into.
    @inline(__always)
    mutating func leave() {
        path.removeLast()
        guard !patterns.isEmpty else { return }
        let start = frames.removeLast()
        activePatterns.removeLast(activePatterns.count - start)
    }

    mutating func matches(_ segment: JSONPointerPattern.Segment, _ step: PathStep) -> Bool {
        switch (segment, step) {
        case (.any, _):
            return true
        case (.name(_, let index), .index(let position)):
            return index == position
        case (.name(let name, _), .expectedKey(let key)):
            return keyName(key, in: expected, equals: name)
        case (.name(let name, _), .actualKey(let key)):
            return keyName(key, in: actual, equals: name)
        case (.name(let name, _), .name(let bytes)):
            return name == bytes
        }
    }

    private mutating func keyName(_ key: Int, in view: JSONTapeView, equals name: [UInt8]) -> Bool {
        guard view.tokens[key].hasEscapes else { return view.stringContent(key).same(as: name) }
        scratch.removeAll(keepingCapacity: true)
        view.decodeString(key, into: &scratch)
        return scratch == name
    }

    /// The RFC 6901 pointer of the current path; with `wildcardIndices`, array positions
    /// are written `*` (the pattern differences are counted under).
    mutating func pointer(wildcardIndices: Bool) -> String {
        var out: [UInt8] = []
        for step in path {
            switch step {
            case .index(let position):
                if wildcardIndices {
                    out.append(contentsOf: [ASCII.slash, UInt8(ascii: "*")])
                } else {
                    JSONPointer.appendSegment(index: position, to: &out)
                }
            case .expectedKey(let key):
                scratch.removeAll(keepingCapacity: true)
                expected.decodeString(key, into: &scratch)
                JSONPointer.appendSegment(scratch, to: &out)
            case .actualKey(let key):
                scratch.removeAll(keepingCapacity: true)
                actual.decodeString(key, into: &scratch)
                JSONPointer.appendSegment(scratch, to: &out)
            case .name(let bytes):
                JSONPointer.appendSegment(bytes, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
