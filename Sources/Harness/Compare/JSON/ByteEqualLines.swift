// Design note. Two byte-equal JSON Lines files are equal record for record when every line
// is a record, so the "nothing changed" case needs no line-by-line pairing: the files are
// cut in two at a line end near the middle, and each half is read by its own thread in
// chunks of both files, compared (what `cmp` does) and its lines checked to be well-formed
// (`JSONFastValidator`, the whole lines of a chunk at once; what it does not accept, line by
// line with `JSONTape.validate`, writing no tape). Anything else (different sizes, a difference, a
// malformed line, a line longer than `ReadLimit.bytes`) hands the pair to the usual
// comparison, which reports it exactly as it did before: nothing has been counted yet.

/// Checks that two JSON Lines files are byte-equal and every line of them well-formed (or,
/// for keyed matching, only the latter, of one file).
final class ByteEqualLines: @unchecked Sendable {
    // `@unchecked Sendable`: each thread writes only its own `Stretch`, read after both
    // have finished.
    static let chunkSize = ReadOnlyFile.streamingReadSize

    private let expected: ReadOnlyFile
    /// Nil when only `expected`'s lines are checked.
    private let actual: ReadOnlyFile?
    /// What each thread found: an object each, so that no two threads write one array.
    private let stretches: [Stretch]

    private final class Stretch {
        var records: Int?
        var failure: (any Error)?
    }

    /// The number of records (lines that are not blank) when `expected` and `actual` hold
    /// the same bytes and each of their records is well-formed; nil when that is not so or
    /// not known (different sizes, a folder, an empty file, a file that changes meanwhile).
    /// - Throws: `HarnessError.io` when a file cannot be opened or read.
    static func check(expected: String, actual: String, chunkSize: Int = chunkSize) throws -> Int? {
        guard let files = try ByteEqualFiles.open(expected: expected, actual: actual) else { return nil }
        let chunkSize = max(1, chunkSize)
        let cuts = [0] + (try middleCut(files.expected, size: files.size, chunkSize: chunkSize).map { [$0] } ?? []) + [files.size]
        let check = ByteEqualLines(expected: files.expected, actual: files.actual, stretches: cuts.count - 1)
        let stretch = { @Sendable (index: Int) in
            let stretch = check.stretches[index]
            do {
                stretch.records = try check.records(from: cuts[index], to: cuts[index + 1], chunkSize: chunkSize)
            } catch {
                stretch.failure = error
            }
        }
        if cuts.count == 3 {
            SecondThread.run({ stretch(1) }, alongside: { stretch(0) })
        } else {
            stretch(0)
        }
        if let failure = check.stretches.lazy.compactMap(\.failure).first { throw failure }
        guard try !ByteEqualFiles.hasMore(files.expected, than: files.size),
              try !ByteEqualFiles.hasMore(files.actual, than: files.size) else { return nil }
        var total = 0
        for count in check.stretches.map(\.records) {
            guard let count else { return nil }
            total += count
        }
        return total
    }

    /// The number of records in `path` when every one of them is well-formed; nil when
    /// that is not so or not known (a line longer than `ReadLimit.bytes`, a file that
    /// changes meanwhile). One thread: the caller's.
    /// - Throws: `HarnessError.io` when the file cannot be opened or read.
    static func wellFormedRecords(in path: String, chunkSize: Int = chunkSize) throws -> Int? {
        let file = try ReadOnlyFile(path: path)
        guard !file.status.isFolder else { return nil }
        let size = file.status.size
        let check = ByteEqualLines(expected: file, actual: nil, stretches: 1)
        guard let records = try check.records(from: 0, to: size, chunkSize: max(1, chunkSize)),
              try !ByteEqualFiles.hasMore(file, than: size) else { return nil }
        return records
    }

    private init(expected: ReadOnlyFile, actual: ReadOnlyFile?, stretches: Int) {
        self.expected = expected
        self.actual = actual
        self.stretches = (0..<stretches).map { _ in Stretch() }
    }

    /// The offset just after the first line end from the middle of the file on (within a
    /// chunk), where a second thread starts; nil for a small file or none found.
    private static func middleCut(_ file: ReadOnlyFile, size: Int, chunkSize: Int) throws -> Int? {
        guard size >= 2 * chunkSize else { return nil }
        var window = [UInt8](repeating: 0, count: chunkSize)
        let middle = size / 2
        let count = try file.read(at: middle, into: &window)
        guard let newline = window[0..<count].firstIndex(of: ASCII.newline) else { return nil }
        return middle + newline + 1
    }

