import Foundation
import Testing
@testable import Harness

/// What a reader produced, copied out of its buffers.
struct ReadRecord: Equatable, CustomStringConvertible {
    var fields: [String]
    var quoted: [Bool]
    var number: Int
    var line: Int
    var offset: Int
    var raw: String

    var description: String { "#\(number)@\(line):\(fields)" }
}

enum CSVReading {
    /// Ways to feed one input: whole, byte by byte, cut once at every offset, and through
    /// tiny buffers, so every record crosses a buffer boundary somewhere.
    static func feeds(for count: Int) -> [(label: String, chunkSize: Int, pieces: [Int])] {
        var feeds: [(String, Int, [Int])] = [("whole", 1 << 20, [Int.max]), ("byte by byte", 1, [1])]
        for cut in 1..<max(1, count) { feeds.append(("cut at \(cut)", 1 << 20, [cut, Int.max])) }
        for size in [2, 3, 5, 7, 16] { feeds.append(("buffer \(size)", size, [Int.max])) }
        return feeds
    }

    static func read(_ bytes: [UInt8], dialect: CSVDialect = CSVDialect(header: false), chunkSize: Int = 1 << 20,
                     pieces: [Int] = [Int.max], maxRecordBytes: Int = 64 << 20) throws -> (header: [String], records: [ReadRecord]) {
        let reader = try CSVReader(source: CSVMemorySource(bytes, pieces: pieces), path: "t.csv", dialect: dialect,
                                   chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        var records: [ReadRecord] = []
        while let record = try reader.next() {
            records.append(ReadRecord(fields: record.strings, quoted: (0..<record.fieldCount).map(record.isQuoted),
                                      number: record.number, line: record.line, offset: record.offset,
                                      raw: String(decoding: record.bytes, as: UTF8.self)))
        }
        return (reader.header, records)
    }

    /// Reads `bytes` every way `feeds` gives and checks they all agree; returns the records.
    static func readEveryWay(_ bytes: [UInt8], dialect: CSVDialect = CSVDialect(header: false)) throws -> [ReadRecord] {
        let whole = try read(bytes, dialect: dialect)
        for feed in feeds(for: bytes.count) {
            let other = try read(bytes, dialect: dialect, chunkSize: feed.chunkSize, pieces: feed.pieces)
            #expect(other.records == whole.records, "\(feed.label)")
            #expect(other.header == whole.header, "\(feed.label)")
        }
        return whole.records
    }

    /// The error message every feed of `bytes` gives (they must all agree).
    static func errorEveryWay(_ bytes: [UInt8], dialect: CSVDialect = CSVDialect(header: false),
                              maxRecordBytes: Int = 64 << 20) -> String? {
        var messages = Set<String>()
        for feed in feeds(for: bytes.count) {
            do {
                _ = try read(bytes, dialect: dialect, chunkSize: feed.chunkSize, pieces: feed.pieces, maxRecordBytes: maxRecordBytes)
                messages.insert("no error (\(feed.label))")
            } catch {
                messages.insert(DiagnosticRenderer.render(error))
            }
        }
        #expect(messages.count == 1, "feeds disagree: \(messages)")
        return messages.first
    }
}

@Suite struct CSVReaderTests {
    static let spectrum = TestSupport.corpora + "/csv-spectrum"
    static let spectrumNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spectrum + "/csvs")) ?? []
        return names.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test(.needsCorpus("csv-spectrum")) func spectrumCorpusIsPresent() {
        #expect(Self.spectrumNames.count >= 10)
    }

    @Test(.needsCorpus("csv-spectrum"), arguments: spectrumNames)
    func csvSpectrumParsesToItsJSON(name: String) throws {
        let bytes = try FileBytes.read(Self.spectrum + "/csvs/\(name).csv")
        let expected = try JSONParser.parse(FileBytes.read(Self.spectrum + "/json/\(name).json"), path: name + ".json")
        let records = try CSVReading.readEveryWay(bytes)
        let header = try #require(records.first).fields
        let rows = records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: zip(header, record.fields))
        }
        let objects = (expected.arrayValue ?? []).map { object in
            Dictionary(uniqueKeysWithValues: (object.objectMembers ?? []).map { ($0.key, $0.value.stringValue ?? "") })
        }
        #expect(rows == objects)
    }

    static let csvlint = TestSupport.corpora + "/csvlint-fixtures/features/fixtures/"
    static let fooRows = [["Foo", "Bsr", "Baz"], ["Biff", "Baff", "Boff"], ["Qux", "Teaspoon", "Doge"]]

    @Test(.needsCorpus("csvlint-fixtures"), arguments: [
        ("valid.csv", [["Foo", "Bar", "Baz"], ["1", "2", "3"], ["3", "2", "1"]]),
        ("white space in filename.csv", [["Foo", "Bar", "Baz"], ["1", "2", "3"], ["3", "2", "1"]]),
        ("cr-line-endings.csv", [["Foo", "Bar", "Baz"], ["Biff", "Baff", "Boff"], ["Qux", "Teaspoon", "Doge"]]),
        ("crlf-line-endings.csv", fooRows),
        ("lf-line-endings.csv", fooRows),
        ("inconsistent-line-endings.csv", fooRows),
        ("inconsistent-line-endings-unquoted.csv", fooRows),
        ("windows-line-endings.csv", [["a", "b", "c"], ["d", "e", "f"]]),
        ("title-row.csv", [["This is a title row", "", ""]] + fooRows),
        ("valid_many_rows.csv", [["Foo", "Bar", "Baz"]] + Array(repeating: [["1", "2", "3"], ["3", "2", "1"]], count: 3).flatMap { $0 }),
    ])
    func csvlintFixturesParseToTheirRecords(name: String, rows: [[String]]) throws {
        let records = try CSVReading.readEveryWay(FileBytes.read(Self.csvlint + name))
        #expect(records.map(\.fields) == rows)
        #expect(records.map(\.number) == Array(1...rows.count))
    }

    @Test(.needsCorpus("csvlint-fixtures")) func invalidUTF8IsReadAsReplacementCharacters() throws {
        let records = try CSVReading.readEveryWay(FileBytes.read(Self.csvlint + "invalid-byte-sequence.csv"))
        #expect(records.count == 24)
        #expect(records.allSatisfy { $0.fields.count == 7 })
        #expect(records[3].fields[2] == "Dep\u{FFFD}sito COMPE - 033 0502    27588602104 XXXXXXXXXXXXXX")
    }

    @Test(.needsCorpus("csvlint-fixtures")) func textAfterAClosingQuoteIsAnErrorWhenStrict() throws {
        let bytes = try FileBytes.read(Self.csvlint + "invalid_many_rows.csv")
        let message = CSVReading.errorEveryWay(bytes)
        #expect(message?.hasPrefix("t.csv:4:12: error: unexpected ' ' after the closing quote of a field") == true)
    }

    @Test(.needsCorpus("csvlint-fixtures")) func lenientQuotesKeepTextAfterAClosingQuoteLikePython() throws {
        let bytes = try FileBytes.read(Self.csvlint + "invalid_many_rows.csv")
        let records = try CSVReading.readEveryWay(bytes, dialect: CSVDialect(header: false, strictQuotes: false))
        #expect(records.map(\.fields.count) == [3, 3, 3, 3, 3, 3, 3, 0, 3, 3, 3, 3])
        #expect(records[3].fields == ["1", "2", "3 \""])
        #expect(records[7].line == 8)
        let inside = try CSVReading.readEveryWay(Array("a\"b\"c,d\n".utf8), dialect: CSVDialect(header: false, strictQuotes: false))
        #expect(inside.map(\.fields) == [["a\"b\"c", "d"]])
    }

    @Test func recordsKnowTheirLineOffsetQuotingAndRawBytes() throws {
        let text = "\u{FEFF}id,text\r\n1,\"two\r\nlines\"\r\n2,\"say \"\"hi\"\"\"\r\n3,plain"
        let (header, records) = try CSVReading.read(Array(text.utf8), dialect: CSVDialect())
        #expect(header == ["id", "text"])
        #expect(records.map(\.fields) == [["1", "two\r\nlines"], ["2", "say \"hi\""], ["3", "plain"]])
        #expect(records.map(\.number) == [2, 3, 4])
        #expect(records.map(\.line) == [2, 4, 5])
        #expect(records.map(\.quoted) == [[false, true], [false, true], [false, false]])
        #expect(records[1].raw == "2,\"say \"\"hi\"\"\"")
        #expect(records[0].offset == 3 + 9)
        #expect(try CSVReading.readEveryWay(Array(text.utf8), dialect: CSVDialect()) == records)
    }

    @Test func blankLinesAreRecordsWithoutFieldsAndEmptyFieldsAreKept() throws {
        let records = try CSVReading.readEveryWay(Array("a,b,\n\n,\n\"\"\n".utf8))
        #expect(records.map(\.fields) == [["a", "b", ""], [], ["", ""], [""]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func emptyFileHasNoHeaderAndNoRecords() throws {
        let (header, records) = try CSVReading.read([], dialect: CSVDialect())
        #expect(header.isEmpty && records.isEmpty)
        let bomOnly = try CSVReading.read([0xEF, 0xBB, 0xBF], dialect: CSVDialect())
        #expect(bomOnly.header.isEmpty && bomOnly.records.isEmpty)
    }

    @Test func otherDialects() throws {
        var semicolon = CSVDialect(delimiter: UInt8(ascii: ";"), header: false)
        #expect(try CSVReading.readEveryWay(Array("a;\"b;c\";d,e\n".utf8), dialect: semicolon).map(\.fields) == [["a", "b;c", "d,e"]])
        semicolon.skipInitialSpace = true
        #expect(try CSVReading.readEveryWay(Array("a;  b; \"c\"\n".utf8), dialect: semicolon).map(\.fields) == [["a", "b", "c"]])
        let escaped = CSVDialect(doubleQuote: false, escapeChar: UInt8(ascii: "\\"), header: false)
        #expect(try CSVReading.readEveryWay(Array(#"a\,b,"c\"d",e\\"#.utf8 + [0x0A]), dialect: escaped).map(\.fields) == [["a,b", "c\"d", "e\\"]])
        let comments = CSVDialect(header: false, commentChar: UInt8(ascii: "#"))
        let records = try CSVReading.readEveryWay(Array("# note\na,b\n#x\nc,d\n".utf8), dialect: comments)
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [2, 4])
    }

    @Test(arguments: [
        ("a,b\n1,\"x\n2,3\n", "t.csv:2:3: error: unterminated quoted field: the quote opened here is never closed"),
        ("a,b\n1,x\"y\n", "t.csv:2:4: error: unexpected quote inside an unquoted field"),
        ("a,b\n1,\"x\"y\n", "t.csv:2:6: error: unexpected 'y' after the closing quote of a field"),
        ("a,b\n1,\"q\n\"\n2,x\u{0}y\n", "t.csv:4:4: error: looks binary: NUL byte at byte offset 14, expected CSV text"),
    ])
    func malformedInputNamesLineAndColumn(text: String, message: String) {
        let rendered = CSVReading.errorEveryWay(Array(text.utf8))
        #expect(rendered?.hasPrefix(message) == true, "\(rendered ?? "nil")")
    }

    @Test func recordsOverTheLimitAreAnErrorNotAnAllocation() {
        let text = "a,b\n1,2\n3," + String(repeating: "x", count: 100) + "\n"
        let rendered = CSVReading.errorEveryWay(Array(text.utf8), maxRecordBytes: 64)
        #expect(rendered?.hasPrefix("t.csv:3:65: error: record starting at line 3 is longer than 64 bytes") == true, "\(rendered ?? "nil")")
        #expect((try? CSVReading.read(Array(text.utf8), maxRecordBytes: 200)) != nil)
    }

    @Test func binaryFilesAreRefusedBeforeAnyRecord() throws {
        let folder = try TestSupport.temporaryFolder("csv")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/data.bin"
        try AtomicFile.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], to: path)
        #expect(throws: HarnessError.self) { try CSVReader(path: path) }
        do {
            _ = try CSVReader(path: path)
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("looks binary"))
        }
    }

    @Test func aFolderOrAMissingFileIsAnIOError() throws {
        #expect(throws: HarnessError.io(path: "/nonexistent/x.csv", reason: "no such file",
                                        hint: "check the path (relative paths start from the current folder)")) {
            try CSVReader(path: "/nonexistent/x.csv")
        }
        let folder = try TestSupport.temporaryFolder("csv")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: HarnessError.self) { try CSVReader(path: folder) }
    }
}
