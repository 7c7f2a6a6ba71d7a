import Foundation
import Testing
@testable import Harness

@Suite struct JSONRecordFetcherTests {
    /// Records read back in file order, in reverse and at random, through windows smaller
    /// and larger than the records, are the bytes at their offsets.
    @Test(arguments: [1, 7, 64, JSONRecordFetcher.defaultWindowSize])
    func recordsComeBackInAnyOrder(windowSize: Int) throws {
        let records = (0..<40).map { "{\"id\": \($0), \"pad\": \"\(String(repeating: "x", count: $0 % 9))\"}" }
        let content = records.joined(separator: "\n") + "\n"
        let folder = try TestSupport.temporaryFolder("fetch")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(content, to: folder + "/f.jsonl")
        var locations: [(offset: Int, length: Int)] = []
        var offset = 0
        for record in records {
            locations.append((offset, record.utf8.count))
            offset += record.utf8.count + 1
        }
        let fetcher = try JSONRecordFetcher(path: folder + "/f.jsonl", windowSize: windowSize)
        var generator = SystemRandomNumberGenerator()
        // Also a random record followed by the one after it, again and again (a lone
        // sequential request, which reads no window), and runs of three in order.
        let pairs = (0..<20).flatMap { _ in
            let first = Int.random(in: 0..<(records.count - 3), using: &generator)
            return Bool.random(using: &generator) ? [first, first + 1] : [first, first + 1, first + 2]
        }
        let orders = [Array(records.indices), records.indices.reversed(), records.indices.shuffled(using: &generator), pairs]
        for order in orders {
            for number in order {
                let (offset, length) = locations[number]
                let text = try fetcher.withRecord(offset: offset, length: length) { String(decoding: $0, as: UTF8.self) }
                #expect(text == records[number])
            }
        }
        #expect(throws: HarnessError.self) { try fetcher.withRecord(offset: offset - 3, length: 10) { _ in } }
    }
}
