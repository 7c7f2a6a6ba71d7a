// Design: a streaming RFC 4180 reader over a large reused buffer.
//
// The file is read in chunks (1 MiB by default) into one buffer. A record is scanned from
// its first byte; when the buffer ends first, the unfinished record is moved to the
// front, the buffer is topped up (doubled when the record fills it) and the record is
// scanned again. So a record cut by a chunk boundary is rescanned once, a long record
// costs O(length) overall, and memory is bounded by the longest record, capped by
// `maxRecordBytes` (64 MiB) with an error naming the line instead of running out of memory.
//
// Fields are (offset, length) spans into the buffer; only fields with `""` or escapes
// are copied, into a scratch area. Nothing is decoded to String unless asked. Lines and
// columns are computed only when an error is reported. Unsafe pointer code lives in the
// CSV reading layer: this file and its extensions, the byte kernels beside them
// (CSVStopFinder, CSVRecordEndScanner, ByteHasher) and the records' views.

/// Reads CSV records one at a time with bounded memory.
public final class CSVReader {
    public let path: String
    public let dialect: CSVDialect
    /// Column names from the header record (empty without a header or for an empty file).
    public private(set) var header: [String] = []
    /// The line the header record started on (1, or later after comments).
    public private(set) var headerLine = 1
    /// Records longer than this are an error (memory stays bounded).
    public let maxRecordBytes: Int

    let source: CSVByteSource
    private let chunkSize: Int
    // `unsafe`: the buffer, spans and scratch are allocated in init, grown only by this
    // class, and freed in deinit; records handed out point into them until the next read.
    // `@exclusivity(unchecked)`: the state read and bumped per record skips the runtime's
    // access tracking (a reader is used by one thread at a time).
    @exclusivity(unchecked) private(set) var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var capacity: Int
    /// First unconsumed byte, and end of valid bytes, in `buffer`.
    @exclusivity(unchecked) private(set) var start = 0
    @exclusivity(unchecked) private(set) var end = 0
    /// File offset of `buffer[0]`.
    @exclusivity(unchecked) private(set) var bufferOffset = 0
    /// Whether the source has no more bytes.
    @exclusivity(unchecked) private(set) var atEnd = false
    /// Line of the byte at `start`.
    @exclusivity(unchecked) private(set) var line = 1
    /// Records returned so far, the header included.
    @exclusivity(unchecked) private(set) var recordCount = 0
    @exclusivity(unchecked) var spans: UnsafeMutablePointer<CSVFieldSpan>
    @exclusivity(unchecked) var spanCapacity = 64
    @exclusivity(unchecked) var scratch: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var scratchCapacity: Int
    /// Bytes that end a run of plain bytes, outside and inside quotes.
    let unquotedStops: CSVStopFinder
    let quotedStops: CSVStopFinder
    /// Plain fields ending at a delimiter, 64 bytes at a time (the scanner's fast path),
    /// and the stops inside quotes.
    let blocks: CSVBlockClassifier
    let quotedBlocks: CSVBlockClassifier
    private var startedReading = false
    /// Whether the first bytes were read and checked (a BOM stripped, binary refused): only
    /// then may records be taken from `unconsumed` without `next()`.
    var hasStartedReading: Bool { startedReading }
    /// Random access (CSVReader+RandomAccess): the file bytes held from `buffer[0]`, the
    /// end of the last record asked for, and the byte the sentinel displaced.
    var cacheOffset = 0
    var cacheCount = 0
    var lastRequestEnd = -1
    var displaced: (index: Int, byte: UInt8)?
    /// Bytes allocated after the capacity of the buffer and the scratch area: the sentinel,
    /// the stop finder's 16-byte and the block classifier's 64-byte reads, and the word
    /// reads of the table checker's number reader, up to 14 bytes past a field (`TableRecord`).
    static let padding = 80
    /// Readable bytes after every field the reader lends (its buffers end in `padding`):
    /// the `TableRecord` promise that `ByteRun.paddedWord(at:)` relies on.
    static let cellPadding = 16

