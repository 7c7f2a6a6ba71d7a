/// Parsers fed arbitrary bytes: they return a value or throw a `HarnessError`, never trap.
enum CSVReaderFuzz {
    static func run(_ bytes: [UInt8]) {
        // The first byte picks the dialect, so odd delimiters and quoting are explored too.
        let flags = bytes.first ?? 0
        let dialect = CSVDialect(delimiter: flags & 1 == 0 ? UInt8(ascii: ",") : UInt8(ascii: ";"),
                                 quoteChar: flags & 2 == 0 ? UInt8(ascii: "\"") : nil)
        let path = FuzzCheck.file("in.csv", bytes.dropFirst())
        do {
            let reader = try CSVReader(path: path, dialect: dialect)
            var records = 0
            while let record = try reader.next() {
                records += 1
                _ = record.strings
                if records > 100_000 { break }
            }
        } catch is HarnessError {
        } catch {
            FuzzCheck.require(false, "CSVReader threw a non-HarnessError: \(error)")
        }
        // The batches describe hands between threads lend what the reader lends, and meet
        // the same error after the same records.
        let width = Int(flags >> 4 & 3) + 1
        let straight = cells(path, dialect) { reader, body in
            while let record = try reader.next() {
                body((0..<min(width, record.fieldCount)).map(record.string), record.fieldCount, record.line)
            }
        }
        let batched = cells(path, dialect) { reader, body in
            let batch = CSVCellBatch(width: width, recordLimit: 3, byteLimit: 16)
            while true {
                // A batch cut by an error still holds the records before it.
                var failure: (any Error)?
                var more = false
                do { more = try batch.fill(from: reader) } catch { failure = error }
                for item in 0..<batch.count {
                    let kept = min(width, batch.fieldCount(item))
                    body((0..<kept).map { String(decoding: batch.cell(item, $0), as: UTF8.self) }, batch.fieldCount(item), batch.line(item))
                }
                if let failure { throw failure }
                if !more { break }
            }
        }
        FuzzCheck.require(straight == batched, "a cell batch lends other cells than the reader: \(straight) against \(batched)")
        // Describing on several threads draws what one thread draws.
        if flags & 4 != 0 {
            var one = DescribeOptions(), many = DescribeOptions()
            one.workers = 1
            many.workers = 2
            many.parallelMinimumBytes = 0
            let serial = Result { try DataDescriber.describe(path: path, options: one) }
            let parallel = Result { try DataDescriber.describe(path: path, options: many) }
            switch (serial, parallel) {
            case (.success(let a), .success(let b)):
                FuzzCheck.require(a.contract == b.contract && a.rows == b.rows, "two threads drew another contract")
            case (.failure(let a), .failure(let b)):
                FuzzCheck.require("\(a)" == "\(b)", "two threads failed otherwise: \(a) against \(b)")
            default:
                FuzzCheck.require(false, "one thread and two disagree on success: \(serial) against \(parallel)")
            }
        }
    }

    /// Every record's first cells, field count and line as `read` lends them, then the
    /// error that stopped it (as text), if any.
    static func cells(_ path: String, _ dialect: CSVDialect,
                      _ read: (CSVReader, ([String], Int, Int) -> Void) throws -> Void) -> String {
        var out: [String] = []
        do {
            let reader = try CSVReader(path: path, dialect: dialect)
            try read(reader) { cells, count, line in
                if out.count < 100_000 { out.append("\(cells)/\(count)@\(line)") }
            }
        } catch {
            out.append("error: \(error)")
        }
        return out.joined(separator: "\n")
    }
}

enum JSONScannerFuzz {
    static func run(_ bytes: [UInt8]) {
        do {
            let value = try JSONParser.parse(bytes, path: "fuzz.json")
            // What is written back is read back as the same value.
            let text = value.compactText
            let again = try JSONParser.parse(Array(text.utf8), path: "again.json")
            FuzzCheck.require(again.compactText == text, "a parsed value does not survive serialisation: \(text)")
        } catch is HarnessError {
        } catch {
            FuzzCheck.require(false, "JSONParser threw a non-HarnessError: \(error)")
        }
    }
}

