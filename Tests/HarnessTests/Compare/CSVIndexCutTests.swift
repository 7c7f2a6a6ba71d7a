import Foundation
import Testing
@testable import Harness

/// The gate between the first part of a split keyed index and the thread finding the cut.
@Suite struct CSVIndexCutTests {
    @Test func aCutAheadOfTheFirstPartIsAcceptedAndEndsIt() {
        let gate = CSVIndexCut(hold: 1_000)
        #expect(gate.allowance(produced: 0, batchSize: 4_096, offset: 0) == CSVIndexCut.probeRecords)
        gate.decide((offset: 5_000, records: 300, lines: 310))
        #expect(gate.accepted?.records == 300)
        #expect(gate.allowance(produced: 256, batchSize: 4_096, offset: 900) == 44)
        #expect(gate.allowance(produced: 300, batchSize: 4_096, offset: 5_000) == 0)
        gate.decide(nil)  // a later decision does not count
        #expect(gate.accepted?.records == 300)
    }

    @Test func aCutTheFirstPartMayAlreadyHavePassedIsDeclined() {
        let gate = CSVIndexCut(hold: 1_000)
        #expect(gate.allowance(produced: 0, batchSize: 4_096, offset: 0) == CSVIndexCut.probeRecords)
        gate.decide((offset: 800, records: 100, lines: 100))
        #expect(gate.accepted == nil)
        #expect(gate.allowance(produced: 256, batchSize: 4_096, offset: 2_000) == 4_096)
        let none = CSVIndexCut(hold: 1_000)
        none.decide(nil)
        #expect(none.accepted == nil)
    }

    @Test func theFirstPartWaitsAtTheHoldUntilTheCutIsDecided() {
        let gate = CSVIndexCut(hold: 1_000)
        let answered = DispatchSemaphore(value: 0)
        let answer = Box()
        Thread {
            answer.value = gate.allowance(produced: 256, batchSize: 4_096, offset: 1_000)
            answered.signal()
        }.start()
        #expect(answered.wait(timeout: .now() + .milliseconds(100)) == .timedOut)
        gate.decide((offset: 9_000, records: 700, lines: 700))
        #expect(answered.wait(timeout: .now() + .seconds(10)) == .success)
        #expect(answer.value == 444)
    }

    /// A file whose bytes are mostly one record at the start: the cut, just after it, is
    /// behind the first part's first batch unless found at once, and is then declined. Either
    /// way the report is the one part's.
    @Test func aFileMostlyOneRecordGivesTheSameReport() throws {
        let folder = try TestSupport.temporaryFolder("cut")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = (0..<400).map { "k\($0),\($0)" }
        let expected = "id,v\nhuge," + String(repeating: "x", count: 5 << 20) + "\n" + rows.joined(separator: "\n") + "\n"
        let actual = "id,v\n" + rows.reversed().joined(separator: "\n") + "\nhuge,y\n"
        let e = folder + "/e.csv", a = folder + "/a.csv"
        try TestSupport.write(expected, to: e)
        try TestSupport.write(actual, to: a)
        let options = CompareOptions(key: ["id"])
        let alone = try CSVComparator.compare(expected: e, actual: a, options: options, dialect: CSVDialect(), split: .never)
        let maybe = try CSVComparator.compare(expected: e, actual: a, options: options, dialect: CSVDialect(),
                                              split: CSVPositionalComparison.SplitPolicy(indexMinimumBytes: 1_000))
        var report = maybe.report
        report.seconds = alone.report.seconds
        #expect(report == alone.report)
        #expect(alone.report.differingRows == 1 && alone.report.rowsCompared == 401)
    }

    private final class Box: @unchecked Sendable {
        var value = -1
    }
}
