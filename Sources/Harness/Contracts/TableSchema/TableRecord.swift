/// One parsed CSV record as the checker sees it: cells by position, as bytes that stay
/// valid until the reader moves on. The 16 bytes after each cell must be readable too (the
/// number reader loads whole words; their values never matter): `CSVReader` pads its
/// buffers, `OwnedRecord` its storage.
protocol TableRecord {
    var cellCount: Int { get }
    func cell(_ index: Int) -> ByteRun
}

/// A record that owns its bytes, for the header and for tests.
final class OwnedRecord: TableRecord {
    private let storage: UnsafeMutableRawBufferPointer
    private let bounds: [Range<Int>]

    init(_ cells: [[UInt8]]) {
        let total = cells.reduce(0) { $0 + $1.count }
        // unsafe: one allocation freed in deinit; cells point into it only while self lives.
        // 16 bytes of padding after the last cell (the protocol's promise), set to digits
        // so that a reader looking past a cell would misread it.
        let padded = UnsafeMutableRawBufferPointer.allocate(byteCount: total + 16, alignment: 8)
        padded.initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "7"))
        storage = padded
        var bounds: [Range<Int>] = []
        var offset = 0
        for cell in cells {
            for (index, byte) in cell.enumerated() { storage[offset + index] = byte }
            bounds.append(offset..<offset + cell.count)
            offset += cell.count
        }
        self.bounds = bounds
    }

    convenience init(_ cells: [String]) {
        self.init(cells.map { Array($0.utf8) })
    }

    deinit { storage.deallocate() }

    var cellCount: Int { bounds.count }

    func cell(_ index: Int) -> ByteRun {
        let bounds = bounds[index]
        // `unsafe`: a range of `storage`, which lives as long as self; what follows the
        // cell up to the storage's end (16 bytes at least) is its padding.
        let start = storage.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + bounds.lowerBound
        return ByteRun(start: start, count: bounds.count, padding: storage.count - bounds.upperBound)
    }
}
