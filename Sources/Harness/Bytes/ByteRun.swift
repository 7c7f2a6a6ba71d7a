// Design: the checked view through which everything but the readers sees bytes.
//
// Readers (CSV, JSON, JSON Lines, the file windows) own their buffers and lend runs of
// bytes out of them: a cell, a line, a number's text. Handing out a raw buffer pointer
// would put pointer code in every comparator and checker; a `ByteRun` keeps it here. Every
// access is checked against the run's bounds, in release builds too (an index outside
// stops the program rather than reading a neighbour's bytes). A loop bounded by the run's
// own `count` loses its checks to the optimiser; the others cost validate about 2% more
// instructions than raw pointers did (the README's issue 13 row has the measurements).
//
// A run is valid while the reader that lent it has not moved on, the same rule as
// `withUnsafeBytes`: it is used within the call it was given to and never stored past it.
// `Swift.Span` says the same with the compiler checking the lifetime, but a `Span` cannot
// be kept in the comparators' and checkers' structs without experimental language features.

/// Read-only bytes lent by a reader, with bounds-checked access.
// `@unchecked Sendable`: a run only reads, and the bytes it views are not written while it
// is lent (a reader refills only when asked for its next record), whichever thread holds it.
public struct ByteRun: RandomAccessCollection, @unchecked Sendable {
    // `unsafe`: the start of `count` readable bytes, owned by the reader that lent them.
    // Never nil (an empty buffer's run starts at `nowhere`), so that slicing and loads
    // need no test for it.
    private let start: UnsafePointer<UInt8>
    public let count: Int
    /// Bytes readable from `start`: `count`, plus the padding the lending reader keeps
    /// after it (`paddedWord(at:)` may read there; the values never matter).
    private let readable: Int

