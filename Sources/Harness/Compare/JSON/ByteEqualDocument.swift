// Design note. Two byte-equal files are equal documents when they are a document at all, so
// the common "nothing changed" case needs neither tapes nor a walk: both files are read in
// chunks and compared (what `cmp` does) while `JSONFastValidator` checks the expected file
// is well-formed, window after window. Nothing is held whole: fresh memory for a whole file
// cost more than reading it (the kernel zeroes every page first).
//
// A file of 4 chunks (1 MiB) or more is cut in two just after a comma near the middle, and
// each thread reads, compares and checks its half. The second thread does not know where
// that comma is: inside which containers, or inside a string at all. It reads on as if the comma separated two
// values and records what it had to assume (the kind of each container it closes). The first
// thread stops at the comma only if it reads it as such, and then its open containers must
// be exactly those the second thread closed, with nothing after the last of them (the
// outermost) but whitespace: no comma followed it. If any of that fails, the first thread has read
// on to the end by itself, and its verdict stands: the split costs time, never a wrong answer.
//
// Anything else (sizes that differ, a difference, a malformed document, what the fast
// validator leaves to the scanner) hands the pair to the usual comparison, which reports it
// exactly as it did before: nothing has been counted yet.

/// Checks that two JSON files are byte-equal and the expected one is a well-formed document.
final class ByteEqualDocument: @unchecked Sendable {
    // `@unchecked Sendable`: each thread writes only its own `Half`, read after both have
    // finished.
    static let chunkSize = 1 << 18

    private let expected: ReadOnlyFile
    private let actual: ReadOnlyFile
    private let size: Int
    private let chunkSize: Int
    /// The offset just after the comma where the second half starts; nil for one thread.
    private let split: Int?
    private let halves: [Half]

    /// What one thread found in its half.
    private final class Half {
        var same = false
        var outcome = JSONFastValidator.Outcome.rejected
        var failure: (any Error)?
        /// The cursor's stack (a byte per open container).
        let stack: UnsafeMutablePointer<UInt8>
        var cursor: JSONFastValidator.Cursor

        init() {
            stack = .allocate(capacity: JSONFastValidator.stackCapacity)
            cursor = JSONFastValidator.Cursor(stack: stack, lines: false)
        }

        deinit {
            stack.deallocate()
        }
    }

    /// Whether `expected` and `actual` hold the same bytes and these are one well-formed
    /// JSON document. False when that is not so or not known: different sizes, a folder, a
    /// file larger than `ReadLimit.bytes` or `JSONToken.maximumSpan`, or a file that changes
    /// while it is read.
    /// `chunkSize` and `cut` (where to look for the comma to cut at) are for tests.
    /// - Throws: `HarnessError.io` when a file cannot be opened or read.
    static func check(expected: String, actual: String, chunkSize: Int = chunkSize, cut: Int? = nil) throws -> Bool {
        guard let files = try ByteEqualFiles.open(expected: expected, actual: actual),
              files.size <= ReadLimit.bytes, files.size <= JSONToken.maximumSpan else { return false }
        let chunkSize = max(1, chunkSize)
        let split = try comma(in: files.expected, from: cut ?? files.size / 2, size: files.size, chunkSize: chunkSize)
        let check = ByteEqualDocument(expected: files.expected, actual: files.actual, size: files.size,
                                      chunkSize: chunkSize, split: split)
        return try check.run()
    }

    private init(expected: ReadOnlyFile, actual: ReadOnlyFile, size: Int, chunkSize: Int, split: Int?) {
        self.expected = expected
        self.actual = actual
        self.size = size
        self.chunkSize = chunkSize
        self.split = split
        halves = (0..<(split == nil ? 1 : 2)).map { _ in Half() }
    }

    /// The offset just after the first comma from `start` on (within a chunk), where a
    /// second thread starts; nil for a small file or none found.
    private static func comma(in file: ReadOnlyFile, from start: Int, size: Int, chunkSize: Int) throws -> Int? {
        guard size >= 4 * chunkSize, start > 0, start < size else { return nil }
        var window = [UInt8](repeating: 0, count: min(chunkSize, 1 << 16))
        let count = try file.read(at: start, into: &window)
        guard let comma = window[0..<count].firstIndex(of: ASCII.comma) else { return nil }
        return start + comma + 1
    }