enum ConfigFuzz {
    static func run(_ bytes: [UInt8]) {
        let path = FuzzCheck.file("harness.json", bytes[...])
        do {
            _ = try ConfigLoader.load(path: path)
        } catch is HarnessError {
        } catch {
            FuzzCheck.require(false, "ConfigLoader threw a non-HarnessError: \(error)")
        }
    }
}

/// Differential: the tokenless validation that byte-equal files get must give the tape
/// scan's verdict and message, and the byte-equal JSON Lines check must count exactly the
/// records a line-by-line scan accepts (or decline when one is malformed).
enum JSONValidateFuzz {
    static func run(_ bytes: [UInt8]) {
        let message = { (body: () throws -> Void) -> String? in
            do { try body(); return nil } catch { return DiagnosticRenderer.render(error) }
        }
        // The fast validator reads up to its padding past the text: bytes that would extend
        // a string, a number or a container if it took them for text (the last byte picks).
        let filler = [ASCII.quote, ASCII.zero + 7, ASCII.space, ASCII.closeBracket][Int(bytes.last ?? 0) % 4]
        var padded = bytes + Array(repeating: filler, count: JSONFastValidator.padding)
        padded.withUnsafeMutableBufferPointer { padded in
            let text = UnsafeMutableBufferPointer(rebasing: padded[0..<bytes.count])
            let buffer = UnsafeBufferPointer(text)
            var tape = JSONTape()
            let scanned = message { try tape.scan(buffer, path: "fuzz.json", firstLine: 2) }
            let validated = message { try JSONTape.validate(buffer, path: "fuzz.json", firstLine: 2) }
            FuzzCheck.require(scanned == validated, "scan says \(scanned ?? "valid"), validate says \(validated ?? "valid")")
            // It may leave a text to the scanner, never accept one the scanner rejects.
            let accepted = JSONFastValidator.acceptsDocument(text, padding: JSONFastValidator.padding)
            FuzzCheck.require(!accepted || scanned == nil, "fast validator accepted what the scanner rejects: \(scanned ?? "")")
            // As a byte-equal document, read in windows of 1 to 16 bytes and cut in two after
            // a comma anywhere (the first two bytes pick): the scanner's verdict.
            let path = FuzzCheck.file("a.json", bytes[...])
            let copy = FuzzCheck.file("b.json", bytes[...])
            let cut = bytes.count > 1 ? Int(bytes[1]) * bytes.count / 256 : nil
            do {
                let equal = try ByteEqualDocument.check(expected: path, actual: copy, chunkSize: Int(bytes.first ?? 0) % 16 + 1, cut: cut)
                FuzzCheck.require(equal == (scanned == nil && !bytes.isEmpty), "byte-equal document check says \(equal), the scanner \(scanned ?? "valid")")
            } catch {
                FuzzCheck.require(false, "ByteEqualDocument threw: \(error)")
            }
        }
        // As JSON Lines, read in chunks of 1 to 16 bytes (the first byte picks), so lines
        // and the two threads' cut fall anywhere.
        let chunkSize = Int(bytes.first ?? 0) % 16 + 1
        let expected = FuzzCheck.file("a.jsonl", bytes.dropFirst())
        let actual = FuzzCheck.file("b.jsonl", bytes.dropFirst())
        var records: Int? = 0
        for line in bytes.dropFirst().split(separator: ASCII.newline, omittingEmptySubsequences: false)
        where !line.allSatisfy({ $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.carriageReturn }) {
            var lineTape = JSONTape()
            let valid = Array(line).withUnsafeBufferPointer { (try? lineTape.scan($0, path: "a.jsonl")) != nil }
            records = valid ? records.map { $0 + 1 } : nil
            if records == nil { break }
        }
        do {
            let counted = try ByteEqualLines.check(expected: expected, actual: actual, chunkSize: chunkSize)
            FuzzCheck.require(counted == records || (bytes.count <= 1 && counted == nil),
                              "byte-equal check counted \(counted.map(String.init) ?? "nil"), lines scanned \(records.map(String.init) ?? "nil")")
        } catch {
            FuzzCheck.require(false, "ByteEqualLines threw: \(error)")
        }
    }
}
