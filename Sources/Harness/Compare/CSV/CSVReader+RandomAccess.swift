// Random access for the keyed comparison: re-reading a record found by an earlier pass
// (pread at its offset), or re-parsing a copy of its bytes.

extension CSVReader {
    /// The file's size when known (for sizing the keyed index).
    var sourceSize: Int? { (source as? CSVFileSource)?.size }

    /// Reads the record of `length` bytes at file `offset`, found by an earlier pass, for
    /// random access (keyed comparison); a reader used this way serves nothing else.
    /// Requests that move forward through the file (rows mostly in the same order) are
    /// served from 256 KiB reads; others read just the record.
    /// - Throws: `HarnessError.io` when the file no longer holds that many bytes there.
    /// `line` is the record's line when known (for error messages; 0 otherwise).
    func record(atOffset offset: Int, length: Int, number: Int, line: Int = 0) throws -> CSVRecord {
        restoreDisplacedByte()
        if !(offset >= cacheOffset && offset + length < cacheOffset + cacheCount) {
            let forward = lastRequestEnd >= 0 && offset >= lastRequestEnd && offset - lastRequestEnd < 1 << 20
            let wanted = forward ? max(length + 1, 1 << 18) : length + 1
            cacheCount = 0
            reserveBuffer(wanted)
            let count = try source.read(at: offset, into: UnsafeMutableRawBufferPointer(start: buffer, count: wanted))
            guard count >= length else {
                throw HarnessError.io(path: path, reason: "changed while being compared (short read at byte offset \(offset))",
                                      hint: "compare files that no process is writing")
            }
            cacheOffset = offset
            cacheCount = count
        }
        lastRequestEnd = offset + length
        return try parseBuffered(at: offset - cacheOffset, length: length, bufferOffset: cacheOffset, number: number, line: line)
    }

    /// Parses a copy of `bytes`, one whole record read earlier at `offset` (random access).
    func record(copying bytes: UnsafeBufferPointer<UInt8>, offset: Int, number: Int, line: Int) throws -> CSVRecord {
        restoreDisplacedByte()
        cacheCount = 0
        reserveBuffer(bytes.count + 1)
        if let base = bytes.baseAddress { buffer.update(from: base, count: bytes.count) }
        return try parseBuffered(at: 0, length: bytes.count, bufferOffset: offset, number: number, line: line)
    }

    /// The line on which the byte at `offset` lies, counting line breaks as the reader does
    /// (LF, CRLF, lone CR) from the start of the file: for error messages about records
    /// found by offset, whose lines were not kept.
    func line(atOffset offset: Int) throws -> Int {
        restoreDisplacedByte()
        cacheCount = 0
        let chunk = 1 << 16
        reserveBuffer(chunk + 1)
        var line = 1
        var position = 0
        var previous: UInt8 = 0
        while position < offset {
            let count = try source.read(at: position, into: UnsafeMutableRawBufferPointer(start: buffer, count: min(chunk, offset - position)))
            if count == 0 { break }
            for index in 0..<count {
                let byte = buffer[index]
                if byte == ASCII.newline, previous != ASCII.carriageReturn { line += 1 }
                if byte == ASCII.carriageReturn { line += 1 }
                previous = byte
            }
            position += count
        }
        return line
    }

    /// Puts back the cached byte that the last record's sentinel replaced.
    func restoreDisplacedByte() {
        if let displaced { buffer[displaced.index] = displaced.byte }
        displaced = nil
    }
}