    /// Opens `path` for reading.
    /// - Throws: `HarnessError.io` when it cannot be opened; `HarnessError.malformed` when
    ///   the header record is malformed or the file looks binary.
    public convenience init(path: String, dialect: CSVDialect = CSVDialect(),
                            maxRecordBytes: Int = 64 << 20) throws {
        try self.init(source: CSVFileSource(path: path), path: path, dialect: dialect,
                      chunkSize: ReadOnlyFile.streamingReadSize, maxRecordBytes: maxRecordBytes)
    }

    /// A reader over `path` from byte `offset`, a record start, to byte `end`, numbering
    /// lines and records on from `line` and `recordCount` (a comparison split between
    /// threads resumes there). No header is read.
    convenience init(path: String, dialect: CSVDialect, from offset: Int, to end: Int?, line: Int,
                     recordCount: Int, chunkSize: Int = ReadOnlyFile.streamingReadSize) throws {
        var dialect = dialect
        dialect.header = false
        try self.init(source: CSVFileSource(path: path, from: offset, to: end), path: path, dialect: dialect,
                      chunkSize: chunkSize, startOffset: offset, line: line, recordCount: recordCount)
    }

    /// A reader over any source; tests pass a small `chunkSize` and a source that cuts the
    /// input into pieces, so records cross buffer boundaries at every offset.
    init(source: CSVByteSource, path: String, dialect: CSVDialect, chunkSize: Int,
         maxRecordBytes: Int = 64 << 20, startOffset: Int = 0, line: Int = 1, recordCount: Int = 0) throws {
        self.source = source
        bufferOffset = startOffset
        self.line = line
        self.recordCount = recordCount
        self.path = path
        self.dialect = dialect
        self.chunkSize = max(1, chunkSize)
        self.maxRecordBytes = max(1, maxRecordBytes)
        capacity = self.chunkSize
        // Room after the capacity for a NUL sentinel after the valid bytes, which stops the
        // scanner's inner loops without a bounds test, and for its 16-byte reads.
        buffer = .allocate(capacity: capacity + Self.padding)
        buffer[0] = ASCII.nul
        spans = .allocate(capacity: spanCapacity)
        scratchCapacity = capacity
        scratch = .allocate(capacity: scratchCapacity + Self.padding)
        var unquoted = [dialect.delimiter, ASCII.newline, ASCII.carriageReturn]
        var quoted = [ASCII.newline, ASCII.carriageReturn]
        for byte in [dialect.quoteChar, dialect.escapeChar].compactMap({ $0 }) {
            unquoted.append(byte)
            quoted.append(byte)
        }
        unquotedStops = CSVStopFinder(unquoted)
        quotedStops = CSVStopFinder(quoted)
        blocks = CSVBlockClassifier(stops: unquoted)
        quotedBlocks = CSVBlockClassifier(stops: quoted)
        try startReading()
        if dialect.header, let record = try next() {
            header = record.strings
            headerLine = record.line
        }
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
        scratch.deallocate()
    }

    /// The next record, or nil at the end of the file. The record is valid until the next
    /// call.
    /// - Throws: `HarnessError.malformed` with file, line and column for an unterminated
    ///   quote, a stray quote (strict dialects), a NUL byte or a record over the limit.
    public func next() throws -> CSVRecord? {
        while true {
            if start == end {
                if atEnd { return nil }
                try refill()
                continue
            }
            switch try scanRecord(from: start) {
            case .needMore:
                if end - start > maxRecordBytes + 1 { throw tooLong() }
                if atEnd {
                    // scanRecord treats the end of input as the end of a record, so this
                    // cannot happen; guard against a loop all the same.
                    throw malformed(at: end, "unexpected end of input")
                }
                try refill()
            case .comment(let next, let lines):
                consume(to: next, lines: lines)
            case .record(let recordEnd, let next, let fields, let lines, let unescape):
                if recordEnd - start > maxRecordBytes { throw tooLong() }
                if unescape { try unescapeFields(count: fields) }
                recordCount += 1
                let record = CSVRecord(number: recordCount, line: line, offset: bufferOffset + start,
                                       fieldCount: fields,
                                       rawBytes: UnsafeBufferPointer(start: buffer + start, count: recordEnd - start),
                                       spans: UnsafePointer(spans), scratch: UnsafePointer(scratch))
                consume(to: next, lines: lines)
                return record
            }
        }
    }

