import Testing
@testable import Harness

@Suite struct CSVRecordEndScannerTests {
    /// The rule the scanner implements, one byte at a time: records end at LF outside
    /// quotes; a CR not followed by LF stops the scan (the parser decides that record).
    /// With `fields`, the scan also stops before a record the parser refuses: another
    /// number of fields (delimiters outside quotes plus one), a NUL, a quote that does not
    /// open a field (or double a closing one), a byte after a closing quote that is not a
    /// delimiter or a line end. A closing quote at the very end waits for the next byte.
    static func oracle(_ bytes: [UInt8], fields: Int? = nil) -> CSVRecordEndScanner.Result {
        var result = CSVRecordEndScanner.Result()
        var inQuotes = false
        var lines = 0
        var delimiters = 0
        var fieldStart = true
        var afterCloser = false
        for (i, byte) in bytes.enumerated() {
            if fields != nil {
                let refused = byte == 0
                    || (!inQuotes && byte == ASCII.quote && !fieldStart && !afterCloser)
                    || (!inQuotes && byte != ASCII.quote && afterCloser && byte != ASCII.comma && byte != ASCII.newline
                        && byte != ASCII.carriageReturn)
                if refused {
                    result.stopped = true
                    break
                }
                if byte == ASCII.quote && inQuotes && i + 1 >= bytes.count { break }
                afterCloser = byte == ASCII.quote && inQuotes
                fieldStart = !inQuotes && (byte == ASCII.comma || byte == ASCII.newline)
            }
            if byte == ASCII.quote {
                inQuotes.toggle()
            } else if byte == ASCII.comma {
                if !inQuotes { delimiters += 1 }
            } else if byte == ASCII.newline {
                if !inQuotes, let fields {
                    if delimiters != fields - 1 {
                        result.stopped = true
                        break
                    }
                    delimiters = 0
                }
                lines += 1
                if !inQuotes {
                    result.records += 1
                    result.end = i + 1
                    result.lines = lines
                }
            } else if byte == ASCII.carriageReturn && (i + 1 >= bytes.count || bytes[i + 1] != ASCII.newline) {
                result.stopped = i + 1 < bytes.count
                break
            }
        }
        return result
    }

    @Test func agreesWithTheByteByByteRuleOnRandomInput() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab,\"\n".utf8) + [ASCII.carriageReturn, ASCII.newline, ASCII.newline]
        for round in 0..<3000 {
            let count = Int.random(in: 0...300, using: &generator)
            // Mostly quote- and CR-free runs, so the vector fast path is exercised too.
            let sparse = round % 3 == 0
            let bytes = (0..<count).map { _ in
                sparse && Int.random(in: 0..<20, using: &generator) > 0
                    ? UInt8(ascii: Bool.random(using: &generator) ? "x" : "\n")
                    : alphabet.randomElement(using: &generator) ?? 0
            }
            let scanned = bytes.withUnsafeBufferPointer { CSVRecordEndScanner.scan($0) }
            #expect(scanned == Self.oracle(bytes), "\(bytes)")
        }
    }

    /// Given the field count, the scan stops before the first record with another count,
    /// wherever it lies in the 64-byte blocks, with or without quotes and CRs.
    @Test func stopsBeforeARecordWithAnotherFieldCount() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<4000 {
            let fields = Int.random(in: 1...4, using: &generator)
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                // Mostly records of the right width; now and then one field more or less,
                // a blank line, a quoted comma or line break, a CRLF.
                var width = fields
                if Int.random(in: 0..<15, using: &generator) == 0 { width += Bool.random(using: &generator) ? 1 : -1 }
                let cells = (0..<max(width, 0)).map { cell -> String in
                    switch Int.random(in: 0..<(round % 2 == 0 ? 60 : 9), using: &generator) {
                    case 0: return "\"a,b\""
                    case 1: return "\"x\ny\""
                    case 2: return ""
                    case 3: return "\"say \"\"hi\"\"\""
                    case 4: return "x\"y"  // a quote inside an unquoted field
                    case 5: return "\"a\"b"  // a byte after the closing quote
                    case 6: return "n\u{0}"  // a NUL
                    default: return String(repeating: "v", count: Int.random(in: 1...12, using: &generator)) + "\(cell)"
                    }
                }
                bytes += Array(cells.joined(separator: ",").utf8)
                bytes += Int.random(in: 0..<10, using: &generator) == 0 ? [ASCII.carriageReturn, ASCII.newline] : [ASCII.newline]
            }
            let scanned = bytes.withUnsafeBufferPointer { CSVRecordEndScanner.scan($0, fields: fields) }
            #expect(scanned == Self.oracle(bytes, fields: fields), "\(String(decoding: bytes, as: UTF8.self).debugDescription), \(fields) fields")
            // Asked for `enough` records, it may end early, but with at least that many,
            // counted as the whole scan counts them.
            let enough = Int.random(in: 1...12, using: &generator)
            let part = bytes.withUnsafeBufferPointer { CSVRecordEndScanner.scan($0, fields: fields, enough: enough) }
            if part != scanned {
                #expect(part.records >= enough && !part.stopped)
                #expect(part == Self.oracle(Array(bytes[0..<part.end]), fields: fields))
            }
        }
    }

    /// The marks agree with the bytes before the scan's end: every line feed, every quote,
    /// and the line feeds outside quotes (record ends); with and without a field count,
    /// over maps that held garbage before the scan.
    @Test func marksRecordEndsLineFeedsAndQuotes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab,\"\n".utf8) + [ASCII.carriageReturn, ASCII.newline, ASCII.newline]
        for round in 0..<3000 {
            let count = Int.random(in: 0...400, using: &generator)
            let sparse = round % 3 != 0
            var bytes = (0..<count).map { _ in
                sparse && Int.random(in: 0..<20, using: &generator) > 0
                    ? UInt8(ascii: Int.random(in: 0..<12, using: &generator) == 0 ? "\n" : "x")
                    : alphabet.randomElement(using: &generator) ?? 0
            }
            let fields = round % 2 == 0 ? nil : Int?(1)
            if fields != nil { bytes = bytes.filter { $0 != ASCII.comma } }
            var storage = [UInt64](repeating: 0xA5A5_A5A5_A5A5_A5A5, count: CSVRecordEndScanner.Marks.storage(for: bytes.count))
            let (result, marked) = bytes.withUnsafeBufferPointer { buffer in
                storage.withUnsafeMutableBufferPointer { storage in
                    let marks = CSVRecordEndScanner.Marks(storage, count: buffer.count)
                    let result = CSVRecordEndScanner.scan(buffer, fields: fields, marks: marks)
                    func positions(_ map: CSVRecordEndScanner.Marks.Map) -> [Int] {
                        (0..<result.end).filter { marks.first(map, from: $0, before: $0 + 1) != nil }
                    }
                    // Counting over a range agrees with the marks one by one.
                    let low = Int.random(in: 0...result.end, using: &generator)
                    let high = Int.random(in: low...result.end, using: &generator)
                    let lineFeeds = positions(.lineFeeds)
                    #expect(marks.count(.lineFeeds, in: low..<high) == lineFeeds.filter { (low..<high).contains($0) }.count)
                    return (result, [positions(.recordEnds), lineFeeds, positions(.quotes)])
                }
            }
            var ends: [Int] = [], lineFeeds: [Int] = [], quotes: [Int] = []
            var inQuotes = false
            for (i, byte) in bytes[0..<result.end].enumerated() {
                if byte == ASCII.quote {
                    quotes.append(i)
                    inQuotes.toggle()
                } else if byte == ASCII.newline {
                    lineFeeds.append(i)
                    if !inQuotes { ends.append(i) }
                }
            }
            #expect(marked == [ends, lineFeeds, quotes], "\(bytes), fields \(String(describing: fields))")
        }
    }

    @Test func countsWhatTheReaderReadsOnValidCSV() throws {
        var text = ""
        for row in 0..<500 {
            text += row % 5 == 0 ? "\(row),\"a\r\nb \"\"c\"\"\",x\r\n" : "\(row),plain text here,\(row).25\n"
        }
        let bytes = Array(text.utf8)
        let scanned = bytes.withUnsafeBufferPointer { CSVRecordEndScanner.scan($0) }
        let records = try CSVReading.read(bytes).records
        #expect(scanned.records == records.count)
        #expect(scanned.end == bytes.count)
        #expect(scanned.lines == 600)
    }

    @Test func commonPrefixFindsTheFirstDifferingByte() {
        for length in [0, 1, 7, 8, 9, 100, 5000, 9000] {
            for position in Set([0, length / 2, max(0, length - 1)]) where position < length {
                let a = [UInt8](repeating: 7, count: length)
                var b = a
                b[position] = 8
                let common = a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { CSVRecordEndScanner.commonPrefix(pa, $0) } }
                #expect(common == position)
            }
            let same = [UInt8](repeating: 1, count: length)
            #expect(same.withUnsafeBufferPointer { CSVRecordEndScanner.commonPrefix($0, $0) } == length)
        }
    }
}

