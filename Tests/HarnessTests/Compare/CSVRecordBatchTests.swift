import Foundation
import Testing
@testable import Harness

/// Batches for the keyed comparison, filled by taking records from the reader's buffer
/// (`appendScanned`) or by parsing each one: the same records, hashes, places and errors.
@Suite struct CSVRecordBatchTests {
    @Test func scannedBatchesEqualParsedOnes() throws {
        let folder = try TestSupport.temporaryFolder("batch")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = SystemRandomNumberGenerator()
        var records = 0
        for round in 0..<60 {
            let width = Int.random(in: 1...5, using: &generator)
            let text = Self.randomFile(width: width, rows: Int.random(in: 0...2_500, using: &generator), using: &generator)
            let path = folder + "/\(round).csv"
            try TestSupport.write(text, to: path)
            let key = Array(Set((0..<Int.random(in: 1...width, using: &generator)).map { _ in
                Int.random(in: 0..<width, using: &generator)
            })).sorted()
            let chunk = [1 << 8, 1 << 12, 1 << 20].randomElement(using: &generator)!
            let limit = Int.random(in: 1...5_000, using: &generator)
            let scanned = try Self.batches(path, key: key, chunk: chunk, limit: limit, scanning: true)
            let parsed = try Self.batches(path, key: key, chunk: chunk, limit: limit, scanning: false)
            let differing = scanned.records.indices.first { $0 < parsed.records.count && scanned.records[$0] != parsed.records[$0] }
            #expect(scanned.records.count == parsed.records.count && differing == nil,
                    "round \(round): key \(key), chunk \(chunk), limit \(limit): \(scanned.records.count) records against \(parsed.records.count), first unequal \(differing.map { "\(scanned.records[$0]) against \(parsed.records[$0])" } ?? "none")")
            #expect(scanned.error == parsed.error, "round \(round): key \(key), chunk \(chunk), limit \(limit)")
            records += scanned.records.count
        }
        #expect(records > 10_000)
    }

    /// One record as a batch holds it.
    struct Item: Equatable {
        var keyHash: UInt64
        var rowHash: UInt64
        var offset: Int
        var number: Int
        var line: Int
        var bytes: [UInt8]
    }

    /// Every record `path` yields in batches of `limit`, and the error that stopped it.
    static func batches(_ path: String, key: [Int], chunk: Int, limit: Int, scanning: Bool) throws
        -> (records: [Item], error: String?) {
        let reader = try CSVReader(source: CSVFileSource(path: path), path: path, dialect: CSVDialect(), chunkSize: chunk)
        let mapping = try CSVColumnMapping(expected: reader, actual: reader, options: CompareOptions())
        let spec = CSVBatchSpec(path: path, key: key, width: reader.header.count, mapping: mapping, expectedSide: true)
        let parser = try CSVKeyedComparison.lookupReader(reader)
        var batch = CSVRecordBatch()
        var records: [Item] = []
        do {
            while try batch.fill(from: reader, spec: spec, limit: limit, scanning: scanning) {
                for item in 0..<batch.count {
                    let record = try batch.record(item, parsedBy: parser)
                    records.append(Item(keyHash: batch.keyHashes[item], rowHash: batch.rowHashes[item],
                                        offset: batch.offsets[item], number: batch.numbers[item], line: batch.lines[item],
                                        bytes: Array(record.bytes)))
                }
            }
        } catch {
            return (records, "\(error)")
        }
        return (records, nil)
    }

    /// A header of `width` columns and rows of mixed cells: plain, empty, quoted (with
    /// delimiters, doubled quotes, LF and CRLF inside), now and then a ragged row, a long
    /// row past the scanner's window, a blank line or a stray quote; LF or CRLF line ends,
    /// sometimes a BOM, sometimes no final line end.
    static func randomFile(width: Int, rows: Int, using generator: inout SystemRandomNumberGenerator) -> String {
        let lineEnd = Bool.random(using: &generator) ? "\n" : "\r\n"
        var lines = [(0..<width).map { "c\($0)" }.joined(separator: ",")]
        for row in 0..<rows {
            let rare = Int.random(in: 0..<3_000, using: &generator)
            if rare == 0 { lines.append(""); continue }
            let cells = width + (rare == 1 ? 1 : rare == 2 && width > 1 ? -1 : 0)
            lines.append((0..<cells).map { column -> String in
                if rare == 3 && column == 0 { return String(repeating: "x", count: 140_000) }
                if rare == 4 && column == cells - 1 { return "a\"b" }
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: return ""
                case 1: return "\"a,b\""
                case 2: return "\"q\"\"x\""
                case 3: return "\"l1\nl2\""
                case 4: return "\"r\r\nn\""
                case 5: return "\"\""
                default: return column == 0 ? "\(row)" : "v\(Int.random(in: 0..<50, using: &generator))"
                }
            }.joined(separator: ","))
        }
        var text = (Bool.random(using: &generator) ? "\u{FEFF}" : "") + lines.joined(separator: lineEnd)
        if Int.random(in: 0..<5, using: &generator) > 0 { text += lineEnd }
        return text
    }
}
