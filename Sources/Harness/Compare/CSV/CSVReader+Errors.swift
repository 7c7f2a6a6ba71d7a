// Errors of the reader: line and column are computed here, from the record's first byte,
// only when an error is thrown; the hot paths track byte offsets only.

extension CSVReader {
    /// Where buffer index `index` is, counting from the record that starts at `start`.
    func location(at index: Int) -> SourceLocation {
        let bytes = UnsafeBufferPointer(start: buffer + start, count: max(0, min(index, end) - start))
        return SourceLocation.of(offset: index - start, in: bytes, path: path, firstLine: line)
    }

    func malformed(at index: Int, _ message: String, hint: String? = nil) -> HarnessError {
        .malformed(location(at: index), message: message, hint: hint)
    }

    func unterminatedQuote(at index: Int) -> HarnessError {
        malformed(at: index, "unterminated quoted field: the quote opened here is never closed",
                  hint: "close the quote; inside a quoted field write a quote as two quotes (\"\")")
    }

    func looksBinary(at index: Int) -> HarnessError {
        malformed(at: index, "looks binary: NUL byte at byte offset \(bufferOffset + index), expected CSV text",
                  hint: "check that this is the CSV file you meant to compare")
    }

    func tooLong() -> HarnessError {
        let limit = maxRecordBytes >= 1 << 20 ? "\(maxRecordBytes >> 20) MiB" : "\(maxRecordBytes) bytes"
        return malformed(at: start + maxRecordBytes,
                         "record starting at line \(line) is longer than \(limit), the limit that keeps memory bounded",
                         hint: "a quote that is never closed turns the rest of the file into one record; check the quotes from line \(line)")
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