    /// Where empty runs start: a valid address, never read or written (hence
    /// `nonisolated(unsafe)`: there is no state to share).
    nonisolated(unsafe) private static let nowhere = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))

    /// A run over `buffer`, for the reader types that own the bytes.
    @inline(__always)
    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        start = buffer.baseAddress ?? Self.nowhere
        count = buffer.count
        readable = count
    }

    /// A run over `buffer`'s bytes, for the reader types that own them.
    @inline(__always)
    init(_ buffer: UnsafeRawBufferPointer) {
        start = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? Self.nowhere
        count = buffer.count
        readable = count
    }

    /// A run of `count` bytes at `start`, followed by `padding` more readable bytes, for
    /// the reader types that own them.
    @inline(__always)
    init(start: UnsafePointer<UInt8>, count: Int, padding: Int = 0) {
        self.start = start
        self.count = count
        readable = count + padding
    }

    @inline(__always)
    private init(start: UnsafePointer<UInt8>, count: Int, readable: Int) {
        self.start = start
        self.count = count
        self.readable = readable
    }

    /// No bytes.
    static let empty = ByteRun(start: nowhere, count: 0, readable: 0)

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public var isEmpty: Bool { count == 0 }

    @inline(__always)
    public func index(after i: Int) -> Int { i + 1 }
    @inline(__always)
    public func index(before i: Int) -> Int { i - 1 }

    /// The byte at `position`; stops the program when `position` is outside `0..<count`.
    @inline(__always)
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "byte index out of range")
        return start[position]
    }

    /// Bytes `range` as a run of their own (indexed from 0); stops the program when
    /// `range` is not inside the run.
    @inline(__always)
    func run(_ range: Range<Int>) -> ByteRun {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "byte range out of bounds")
        // What followed the range in this run is still readable after it.
        return ByteRun(start: start + range.lowerBound, count: range.count, readable: readable - range.lowerBound)
    }

    /// The run from `position` to its end.
    @inline(__always)
    func run(from position: Int) -> ByteRun { run(position..<count) }

    /// Bytes `position..<position + 8` as one little-endian word (byte `position` lowest);
    /// stops the program when fewer than eight bytes follow `position`.
    @inline(__always)
    func word(at position: Int) -> UInt64 {
        // Written as the loops that call this bound themselves (`i + 8 <= count`), so the
        // optimiser can see it is already true; the middle test keeps `&+` from wrapping.
        precondition(position >= 0 && position <= Int.max - 8 && position &+ 8 <= count, "word read past the bytes")
        return UnsafeRawPointer(start + position).loadUnaligned(as: UInt64.self).littleEndian
    }

    /// Reads the bytes in order.
    public struct Iterator: IteratorProtocol {
        fileprivate let run: ByteRun
        fileprivate var position: Int

        @inline(__always)
        public mutating func next() -> UInt8? {
            guard position < run.count else { return nil }
            defer { position += 1 }
            return run.start[position]
        }
    }

    @inline(__always)
    public func makeIterator() -> Iterator { Iterator(run: self, position: 0) }

    /// Copies the bytes at once into `destination` (what `Array.append(contentsOf:)` and
    /// `Array(_:)` call), rather than byte by byte through the iterator.
    @inline(__always)
    public func _copyContents(initializing destination: UnsafeMutableBufferPointer<UInt8>) -> (Iterator, Int) {
        let copied = Swift.min(count, destination.count)
        if copied > 0, let target = destination.baseAddress { target.initialize(from: start, count: copied) }
        return (Iterator(run: self, position: copied), copied)
    }

    /// The bytes in one block, so that `Array(run)`, `append(contentsOf:)` and
    /// `String(decoding:as:)` copy them at once rather than byte by byte.
    @inline(__always)
    public func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// Calls `body` with the bytes' address, for the byte routines of `Bytes/` and the
    /// readers (hashing, the C library's `memcmp` and `memchr`), which read only inside it.
    @inline(__always)
    func withUnsafeBuffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// Bytes `position..<position + 4` as one little-endian word; stops the program when
    /// fewer than four bytes follow `position`.
    @inline(__always)
    func word32(at position: Int) -> UInt32 {
        precondition(position >= 0 && position <= Int.max - 4 && position &+ 4 <= count, "word read past the bytes")
        return UnsafeRawPointer(start + position).loadUnaligned(as: UInt32.self).littleEndian
    }

    /// Copies the bytes over `array`'s, which must be as many.
    @inline(__always)
    func copy(over array: inout [UInt8]) {
        precondition(array.count == count, "copy over an array of another length")
        guard count > 0 else { return }
        array.withUnsafeMutableBufferPointer { $0.baseAddress.unsafelyUnwrapped.update(from: start, count: count) }
    }

    /// Bytes `position..<position + 8` as one little-endian word, for the SWAR number
    /// readers: past `count` the word holds the reader's padding when the run has it
    /// (values that never matter) and zeros when it has not. One load in the usual case,
    /// with no test of the run's length against the cell's; never a read outside.
    @inline(__always)
    func paddedWord(at position: Int) -> UInt64 {
        // `readable` is never negative, so `readable &- 8` cannot wrap.
        if position >= 0 && position <= readable &- 8 {
            return UnsafeRawPointer(start + position).loadUnaligned(as: UInt64.self).littleEndian
        }
        return wordOfBytes(at: position)
    }

    /// `paddedWord(at:)` where fewer than eight bytes are readable: the bytes up to `count`,
    /// zeros after them.
    @inline(never)
    private func wordOfBytes(at position: Int) -> UInt64 {
        precondition(position >= 0, "word read before the bytes")
        var word: UInt64 = 0
        var index = position
        while index < count && index - position < 8 {
            word |= UInt64(start[index]) << UInt64(8 * (index - position))
            index += 1
        }
        return word
    }

    /// Whether both hold the same bytes (past 16 bytes by `memcmp`, which the C library
    /// vectorises).
    @inline(__always)
    func same(as other: ByteRun) -> Bool {
        guard count == other.count else { return false }
        guard count > 16 else {
            // Cells are mostly this short: a word or two in line costs less than a call.
            var i = 0
            while i + 8 <= count {
                if word(at: i) != other.word(at: i) { return false }
                i += 8
            }
            while i < count {
                if self[i] != other[i] { return false }
                i += 1
            }
            return true
        }
        return RawMemory.equal(start, other.start, count: count)
    }

    /// Whether the bytes equal `other`'s.
    func same(as other: [UInt8]) -> Bool {
        other.withUnsafeBufferPointer { same(as: ByteRun($0)) }
    }

    /// Where the first `byte` at or after `position` is, or nil (`memchr`).
    @inline(__always)
    func firstIndex(of byte: UInt8, from position: Int = 0) -> Int? {
        precondition(position >= 0 && position <= count, "byte index out of range")
        return RawMemory.firstIndex(of: byte, in: start, from: position, to: count)
    }

    /// Calls `body` with `bytes` as a run (for text that is not in a reader's buffer:
    /// tests, configuration values, copies).
    static func with<Result>(_ bytes: [UInt8], _ body: (ByteRun) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { try body(ByteRun($0)) }
    }

    /// Calls `body` with `text`'s UTF-8 bytes as a run.
    static func with<Result>(_ text: String, _ body: (ByteRun) throws -> Result) rethrows -> Result {
        var text = text
        return try text.withUTF8 { try body(ByteRun($0)) }
    }
}