    /// The records in bytes `start..<end` (which start a line) when both files hold the
    /// same bytes there (or there is no `actual`) and every line is well-formed; nil otherwise.
    private func records(from start: Int, to end: Int, chunkSize: Int) throws -> Int? {
        // `expectedBuffer` holds an unfinished line (`pending` bytes) then the next chunk,
        // and `JSONFastValidator.padding` bytes more; it grows only for a line longer than
        // a chunk.
        let padding = JSONFastValidator.padding
        var expectedBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize + padding, alignment: 16)
        let actualChunk = UnsafeMutableRawBufferPointer.allocate(byteCount: actual == nil ? 1 : chunkSize, alignment: 16)
        defer {
            expectedBuffer.deallocate()
            actualChunk.deallocate()
        }
        var pending = 0
        var records = 0
        var offset = start
        while offset < end {
            let count = min(chunkSize, end - offset)
            if pending + count + padding > expectedBuffer.count {
                guard pending <= ReadLimit.bytes else { return nil }
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(expectedBuffer.count * 2, pending + count + padding), alignment: 16)
                grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: expectedBuffer[0..<pending]))
                expectedBuffer.deallocate()
                expectedBuffer = grown
            }
            let expectedRead = try expected.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: expectedBuffer[pending..<(pending + count)]))
            guard expectedRead == count else { return nil }
            if let actual {
                let actualRead = try actual.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: actualChunk[0..<count]))
                // `baseAddress!`: both buffers hold at least one byte.
                guard actualRead == count,
                      RawMemory.equal(expectedBuffer.baseAddress! + pending, actualChunk.baseAddress!, count: count) else { return nil }
            }
            offset += count
            let bytes = UnsafeMutableBufferPointer(start: expectedBuffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: pending + count)
            // The lines that end in this chunk; the bytes before `pending` hold no line end.
            var complete = bytes.count
            while complete > pending, bytes[complete - 1] != ASCII.newline { complete -= 1 }
            if complete > pending {
                guard let found = lineRecords(UnsafeMutableBufferPointer(rebasing: bytes[0..<complete])) else { return nil }
                records += found
            } else {
                complete = 0
            }
            pending = bytes.count - complete
            if pending > 0, complete > 0 {
                // Safe: both ranges lie inside the buffer, which may overlap.
                RawMemory.moveToFront(expectedBuffer.baseAddress!, from: complete, count: pending)
            }
        }
        // The last line of the file may have no line end.
        if pending > 0 {
            let bytes = UnsafeMutableBufferPointer(start: expectedBuffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: pending)
            guard let found = lineRecords(bytes) else { return nil }
            records += found
        }
        return records
    }

    /// The records of `lines` (whole lines, the last one ending at a line end or the end of
    /// the file; `JSONFastValidator.padding` bytes after them readable, the first written
    /// and restored) when each is blank or well-formed; nil otherwise. The fast validator
    /// decides nearly every text, the scanner the rest, so the verdict is the scanner's.
    private func lineRecords(_ lines: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        if let records = JSONFastValidator.records(inLines: lines, padding: JSONFastValidator.padding, maximumLine: ReadLimit.bytes) {
            return records
        }
        var records = 0
        var lineStart = 0
        while lineStart < lines.count {
            // `baseAddress!`: `lines` is not empty here.
            let lineEnd = RawMemory.firstIndex(of: ASCII.newline, in: lines.baseAddress!, from: lineStart, to: lines.count) ?? lines.count
            guard isRecord(ByteRun(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(lines)[lineStart..<lineEnd])), counting: &records) else { return nil }
            lineStart = lineEnd + 1
        }
        return records
    }

    /// Whether `line` is blank or one well-formed JSON value (then counted); too long a line
    /// is not decided here.
    private func isRecord(_ line: ByteRun, counting records: inout Int) -> Bool {
        if JSONLineReader.isBlank(line) { return true }
        guard line.count <= ReadLimit.bytes else { return false }
        records += 1
        // The error is not kept: the usual comparison reports it, with its line number.
        return (try? JSONTape.validate(line, path: expected.path)) != nil
    }
}
