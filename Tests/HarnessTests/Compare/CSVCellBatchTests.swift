import Foundation
import Testing
@testable import Harness

/// A batch lends the same cells, field counts and lines as the reader it copied them from,
/// however its limits cut the records into batches and whatever the reader's buffer did.
@Suite struct CSVCellBatchTests {
    static let inputs: [(String, [UInt8])] = {
        var inputs: [(String, [UInt8])] = [
            ("escapes", Array("a,b,c\n\"x \"\"q\"\"\",2,\"multi\nline\"\n,,\n\n4,\"\",6,7,8\nlast,\"\"\"\"".utf8)),
            ("crlf", Array("id,v\r\n1,\"a,b\"\r\n2,\r\n".utf8)),
        ]
        let spectrum = TestSupport.corpora + "/csv-spectrum/csvs"
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: spectrum)) ?? []).sorted() where name.hasSuffix(".csv") {
            if let bytes = try? FileBytes.read(spectrum + "/" + name) { inputs.append((name, bytes)) }
        }
        return inputs
    }()

    /// Every record's first `width` cells, its field count and line, read straight.
    func expected(_ bytes: [UInt8], width: Int, chunkSize: Int) throws -> [([String], Int, Int)] {
        let reader = try CSVReader(source: CSVMemorySource(bytes, pieces: [Int.max]), path: "t.csv",
                                   dialect: CSVDialect(header: false), chunkSize: chunkSize)
        var records: [([String], Int, Int)] = []
        while let record = try reader.next() {
            records.append(((0..<min(width, record.fieldCount)).map(record.string), record.fieldCount, record.line))
        }
        return records
    }

    @Test func batchesHoldWhatTheReaderLent() throws {
        var checked = 0
        for (name, bytes) in Self.inputs {
            for width in [1, 3, 8] {
                for chunkSize in [3, 1 << 20] {
                    let straight = try expected(bytes, width: width, chunkSize: chunkSize)
                    for (records, byteLimit) in [(1, 1 << 20), (2, 5), (7, 64), (4_096, 1 << 20)] {
                        let reader = try CSVReader(source: CSVMemorySource(bytes, pieces: [Int.max]), path: "t.csv",
                                                   dialect: CSVDialect(header: false), chunkSize: chunkSize)
                        let batch = CSVCellBatch(width: width, recordLimit: records, byteLimit: byteLimit)
                        var batched: [([String], Int, Int)] = []
                        while try batch.fill(from: reader) {
                            #expect(batch.count <= records)
                            for item in 0..<batch.count {
                                let kept = min(width, batch.fieldCount(item))
                                batched.append(((0..<kept).map { String(decoding: batch.cell(item, $0), as: UTF8.self) },
                                                batch.fieldCount(item), batch.line(item)))
                            }
                        }
                        #expect(batched.map(\.0) == straight.map(\.0), "\(name), width \(width), \(records) records a batch")
                        #expect(batched.map(\.1) == straight.map(\.1) && batched.map(\.2) == straight.map(\.2), "\(name)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked >= 2 * 3 * 2 * 4)
    }

    /// A wide file's batch holds fewer records, so that its cells' bounds stay bounded.
    @Test func aWideFileGetsFewerRecordsABatch() {
        #expect(CSVCellBatch(width: 8).recordLimit == 4_096)
        #expect(CSVCellBatch(width: 10_000).recordLimit == 6)
        #expect(CSVCellBatch(width: 1_000_000).recordLimit == 1)
    }

    /// A record longer than the batch's byte limit still fits (the batch grows), whole.
    @Test func aLongRecordGrowsTheBatch() throws {
        let long = String(repeating: "x", count: 5_000)
        let bytes = Array("a,\"\(long)\"\"\"\nb,c\n".utf8)
        let reader = try CSVReader(source: CSVMemorySource(bytes, pieces: [Int.max]), path: "t.csv", dialect: CSVDialect(header: false), chunkSize: 64)
        let batch = CSVCellBatch(width: 2, recordLimit: 10, byteLimit: 100)
        #expect(try batch.fill(from: reader))
        #expect(batch.count == 1)
        #expect(String(decoding: batch.cell(0, 1), as: UTF8.self) == long + "\"")
        #expect(try batch.fill(from: reader) && batch.count == 1)
        #expect(try !batch.fill(from: reader))
    }
}
