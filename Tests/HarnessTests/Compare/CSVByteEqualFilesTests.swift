import Foundation
import Testing
@testable import Harness

@Suite struct CSVByteEqualFilesTests {
    /// Byte-identical files checked on two threads give the one-thread report, or its
    /// error: well-formed files, a shared ragged row or blank line, a last row without a
    /// line end, quoted line breaks and delimiters, CRLF and lone CR line ends.
    @Test func givesWhatTheComparisonGivesAtEveryChunkSize() throws {
        let pair = try CSVPair()
        var generator = SystemRandomNumberGenerator()
        let endings: [(String, String)] = [("LF", "\n"), ("CRLF", "\r\n")]
        var engaged = 0
        for round in 0..<60 {
            var text = "id,name,v\n"
            let (_, end) = endings[round % 2]
            for row in 0..<Int.random(in: 0...400, using: &generator) {
                // A third of the rounds without defects (only quoted fields now and then).
                let pick = Int.random(in: 0..<(round % 3 == 0 ? 300 : 40), using: &generator)
                switch round % 3 == 0 && pick != 2 ? 4 : pick {
                case 0: text += "\(row),ragged" + end
                case 1: text += end  // a blank line
                case 2: text += "\(row),\"two\nlines, \"\"quoted\"\"\",1" + end
                case 3: text += "\(row),lone,1\r"
                default: text += "\(row),n\(row),\(Double(row) / 3)" + end
                }
            }
            if round % 5 == 4 { text += "last,without,end" }
            let e = try pair.write("e.csv", text)
            let a = try pair.write("a.csv", text)
            let alone = outcome { try CSVComparator.compare(expected: e, actual: a, options: CompareOptions(), dialect: CSVDialect(), split: .never).report }
            for chunkSize in [64, 100, 1 << 20] {
                // Straight: the count the two threads give, or nil to leave it to the comparison.
                let reader = try CSVReader(path: e)
                let counted = try CSVByteEqualFiles.records(expected: e, actual: a, dataStart: reader.offset, fields: 3,
                                                            delimiter: UInt8(ascii: ","), chunkSize: chunkSize, minimumBytes: 0)
                if let counted, case .success(let report) = alone {
                    #expect(counted == report.rowsCompared)
                    engaged += 1
                }
                if case .failure = alone { #expect(counted == nil, "an error is the comparison's to report") }
            }
            var policy = CSVPositionalComparison.SplitPolicy()
            policy.byteEqualMinimumBytes = 0
            let both = outcome { try CSVComparator.compare(expected: e, actual: a, options: CompareOptions(), dialect: CSVDialect(), split: policy).report }
            #expect(both == alone, "\(text.debugDescription)")
        }
        #expect(engaged >= 3 * 16, "the two threads counted each pair without defects that ends with a line end")
    }

    /// Files that differ anywhere, or by size, are left to the comparison.
    @Test func differentFilesAreNotCounted() throws {
        let pair = try CSVPair()
        let text = "a,b\n" + (0..<5000).map { "\($0),x\($0)\n" }.joined()
        let e = try pair.write("e.csv", text)
        for (name, other) in [("late", text.replacingOccurrences(of: "4999,x4999", with: "4999,y4999")),
                              ("early", text.replacingOccurrences(of: "0,x0\n", with: "0,y0\n")),
                              ("longer", text + "5000,x\n")] {
            let a = try pair.write("a.csv", other)
            let counted = try CSVByteEqualFiles.records(expected: e, actual: a, dataStart: 4, fields: 2, delimiter: UInt8(ascii: ","),
                                                        chunkSize: 64, minimumBytes: 0)
            #expect(counted == nil, "\(name)")
        }
        #expect(try CSVByteEqualFiles.records(expected: e, actual: e, dataStart: 4, fields: 2, delimiter: UInt8(ascii: ","),
                                              chunkSize: 64, minimumBytes: 0) == 5000)
        // A record that may come near the reader's limit is left to the parser, which refuses it.
        let long = try pair.write("long.csv", "a,b\n1,\(String(repeating: "x", count: 300))\n2,y\n")
        #expect(try CSVByteEqualFiles.records(expected: long, actual: long, dataStart: 4, fields: 2, delimiter: UInt8(ascii: ","),
                                              maxRecordBytes: 1000, chunkSize: 64, minimumBytes: 0) == 2)
        #expect(try CSVByteEqualFiles.records(expected: long, actual: long, dataStart: 4, fields: 2, delimiter: UInt8(ascii: ","),
                                              maxRecordBytes: 250, chunkSize: 64, minimumBytes: 0) == nil)
    }

    private func outcome(_ body: () throws -> DiffReport) -> Result<DiffReport, Failure> {
        do {
            var report = try body()
            report.seconds = 0
            return .success(report)
        } catch {
            return .failure(Failure(message: DiagnosticRenderer.render(error)))
        }
    }

    private struct Failure: Error, Equatable {
        let message: String
    }
}