    /// File offset of the next unread byte.
    public var offset: Int { bufferOffset + start }

    // MARK: - Buffer

    /// Reads the first bytes: strips a UTF-8 BOM and refuses binary files early.
    private func startReading() throws {
        guard !startedReading else { return }
        startedReading = true
        while end < 3 && !atEnd { try refill() }
        if bufferOffset == 0 && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            start = 3
        }
        if let nul = UnsafeBufferPointer(start: buffer + start, count: end - start).firstIndex(of: ASCII.nul) {
            throw looksBinary(at: start + nul)
        }
    }

    /// Moves the unconsumed bytes to the front, grows the buffer when they fill it, and
    /// reads once more.
    /// - Throws: `malformed` when the unfinished record is over `maxRecordBytes`.
    func refill() throws {
        if start > 0 {
            let pending = end - start
            if pending > 0 { buffer.update(from: buffer + start, count: pending) }
            bufferOffset += start
            start = 0
            end = pending
        }
        if end == capacity {
            // Room for the longest record allowed plus its CRLF; a record that fills that
            // is over the limit.
            guard capacity < maxRecordBytes + 2 else { throw tooLong() }
            let grown = min(capacity * 2, maxRecordBytes + 2)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown + Self.padding)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity = grown
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if count == 0 { atEnd = true }
        end += count
        buffer[end] = ASCII.nul
    }

    /// Marks bytes up to `next` as read; `lines` line breaks were crossed.
    func consume(to next: Int, lines: Int) {
        start = next
        line += lines
    }

    /// The bytes read but not consumed yet (the comparator's bulk path reads them in place).
    var unconsumed: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + start, count: end - start)
    }

    /// Skips `count` unconsumed bytes that hold `records` whole records and `lines` line
    /// breaks (the comparator counted them).
    func skip(bytes count: Int, records: Int, lines: Int) {
        start += count
        recordCount += records
        line += lines
    }

    func reserveBuffer(_ count: Int) {
        guard count > capacity else { return }
        buffer.deallocate()
        capacity = count
        buffer = .allocate(capacity: capacity + Self.padding)
    }

    /// Parses the one record held in `buffer[position..<position + length]`; `buffer[0]`
    /// is at file offset `bufferOffset`. The byte after the record (part of a cached read)
    /// gives way to the NUL sentinel until `restoreDisplacedByte()`.
    func parseBuffered(at position: Int, length: Int, bufferOffset: Int, number: Int, line: Int) throws -> CSVRecord {
        start = position
        end = position + length
        displaced = (end, buffer[end])
        buffer[end] = ASCII.nul
        self.bufferOffset = bufferOffset
        atEnd = true
        self.line = line
        recordCount = number - 1
        let offset = bufferOffset + position
        if length == 0 {
            // A blank line: no fields.
            recordCount = number
            return CSVRecord(number: number, line: line, offset: offset, fieldCount: 0,
                             rawBytes: UnsafeBufferPointer(start: buffer + position, count: 0),
                             spans: UnsafePointer(spans), scratch: UnsafePointer(scratch))
        }
        guard let record = try next() else {
            throw HarnessError.io(path: path, reason: "changed while being compared (no record at byte offset \(offset))")
        }
        return record
    }

    /// Makes sure the scratch area holds `count` bytes.
    func reserveScratch(_ count: Int) {
        guard count > scratchCapacity else { return }
        scratch.deallocate()
        scratchCapacity = max(count, scratchCapacity * 2)
        scratch = .allocate(capacity: scratchCapacity + Self.padding)
    }

    /// Makes sure the span table holds `count` fields.
    func reserveSpans(_ count: Int) {
        guard count > spanCapacity else { return }
        let bigger = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: count * 2)
        bigger.update(from: spans, count: spanCapacity)
        spans.deallocate()
        spans = bigger
        spanCapacity = count * 2
    }
}