@Suite struct CSVStopFinderTests {
    /// Release builds search 16 bytes at a time, debug builds byte by byte: both must
    /// find the same stop in every position.
    @Test func vectorAndByteSearchesAgree() {
        var generator = SystemRandomNumberGenerator()
        let finder = CSVStopFinder([UInt8(ascii: ","), ASCII.newline, ASCII.carriageReturn, ASCII.quote])
        let alphabet: [UInt8] = Array("abc,\"\r\n".utf8)
        for _ in 0..<2000 {
            let count = Int.random(in: 0...80, using: &generator)
            // Mostly plain bytes, so runs longer than 16 bytes occur.
            var bytes = (0..<count).map { _ in
                Int.random(in: 0..<10, using: &generator) == 0 ? alphabet.randomElement(using: &generator) ?? 0 : UInt8(ascii: "x")
            }
            bytes += [ASCII.nul] + [UInt8](repeating: UInt8(ascii: ","), count: 16)
            bytes.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!  // `!`: never empty (the sentinel)
                for start in 0...count {
                    #expect(finder.next(in: base, from: start) == finder.byteByByte(in: base, from: start))
                }
            }
        }
    }
}

@Suite struct CSVBlockClassifierTests {
    /// Release builds classify 16 bytes at a time, debug builds byte by byte: both must
    /// give the same mask at every offset, with and without an escape byte.
    @Test(arguments: [nil, UInt8(ascii: "\\")] as [UInt8?])
    func vectorAndByteClassificationsAgree(escape: UInt8?) {
        var generator = SystemRandomNumberGenerator()
        let stops = [UInt8(ascii: ";"), ASCII.newline, ASCII.carriageReturn, ASCII.quote] + (escape.map { [$0] } ?? [])
        let classifier = CSVBlockClassifier(stops: stops)
        let alphabet: [UInt8] = Array("ab;,\"\r\n\\".utf8) + [0]
        for _ in 0..<300 {
            let bytes = (0..<192).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? alphabet.randomElement(using: &generator) ?? 0 : UInt8(ascii: "x")
            }
            bytes.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!  // `!`: 192 bytes
                for at in 0...128 {
                    #expect(classifier.vector(in: base, at: at) == classifier.byteByByte(in: base, at: at))
                }
            }
        }
    }
}
