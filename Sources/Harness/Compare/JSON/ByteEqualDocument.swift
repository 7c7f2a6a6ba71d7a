import Dispatch

// Design note. Two byte-equal files are equal documents when they are a document at all, so
// the common "nothing changed" case needs neither tapes nor a walk: the expected file is read
// whole, then one thread checks that it is well-formed (`JSONTape.validate`: the scanner,
// writing no tokens) while another reads the actual file in chunks and compares them with it
// (what `cmp` does). Anything else (sizes that differ, a difference, a syntax error, a file
// too large to hold) hands the pair to the usual comparison, which reports it exactly as it
// did before: nothing has been counted yet. Same-size files that differ pay for one check of
// the expected file at most, on the other core.

/// The expected document held whole, checked against the actual file and for well-formedness.
final class ByteEqualDocument: @unchecked Sendable {
    // `@unchecked Sendable`: after `init` the bytes are only read, by both threads; each
    // thread writes only its own outcome, read after both have finished.
    static let chunkSize = 1 << 20

    private let expected: ReadOnlyFile
    private let actual: ReadOnlyFile
    private let size: Int
    private let bytes: UnsafeMutableRawBufferPointer
    private var wellFormed = false
    private var same = false
    private var failure: (any Error)?

    /// Whether `expected` and `actual` hold the same bytes and these are one well-formed
    /// JSON document. False when that is not so or not known: different sizes, a folder, a
    /// file larger than `ReadLimit.bytes`, or a file that changes while it is read.
    /// - Throws: `HarnessError.io` when a file cannot be opened or read.
    static func check(expected: String, actual: String) throws -> Bool {
        guard let files = try ByteEqualFiles.open(expected: expected, actual: actual),
              files.size <= ReadLimit.bytes else { return false }
        return try ByteEqualDocument(expected: files.expected, actual: files.actual, size: files.size).run()
    }

    private init(expected: ReadOnlyFile, actual: ReadOnlyFile, size: Int) {
        self.expected = expected
        self.actual = actual
        self.size = size
        // One byte more, to see that the file has not grown since `stat`, and the fast
        // validator's padding.
        bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: size + 1 + JSONFastValidator.padding, alignment: 2 << 20)
        // Page faults were most of the time to read a large file into fresh memory.
        SystemCall.adviseHugePages(bytes)
    }

    deinit {
        bytes.deallocate()
    }

    private func run() throws -> Bool {
        guard try expected.read(at: 0, into: UnsafeMutableRawBufferPointer(rebasing: bytes[0...size])) == size else { return false }
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            if job == 0 {
                validate()
            } else {
                compare()
            }
        }
        if let failure { throw failure }
        return same && wellFormed
    }

    /// The first `size` bytes, the whole expected file.
    private var document: UnsafeBufferPointer<UInt8> {
        // `baseAddress!`: an allocation of at least one byte always has one.
        UnsafeBufferPointer(start: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: size)
    }

    private func validate() {
        // The fast validator decides nearly every document, the scanner the rest. The error
        // itself is not kept: the usual comparison reports it, in its own words.
        wellFormed = JSONFastValidator.acceptsDocument(document, padding: JSONFastValidator.padding + 1)
            || (try? JSONTape.validate(document, path: expected.path)) != nil
    }

    private func compare() {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: ByteEqualDocument.chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        do {
            var offset = 0
            while offset < size {
                let count = try actual.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<min(chunk.count, size - offset)]))
                // Shorter than `stat` said: the file changed; the usual comparison reads it as it is.
                guard count > 0, RawMemory.equal(bytes.baseAddress! + offset, chunk.baseAddress!, count: count) else { return }
                offset += count
            }
            same = try !ByteEqualFiles.hasMore(actual, than: size)
        } catch {
            failure = error
        }
    }
}
