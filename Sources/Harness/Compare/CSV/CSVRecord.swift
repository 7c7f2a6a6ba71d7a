/// Where one field of the current record lies: a range relative to the record's first
/// byte, or to the reader's scratch area when the field had to be unescaped.
struct CSVFieldSpan {
    var start: Int
    var end: Int
    /// Where the field's raw text starts in the record, for error columns.
    var rawStart: Int
    var flags: UInt8

    static let quoted: UInt8 = 1
    /// Holds `""`, an escape byte or lenient text after a closing quote; the range covers
    /// the raw field until it is unescaped.
    static let needsUnescape: UInt8 = 2
    /// The range is in the scratch area (already unescaped).
    static let inScratch: UInt8 = 4
}

/// One record of a CSV file, as a view into the reader's buffer.
///
/// Valid only until the next call to `CSVReader.next()` (or any other call that reads):
/// the reader reuses its buffers so that reading a file never allocates per record. Copy
/// out (`string(_:)`, `strings`, `Array(field(_:))`) whatever must outlive it.
public struct CSVRecord {
    /// Record number in the file, counting the header (when there is one) as 1: the line
    /// number when no field holds a line break.
    public let number: Int
    /// 1-based line on which the record starts.
    public let line: Int
    /// Byte offset of the record's first byte in the file.
    public let offset: Int
    /// Fields in the record; 0 for a blank line.
    public let fieldCount: Int
    /// The raw bytes of the whole record, quotes and all, without its line terminator
    /// (for the reader types; `bytes` for everyone else).
    let rawBytes: UnsafeBufferPointer<UInt8>
    /// The raw bytes of the whole record, quotes and all, without its line terminator.
    public var bytes: ByteRun { ByteRun(rawBytes) }
    let spans: UnsafePointer<CSVFieldSpan>
    let scratch: UnsafePointer<UInt8>

    /// The unescaped bytes of field `index` (quotes removed, `""` made `"`).
    /// `index` must be in `0..<fieldCount`.
    public func field(_ index: Int) -> ByteRun {
        precondition(index >= 0 && index < fieldCount, "field index \(index) outside 0..<\(fieldCount)")
        let span = spans[index]
        // `unsafe`: spans were produced by the reader for this record and lie within
        // `bytes` or the scratch area, both alive until the next read.
        let base = span.flags & CSVFieldSpan.inScratch != 0 ? scratch : rawBytes.baseAddress.unsafelyUnwrapped
        return ByteRun(start: base + span.start, count: span.end - span.start, padding: CSVReader.cellPadding)
    }

    /// Field `index` decoded as UTF-8 (invalid bytes become U+FFFD).
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// Whether field `index` was written in quotes (`"1"` is text to some readers).
    public func isQuoted(_ index: Int) -> Bool {
        precondition(index >= 0 && index < fieldCount, "field index \(index) outside 0..<\(fieldCount)")
        return spans[index].flags & CSVFieldSpan.quoted != 0
    }

    /// All fields as strings.
    public var strings: [String] {
        (0..<fieldCount).map(string)
    }

    /// Byte offset of field `index`'s raw text within the record (for error columns).
    func rawStart(_ index: Int) -> Int {
        spans[index].rawStart
    }
}
