import Foundation

// Design: two byte-identical CSV files are equal row for row when every record has the
// header's field count, so that case needs no parsing and no pairing. This thread reads
// both files in chunks and compares them (what `cmp` does) while a second thread reads
// expected and counts its records with `CSVRecordEndScanner`, which stops before a record
// of another field count. Anything else (a difference, such a record, a lone CR, a last
// record without a line end, a file that grows) hands the pair to the positional
// comparison from where it was: nothing has been counted yet, so it reports as before.
// Like the bulk path, this needs RFC 4180 quoting (`quoteParityFindsRecordEnds`).

/// Counts the records of two byte-identical CSV files on two threads.
final class CSVByteEqualFiles: @unchecked Sendable {
    // `@unchecked Sendable`: `stop` is guarded by `lock`; each thread writes only its own
    // outcome, read after both have finished.
    static let chunkSize = ReadOnlyFile.streamingReadSize
    /// Files smaller than this are left to the bulk path: a thread costs more than it saves.
    static let minimumBytes = 4 << 20

    private let expected: ReadOnlyFile
    private let actual: ReadOnlyFile
    private let size: Int
    private let lock = Lock()
    private var stop = false
    private var compared = false
    private var records: Int?

    private init(expected: ReadOnlyFile, actual: ReadOnlyFile, size: Int) {
        self.expected = expected
        self.actual = actual
        self.size = size
    }

    /// The records after the header when both files hold the same bytes and every record
    /// has `fields` fields and ends with a line end; nil when that is not so or not known.
    /// - Parameters:
    ///   - dataStart: where the first record after the header starts.
    ///   - maxRecordBytes: the reader's limit; a record that may come near it is the parser's
    ///     to read (and refuse).
    /// - Throws: `HarnessError.io` when a file cannot be opened or read.
    static func records(expected: String, actual: String, dataStart: Int, fields: Int, delimiter: UInt8,
                        maxRecordBytes: Int = 64 << 20, chunkSize: Int = chunkSize,
                        minimumBytes: Int = minimumBytes) throws -> Int? {
        guard ProcessInfo.processInfo.activeProcessorCount >= 2,
              let files = try ByteEqualFiles.open(expected: expected, actual: actual),
              files.size >= minimumBytes, dataStart <= files.size else { return nil }
        let check = CSVByteEqualFiles(expected: files.expected, actual: files.actual, size: files.size)
        let chunkSize = max(64, chunkSize)
        var failure: (any Error)?
        SecondThread.run({
            let counted = try? check.countRecords(from: dataStart, fields: fields, delimiter: delimiter,
                                                  maxRecordBytes: maxRecordBytes, chunkSize: chunkSize)
            check.lock.withLock { check.records = counted }
            if counted == nil { check.halt() }
        }, alongside: {
            do {
                let same = try check.compareBytes(chunkSize: chunkSize)
                check.lock.withLock { check.compared = same }
                if !same { check.halt() }
            } catch {
                failure = error
                check.halt()
            }
        })
        if let failure { throw failure }
        guard check.compared, let records = check.records,
              try !ByteEqualFiles.hasMore(files.expected, than: files.size),
              try !ByteEqualFiles.hasMore(files.actual, than: files.size) else { return nil }
        return records
    }

    private func halt() { lock.withLock { stop = true } }

    private var halted: Bool { lock.withLock { stop } }

    /// Whether both files hold the same `size` bytes.
    private func compareBytes(chunkSize: Int) throws -> Bool {
        let first = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        let second = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer {
            first.deallocate()
            second.deallocate()
        }
        var offset = 0
        while offset < size {
            if halted { return false }
            let count = min(chunkSize, size - offset)
            let expectedRead = try expected.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: first[0..<count]))
            let actualRead = try actual.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: second[0..<count]))
            // `baseAddress!`: both buffers hold at least 64 bytes.
            guard expectedRead == count, actualRead == count,
                  RawMemory.equal(first.baseAddress!, second.baseAddress!, count: count) else { return false }
            offset += count
        }
        return true
    }

    /// The records of expected from `start`, when each has `fields` fields and ends with a
    /// line end; nil otherwise (or when the comparing thread found a difference).
    private func countRecords(from start: Int, fields: Int, delimiter: UInt8, maxRecordBytes: Int, chunkSize: Int) throws -> Int? {
        // `buffer` holds an unfinished record (`pending` bytes) then the next chunk.
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var pending = 0
        var records = 0
        var offset = start
        while offset < size {
            if halted { return nil }
            if pending == buffer.count {
                // A record longer than the buffer: room for it and as much again (at least a
                // chunk more), short of the reader's limit (the parser tells records over it
                // apart exactly). Doubling keeps the rescans of a long record linear.
                guard pending + chunkSize < maxRecordBytes else { return nil }
                let capacity = min(max(2 * pending, pending + chunkSize), maxRecordBytes)
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
                grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<pending]))
                buffer.deallocate()
                buffer = grown
            }
            let count = min(buffer.count - pending, size - offset)
            guard try expected.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[pending..<(pending + count)])) == count
            else { return nil }
            offset += count
            // `baseAddress!`: the buffer holds at least 64 bytes.
            let bytes = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: pending + count)
            let scan = CSVRecordEndScanner.scan(bytes, fields: fields, delimiter: delimiter)
            if scan.stopped { return nil }
            records += scan.records
            pending = bytes.count - scan.end
            if pending > 0 && scan.end > 0 {
                // Safe: both ranges lie inside the buffer, which may overlap.
                RawMemory.moveToFront(buffer.baseAddress!, from: scan.end, count: pending)
            }
        }
        // A last record without a line end (or one the scan left) is the parser's to read.
        return pending == 0 ? records : nil
    }
}