    private func run() throws -> Bool {
        // The second half starts at the comma; the first compares the bytes before it.
        let first = { [self] in read(halves[0], from: 0, comparingTo: (split ?? size + 1) - 1) }
        if let split {
            SecondThread.run({ [self] in read(halves[1], from: split - 1, comparingTo: size) }, alongside: first)
        } else {
            first()
        }
        if let failure = halves.lazy.compactMap(\.failure).first { throw failure }
        guard halves.allSatisfy(\.same), try !ByteEqualFiles.hasMore(expected, than: size),
              try !ByteEqualFiles.hasMore(actual, than: size) else { return false }
        switch halves[0].outcome {
        case .complete:
            return true
        case .stopped:
            return halves.count == 2 && halves[1].outcome == .endedOpen && halves[1].cursor.closes(after: halves[0].cursor)
        default:
            return false
        }
    }

    /// Reads the expected file from `start` on, comparing it with the actual file up to
    /// `compareEnd` and checking it with `half.cursor` until that has an outcome (the first
    /// half: from the start of the file; the second: from the comma before the split). An
    /// error is kept in `half.failure`.
    private func read(_ half: Half, from start: Int, comparingTo compareEnd: Int) {
        do {
            try readChunks(half, from: start, comparingTo: compareEnd)
        } catch {
            half.failure = error
        }
    }

    /// `read`, throwing what a read throws.
    private func readChunks(_ half: Half, from start: Int, comparingTo compareEnd: Int) throws {
        let padding = JSONFastValidator.padding
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * chunkSize + padding, alignment: 64)
        let actualChunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer {
            buffer.deallocate()
            actualChunk.deallocate()
        }
        var validating = true
        var started = false
        // After the value at depth 0: only whitespace may follow.
        var trailing = false
        // `buffer` holds the bytes of the file from `bufferOffset` on: `kept` from the last
        // window (the token it ended in), then the chunk just read.
        var kept = 0
        var bufferOffset = start
        var offset = start
        while offset < size, validating || offset < compareEnd {
            let count = min(chunkSize, size - offset)
            if kept + count + padding > buffer.count {
                // A token longer than a chunk (files are capped by `ReadLimit`).
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * (kept + count) + padding, alignment: 64)
                grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<kept]))
                buffer.deallocate()
                buffer = grown
            }
            guard try expected.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[kept..<(kept + count)])) == count else { return }
            if offset < compareEnd {
                let compared = min(count, compareEnd - offset)
                // `baseAddress!`: both buffers hold at least one byte. Shorter than `stat`
                // said: the file changed; the usual comparison reads it as it is.
                guard try actual.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: actualChunk[0..<compared])) == compared,
                      RawMemory.equal(buffer.baseAddress! + kept, actualChunk.baseAddress!, count: compared) else { return }
            }
            offset += count
            guard validating else {
                kept = 0
                continue
            }
            // The cursor writes a NUL after the window (in the padding).
            let window = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let filled = kept + count
            let final = offset == size
            half.cursor.window(window, count: filled, final: final)
            if !started {
                if start == 0 {
                    // A byte-order mark is skipped, as the scanner does; its bytes may span windows.
                    if window[0] == 0xEF, filled < 3, !final {
                        kept = filled
                        continue
                    }
                    if filled >= 3, window[0] == 0xEF, window[1] == 0xBB, window[2] == 0xBF { half.cursor.index = 3 }
                } else {
                    half.cursor.index = 1
                    half.cursor.startAfterComma()
                }
                started = true
            }
            if !trailing {
                half.cursor.stop = start == 0 ? split.map { $0 - bufferOffset } ?? -1 : -1
                half.outcome = half.cursor.run()
                if half.outcome == .needsMore {
                    let from = half.cursor.checkpoint.index
                    // A checkpoint lies inside the window; were it not, the usual comparison decides.
                    guard from <= filled else { return }
                    kept = filled - from
                    // Safe: both ranges lie inside the buffer, which may overlap.
                    RawMemory.moveToFront(buffer.baseAddress!, from: from, count: kept)
                    bufferOffset += from
                    half.cursor.resume(at: 0)
                    continue
                }
                trailing = half.outcome == .complete
                validating = trailing
            }
            if trailing {
                half.cursor.skipWhitespace()
                if half.cursor.index < filled {
                    half.outcome = .rejected
                    validating = false
                } else if final {
                    validating = false
                }
                half.cursor.index = 0
            }
            bufferOffset += filled
            kept = 0
        }
        half.same = true
    }
}
