/// Where each line of a text starts, so that many problems in one file (a config with
/// thousands of bad cases) get their line and column by a binary search each instead of
/// a scan from the start each, which made reporting them quadratic.
struct LineIndex: Sendable {
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.starts = starts
    }

    /// The location of byte `offset` of `bytes` (the text the index was built from), as
    /// `SourceLocation.of` computes it.
    func location(of offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        let offset = min(max(0, offset), bytes.count)
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        for index in starts[low]..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(path: path, line: low + 1, column: column)
    }
}
