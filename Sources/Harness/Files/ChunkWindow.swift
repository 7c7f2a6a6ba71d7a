/// A file read in large chunks into one buffer that holds the bytes not yet consumed: the
/// window both JSON readers (`JSONLineReader`, `JSONStreamReader`) slide over their file.
/// A struct stored in its reader, so the hot loops reach `start`, `end` and `bytes` without
/// an indirection; the reader calls `deallocate()` in its `deinit`.
struct ChunkWindow {
    /// Bytes `start..<end` of the buffer are read and not yet consumed.
    var start = 0
    private(set) var end = 0
    /// File offset of buffer byte 0.
    private(set) var offset = 0
    /// Whether the last read returned nothing.
    private(set) var atEndOfFile = false
    private var buffer: UnsafeMutableRawBufferPointer
    private let chunkSize: Int

    /// An empty window reading `chunkSize` (at least 1) bytes at a time.
    init(chunkSize: Int) {
        self.chunkSize = max(1, chunkSize)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: self.chunkSize, alignment: 16)
    }

    func deallocate() {
        buffer.deallocate()
    }

    /// The buffer's first byte; positions `start` and `end` count from it.
    var bytes: UnsafeMutablePointer<UInt8> {
        // `baseAddress!`: an allocation of at least one byte always has one.
        buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
    }

    /// Moves the unconsumed bytes to the front, grows the buffer if they fill it, and reads
    /// the next chunk of `file` after them.
    /// - Returns: how far the unconsumed bytes moved towards the front (positions the
    ///   caller keeps into the buffer go down by as much).
    /// - Throws: `HarnessError.io` when reading fails.
    @discardableResult
    mutating func refill(from file: ReadOnlyFile) throws -> Int {
        let shift = start
        if start > 0 {
            let pending = end - start
            if pending > 0 {
                // Safe: both ranges lie inside the buffer, which may overlap.
                RawMemory.moveToFront(buffer.baseAddress!, from: start, count: pending)
            }
            offset += start
            end = pending
            start = 0
        }
        if buffer.count - end < chunkSize {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(buffer.count * 2, end + chunkSize), alignment: 16)
            if end > 0 { grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end) }
            buffer.deallocate()
            buffer = grown
        }
        let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<min(buffer.count, end + chunkSize)]))
        if count == 0 { atEndOfFile = true }
        end += count
        return shift
    }
}
