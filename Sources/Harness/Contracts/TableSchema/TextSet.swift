/// A few short texts (missing values, enum members, boolean words) in one flat buffer, so
/// that asking whether a cell is one of them touches no reference counts.
struct TextSet: Sendable, Equatable {
    private var storage: [UInt8] = []
    private var bounds: [Int] = [0]
    /// Whether the empty text is a member (the common missing value).
    private(set) var containsEmpty = false
    private(set) var count = 0

    init(_ texts: [[UInt8]] = []) {
        for text in texts { insert(text) }
    }

    mutating func insert(_ text: [UInt8]) {
        if text.isEmpty { containsEmpty = true }
        storage.append(contentsOf: text)
        bounds.append(storage.count)
        count += 1
    }

    /// The members, in insertion order.
    var members: [[UInt8]] {
        (1..<bounds.count).map { Array(storage[bounds[$0 - 1]..<bounds[$0]]) }
    }

    /// Whether there are members besides the empty text.
    var hasNonEmpty: Bool { storage.count > 0 }

    @inline(__always)
    func contains(_ cell: ByteRun) -> Bool {
        let length = cell.count
        if length == 0 { return containsEmpty }
        if storage.isEmpty { return false }
        return ByteRun.with(storage) { all in
            for index in 1..<bounds.count {
                let start = bounds[index - 1]
                guard bounds[index] - start == length else { continue }
                if all.run(start..<start + length).same(as: cell) { return true }
            }
            return false
        }
    }
}
