/// A place to cut both files of a positional comparison so that two threads can each
/// compare one part: the same number of records lie before the cut in both files.
///
/// Found by counting record ends with quote parity (CSVRecordEndScanner) over 4 MiB
/// preads, which runs many times faster than comparing. Nil when parity cannot be
/// trusted there (a lone CR) or a record is longer than a read (4 MiB).
struct CSVSplitPoint: Sendable {
    var expectedOffset: Int
    var actualOffset: Int
    /// Records before the cut, counted from the starting offsets.
    var records: Int
    /// Line breaks before the cut, counted from the starting offsets.
    var expectedLines: Int
    var actualLines: Int

    static let readSize = 4 << 20

    /// A cut near `fraction` of expected's remaining bytes.
    /// - Throws: `HarnessError.io` when a file cannot be read.
    static func find(expectedPath: String, expectedStart: Int, expectedSize: Int,
                     actualPath: String, actualStart: Int, fraction: Double = 0.5) throws -> CSVSplitPoint? {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 16)
        defer { buffer.deallocate() }
        guard let cut = try record(near: fraction, path: expectedPath, start: expectedStart, size: expectedSize, buffer: buffer),
              let actual = try Self.offset(afterRecords: cut.records, path: actualPath, from: actualStart, buffer: buffer)
        else { return nil }
        return CSVSplitPoint(expectedOffset: cut.offset, actualOffset: actual.offset, records: cut.records,
                             expectedLines: cut.lines, actualLines: actual.lines)
    }

    /// The first record start at or past `fraction` of one file's bytes from `start`, with
    /// the records and line breaks before it; nil at the end of the file, or when parity
    /// cannot be trusted.
    static func record(near fraction: Double, path: String, start: Int, size: Int,
                       buffer: UnsafeMutableRawBufferPointer) throws -> (offset: Int, records: Int, lines: Int)? {
        let source = try CSVFileSource(path: path)
        var offset = start
        var records = 0
        var lines = 0
        let target = start + Int(Double(size - start) * min(max(fraction, 0), 1))
        // Up to the target (at least 64 KiB, so that a record end is in reach; more when a
        // record is longer than that).
        var least = 1 << 16
        while offset < target {
            let wanted = min(buffer.count, max(target - offset, least))
            let count = try source.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
            if count == 0 { break }
            let scan = CSVRecordEndScanner.scan(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self).prefix(count)))
            if scan.stopped { return nil }
            if scan.records == 0 {
                guard count == wanted && wanted < buffer.count else { return nil }
                least = wanted * 4
                continue
            }
            records += scan.records
            lines += scan.lines
            offset += scan.end
        }
        guard records > 0, offset < size else { return nil }
        return (offset, records, lines)
    }

    /// The offset right after the `count`-th record end from `start`, and the line breaks
    /// before it; nil when the file has fewer records or parity cannot be trusted.
    static func offset(afterRecords count: Int, path: String, from start: Int,
                       buffer: UnsafeMutableRawBufferPointer) throws -> (offset: Int, lines: Int)? {
        let source = try CSVFileSource(path: path)
        let bytes = buffer.bindMemory(to: UInt8.self)
        var offset = start
        var records = 0
        var lines = 0
        while true {
            let read = try source.read(at: offset, into: buffer)
            if read == 0 { return nil }
            let scan = CSVRecordEndScanner.scan(UnsafeBufferPointer(rebasing: bytes.prefix(read)))
            if scan.stopped || scan.records == 0 { return nil }
            if records + scan.records < count {
                records += scan.records
                lines += scan.lines
                offset += scan.end
                continue
            }
            // The record end wanted is in this read: walk to it.
            var inQuotes = false
            for index in 0..<scan.end {
                let byte = bytes[index]
                if byte == ASCII.quote {
                    inQuotes.toggle()
                } else if byte == ASCII.newline {
                    lines += 1
                    if !inQuotes {
                        records += 1
                        if records == count { return (offset + index + 1, lines) }
                    }
                }
            }
            return nil
        }
    }
}
