// Random access for the keyed comparison: re-reading a record found by an earlier pass
// (pread at its offset), or re-parsing a copy of its bytes.

extension CSVReader {
    /// The file's size when known (for sizing the keyed index).
    var sourceSize: Int? { (source as? CSVFileSource)?.size }

    /// Reads the record of `length` bytes at file `offset`, found by an earlier pass, for
    /// random access (keyed comparison); a reader used this way serves nothing else.
    /// - Throws: `HarnessError.io` when the file no longer holds that many bytes there.
    func record(atOffset offset: Int, length: Int, number: Int) throws -> CSVRecord {
        reserveBuffer(length + 1)
        let count = try source.read(at: offset, into: UnsafeMutableRawBufferPointer(start: buffer, count: length))
        guard count == length else {
            throw HarnessError.io(path: path, reason: "changed while being compared (short read at byte offset \(offset))",
                                  hint: "compare files that no process is writing")
        }
        return try parseBuffered(length: length, offset: offset, number: number, line: 0)
    }

    /// Parses a copy of `bytes`, one whole record read earlier at `offset` (random access).
    func record(copying bytes: UnsafeBufferPointer<UInt8>, offset: Int, number: Int, line: Int) throws -> CSVRecord {
        reserveBuffer(bytes.count + 1)
        if let base = bytes.baseAddress { buffer.update(from: base, count: bytes.count) }
        return try parseBuffered(length: bytes.count, offset: offset, number: number, line: line)
    }
}
