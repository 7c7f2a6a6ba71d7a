import Foundation
import Testing
@testable import Harness

@Suite struct JSONLinesComparatorTests {
    func diff(_ expected: String, _ actual: String, _ options: CompareOptions = CompareOptions(),
              chunkSize: Int = JSONLineReader.defaultChunkSize,
              lanes: JSONLinesComparator.Lanes = .init(), lockstep: Bool = true) throws -> DiffReport {
        let folder = try TestSupport.temporaryFolder("jsonl")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(expected, to: folder + "/expected.jsonl")
        try TestSupport.write(actual, to: folder + "/actual.jsonl")
        var report = try JSONLinesComparator.compare(expected: folder + "/expected.jsonl", actual: folder + "/actual.jsonl",
                                                     options: options, chunkSize: chunkSize, lanes: lanes, lockstep: lockstep)
        report.expectedPath = "expected.jsonl"
        report.actualPath = "actual.jsonl"
        return report
    }

    @Test func blankLinesLineEndingsAndMemberOrderDoNotMatter() throws {
        let report = try diff("{\"id\": 1, \"v\": [1.0]}\n\n{\"id\": 2}\n", "{\"v\":[1],\"id\":1}\r\n   \n{\"id\":2}\r\n\n\n")
        #expect(report.equal)
        #expect(report.rowsCompared == 2)
    }

    @Test func byPositionRowsAreTheFilesLineNumbers() throws {
        let report = try diff("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", "{\"a\":1}\n\n{\"a\":2}\n{\"a\":4, \"b\":null}\n")
        #expect(report.rowsCompared == 3)
        #expect(report.differingRows == 1)
        #expect(report.differingCells == 2)
        #expect(report.diffs == [
            Difference(kind: .changed, row: 3, actualRow: 4, pointer: "/a", expected: "3", actual: "4", absoluteDifference: 1, relativeDifference: 1.0 / 3),
            Difference(kind: .extraMember, row: 3, actualRow: 4, pointer: "/b", expected: nil, actual: "null"),
        ])
    }

    @Test func missingAndExtraRecordsByPosition() throws {
        let shorter = try diff("1\n2\n[3]\n", "1\n")
        #expect(shorter.missingRows == 2)
        #expect(shorter.rowsCompared == 1)
        #expect(shorter.diffs.map(\.kind) == [.missingRow, .missingRow])
        #expect(shorter.diffs.map(\.row) == [2, 3])
        #expect(shorter.diffs.last?.expected == "[3]")
        #expect(shorter.diffs.last?.pointer == "")
        let longer = try diff("1\n", "1\n\n{\"x\": 2}\n")
        #expect(longer.extraRows == 1)
        #expect(longer.diffs == [Difference(kind: .extraRow, row: 3, pointer: "", expected: nil, actual: #"{"x":2}"#)])
    }

    static let expectedRecords = """
        {"id": 1, "name": "a", "score": 0.5}
        {"id": 2, "name": "b", "score": 1.5}
        {"id": 3, "name": "c", "score": 2.5}
        {"id": 4, "name": "d", "score": 3.5}

        """

    @Test func byKeyOrderDoesNotMatterAndRowsAreLocated() throws {
        let actual = """
            {"id": 4, "name": "d", "score": 3.5}
            {"id": 1.0, "name": "a", "score": 0.50000001}
            {"id": 5, "name": "e", "score": 4.5}
            {"id": 2, "name": "B", "score": 1.5}

            """
        let report = try diff(Self.expectedRecords, actual, CompareOptions(key: ["id"], rtol: 1e-6))
        #expect(report.keyColumns == ["id"])
        #expect(report.rowsCompared == 3)
        #expect(report.differingRows == 1)
        #expect(report.differingCells == 1)
        #expect(report.missingRows == 1)
        #expect(report.extraRows == 1)
        #expect(report.diffs == [
            Difference(kind: .extraRow, row: 3, key: ["5"], pointer: "", expected: nil, actual: #"{"id":5,"name":"e","score":4.5}"#),
            Difference(kind: .changed, row: 2, actualRow: 4, key: ["2"], pointer: "/name", expected: #""b""#, actual: #""B""#),
            Difference(kind: .missingRow, row: 3, key: ["3"], pointer: "", expected: #"{"id":3,"name":"c","score":2.5}"#, actual: nil),
        ])
    }

    @Test func keysKeepTheirTypeAndCompareNumbersByValue() throws {
        let report = try diff("{\"k\": 1}\n{\"k\": \"1\"}\n{\"k\": 10}\n", "{\"k\": \"1\"}\n{\"k\": 1e1}\n{\"k\": 1.0}\n",
                              CompareOptions(key: ["k"]))
        #expect(report.equal)
        #expect(try !diff("{\"k\": 1}\n", "{\"k\": \"1\"}\n", CompareOptions(key: ["k"])).equal)
    }

    @Test func severalKeyFieldsAndRepeatedKeysPairInOrder() throws {
        let expected = "{\"m\": 1, \"r\": \"EU\", \"v\": 1}\n{\"m\": 1, \"r\": \"US\", \"v\": 2}\n{\"m\": 1, \"r\": \"US\", \"v\": 3}\n"
        let actual = "{\"r\": \"US\", \"m\": 1, \"v\": 2}\n{\"r\": \"US\", \"m\": 1, \"v\": 4}\n{\"r\": \"EU\", \"m\": 1, \"v\": 1}\n"
        let report = try diff(expected, actual, CompareOptions(key: ["m", "r"]))
        #expect(report.rowsCompared == 3)
        #expect(report.diffs == [Difference(kind: .changed, row: 3, actualRow: 2, key: ["1", #""US""#], pointer: "/v",
                                            expected: "3", actual: "4", absoluteDifference: 1, relativeDifference: 1.0 / 3)])
    }

    @Test func manyRecordsInReverseOrderMatchByKey() throws {
        let expected = (0..<3_000).map { "{\"id\": \($0), \"v\": \($0)}" }.joined(separator: "\n")
        let actual = (0..<3_000).reversed().map { "{\"v\": \($0 % 1_000 == 0 ? -1 : $0), \"id\": \($0)}" }.joined(separator: "\n")
        let report = try diff(expected, actual, CompareOptions(key: ["id"]))
        #expect(report.rowsCompared == 3_000)
        #expect(report.differingRows == 3)
        #expect(report.diffs.map(\.row) == [2_001, 1_001, 1])
        #expect(report.diffs.map(\.actualRow) == [1_000, 2_000, 3_000])
        #expect(report.missingRows == 0 && report.extraRows == 0)
    }

    @Test func aRecordWithoutTheKeyIsAnErrorWithItsLine() throws {
        do {
            _ = try diff("{\"id\": 1}\n\n{\"idd\": 2}\n", "{\"id\": 1}\n", CompareOptions(key: ["id"]))
            Issue.record("expected an error")
        } catch {
            let text = DiagnosticRenderer.render(error)
            #expect(text.contains("expected.jsonl:3:1: error: unknown --key member \"id\""))
            #expect(text.contains("did you mean \"idd\"?"))
        }
        do {
            _ = try diff("{\"id\": 1}\n", "[1]\n", CompareOptions(key: ["id"]))
            Issue.record("expected an error")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("actual.jsonl:1:1: error: record is an array, not an object"))
        }
    }

    @Test func ignorePointersApplyInsideEveryRecord() throws {
        let report = try diff("{\"at\": 1, \"v\": [{\"t\": 1, \"x\": 0}]}\n{\"at\": 2}\n",
                              "{\"at\": 5, \"v\": [{\"t\": 2, \"x\": 0}]}\n{\"at\": 6}\n",
                              CompareOptions(ignore: ["/at", "/v/*/t"]))
        #expect(report.equal)
        #expect(report.rowsCompared == 2)
    }

    @Test func countsStayCompleteBeyondMaxDiffs() throws {
        let expected = (0..<50).map { "{\"id\": \($0), \"v\": \($0)}" }.joined(separator: "\n")
        let actual = (0..<40).map { "{\"id\": \($0), \"v\": \($0 + 1)}" }.joined(separator: "\n") + "\n{\"id\": 99, \"v\": 0}"
        for options in [CompareOptions(maxDiffs: 3), CompareOptions(key: ["id"], maxDiffs: 3)] {
            let report = try diff(expected, actual, options)
            #expect(report.diffs.count == 3)
            #expect(report.differingCells == (options.key.isEmpty ? 42 : 40))
            #expect(report.missingRows == (options.key.isEmpty ? 9 : 10))
            #expect(report.extraRows == (options.key.isEmpty ? 0 : 1))
            #expect(report.totalDiffs == report.differingCells + report.missingRows + report.extraRows)
            #expect(report.cellsByColumn.values.reduce(0, +) == report.differingCells)
        }
    }

    /// Records spanning chunk boundaries give the same report at every chunk size.
    @Test func everyChunkSizeGivesTheSameReport() throws {
        let expected = Self.expectedRecords + "{\"id\": 9, \"text\": \"\(String(repeating: "x", count: 100))\"}\n"
        let actual = "{\"id\": 2, \"name\": \"b\", \"score\": 1.5}\n\n{\"id\": 1, \"name\": \"z\", \"score\": 0.5}\n{\"id\": 9, \"text\": \"y\"}\n"
        for key in [[], ["id"]] {
            let reference = try diff(expected, actual, CompareOptions(key: key))
            #expect(!reference.equal)
            for chunkSize in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144] {
                var report = try diff(expected, actual, CompareOptions(key: key), chunkSize: chunkSize)
                report.seconds = reference.seconds
                #expect(report == reference, "chunk size \(chunkSize), key \(key)")
            }
        }
    }

    /// Keyed matching on two lanes (threads) gives one lane's report: the same counts, the
    /// same first differences in actual's order, the same pointer patterns counted on their
    /// own (more than `maximumPatterns` here), and the same first error.
    @Test func twoLanesGiveOneLanesReport() throws {
        var generator = SystemRandomNumberGenerator()
        var expectedLines: [String] = []
        var actualLines: [String] = []
        for record in 0..<3_000 {
            let id = record % 2_600  // some keys repeated
            let name = "m\(record % 1_300)"  // 1,300 member names: more patterns than are counted alone
            expectedLines.append("{\"id\": \(id), \"v\": \(record), \"\(name)\": 1}")
            if record % 37 == 5 { continue }  // missing
            let value = record % 3 == 0 ? "\(record).0000001" : "\(record + (record % 5 == 0 ? 1 : 0))"
            actualLines.append("{\"\(name)\": \(record % 7 == 0 ? 1 : 2), \"v\": \(value), \"id\": \(id)}")
            if record % 101 == 7 { actualLines.append("{\"id\": \(10_000 + record)}") }  // extra
        }
        actualLines.shuffle(using: &generator)
        let expected = expectedLines.joined(separator: "\n") + "\n"
        let actual = actualLines.joined(separator: "\n") + "\n"
        for maxDiffs in [0, 5, 200, 100_000] {
            for chunkSize in [64, JSONLineReader.defaultChunkSize] {
                let options = CompareOptions(key: ["id"], rtol: 1e-9, maxDiffs: maxDiffs)
                let one = try diff(expected, actual, options, chunkSize: chunkSize, lanes: .init(forced: 1))
                var two = try diff(expected, actual, options, chunkSize: chunkSize, lanes: .init(forced: 2))
                two.seconds = one.seconds
                #expect(!one.equal && one.extraRows > 0 && one.missingRows > 0)
                #expect(one.cellsByColumn.count == JSONDiffCollector.maximumPatterns + 1)
                #expect(two == one, "max diffs \(maxDiffs), chunk size \(chunkSize)")
            }
        }
        // An error stops both lanes at its line: the first one in actual is reported.
        let broken = actualLines.enumerated().map { $0.offset == 2_000 ? "{\"v\": 1}" : $0.offset == 2_500 ? "{oops" : $0.element }
        for lanes in [1, 2] {
            do {
                _ = try diff(expected, broken.joined(separator: "\n"), CompareOptions(key: ["id"]), lanes: .init(forced: lanes))
                Issue.record("expected an error")
            } catch {
                #expect(DiagnosticRenderer.render(error).contains("actual.jsonl:2001:1: error: unknown --key member \"id\""), "lanes \(lanes)")
            }
        }
    }

    /// Records that name their key first are told apart by lane from their first bytes
    /// (`quickRead`), and pairs that differ only in digits are settled by `JSONLockstep`:
    /// the report is still one lane's, and an error after the key still stops the run at the
    /// first broken line, whichever lane owns it.
    @Test func keyFirstRecordsGiveOneLanesReportAndFirstError() throws {
        var generator = SystemRandomNumberGenerator()
        var expectedLines: [String] = []
        var actualLines: [String] = []
        for record in 0..<3_000 {
            let id = record % 2_700 == 5 ? "\"s\(record)\"" : "\(record % 2_800)"  // some string keys, some repeated
            expectedLines.append("{\"id\": \(id), \"x\": \(Double(record) / 7), \"n\": \"a\(record)\"}")
            if record % 41 == 3 { continue }  // missing
            let x = record % 9 == 0 ? Double(record) / 7 * (1 + 1e-12) : record % 50 == 1 ? Double(record) : Double(record) / 7
            let repeated = record % 97 == 0 ? ", \"id\": \(id)" : ""  // a repeated name: the slow way
            actualLines.append("{\"id\": \(id), \"x\": \(x), \"n\": \"a\(record)\"\(repeated)}")
        }
        actualLines.shuffle(using: &generator)
        let expected = expectedLines.joined(separator: "\n") + "\n"
        let actual = actualLines.joined(separator: "\n") + "\n"
        for maxDiffs in [0, 20] {
            let options = CompareOptions(key: ["id"], rtol: 1e-9, maxDiffs: maxDiffs)
            let one = try diff(expected, actual, options, lanes: .init(forced: 1))
            var two = try diff(expected, actual, options, lanes: .init(forced: 2))
            two.seconds = one.seconds
            #expect(!one.equal && one.differingRows > 0 && one.missingRows > 0 && one.rowsCompared > 2_000)
            #expect(two == one, "max diffs \(maxDiffs)")
        }
        // Broken after the key (only the owning lane scans it) and, later, before it.
        for (first, second) in [(1_200, 2_400), (2_400, 1_200)] {
            let broken = actualLines.enumerated().map {
                $0.offset == first ? String($0.element.dropLast()) + ", \"x\": }" : $0.offset == second ? "{oops" : $0.element
            }
            for lanes in [1, 2] {
                do {
                    _ = try diff(expected, broken.joined(separator: "\n"), CompareOptions(key: ["id"]), lanes: .init(forced: lanes))
                    Issue.record("expected an error")
                } catch {
                    let line = min(first, second) + 1
                    #expect(DiagnosticRenderer.render(error).contains("actual.jsonl:\(line):"), "lanes \(lanes), line \(line): \(DiagnosticRenderer.render(error))")
                }
            }
        }
    }

    /// Actual mostly in expected's order (records claimed by place, `claimAlone`) with
    /// records left out, added, repeated and moved, keys repeated in expected, values
    /// changed: the counts a first-unmatched-record-with-the-key model gives, on one lane and
    /// two, and the same as for the same records shuffled.
    @Test func keyedMatchingInFileOrderGivesTheModelsCounts() throws {
        var generator = SystemRandomNumberGenerator()
        var expected: [(id: Int, value: Int)] = []
        for record in 0..<4_000 { expected.append((record % 3_900, record)) }  // ids 0..<100 twice
        var actual: [(id: Int, value: Int)] = []
        for (index, record) in expected.enumerated() {
            if index % 37 == 5 { continue }  // left out
            if index % 211 == 9 { actual.append((50_000 + index, 0)) }  // added
            actual.append((record.id, index % 10 == 3 ? record.value + 1 : record.value))
            if index % 53 == 7 { actual.append(record) }  // repeated
        }
        actual.swapAt(1_000, 2_000)  // moved
        func model(_ actual: [(id: Int, value: Int)]) -> [Int] {
            var unmatched: [Int: [Int]] = [:]
            for (index, record) in expected.enumerated() { unmatched[record.id, default: []].append(index) }
            var compared = 0, differing = 0, extra = 0
            for record in actual {
                guard var places = unmatched[record.id], !places.isEmpty else {
                    extra += 1
                    continue
                }
                let place = places.removeFirst()
                unmatched[record.id] = places
                compared += 1
                if expected[place].value != record.value { differing += 1 }
            }
            return [compared, differing, unmatched.values.reduce(0) { $0 + $1.count }, extra]
        }
        func text(_ records: [(id: Int, value: Int)]) -> String {
            // Values written with float noise now and then (within the tolerance).
            records.map { "{\"id\": \($0.id), \"v\": \(Double($0.value) * ($0.value % 7 == 0 ? 1 + 1e-12 : 1)), \"s\": \"x\"}" }
                .joined(separator: "\n") + "\n"
        }
        let shuffled = actual.shuffled(using: &generator)
        for (order, lines) in [("in order", actual), ("shuffled", shuffled)] {
            for lanes in [1, 2] {
                let report = try diff(text(expected), text(lines), CompareOptions(key: ["id"], rtol: 1e-9, maxDiffs: 10),
                                      lanes: .init(forced: lanes))
                let counts = [report.rowsCompared, report.differingRows, report.missingRows, report.extraRows]
                #expect(counts == model(lines), "\(order), lanes \(lanes)")
            }
        }
        #expect(model(actual)[1] > 300 && model(actual)[2] > 100 && model(actual)[3] > 80)
    }

    /// Expected indexed on two threads (one checks every record, one reads keys from first
    /// bytes) gives the one-thread index's report, and its first error: a record broken
    /// after its key, one without the key, one not JSON, one whose key is not named first.
    @Test func expectedIndexedOnTwoThreadsGivesTheSameReportAndFirstError() throws {
        var expectedLines: [String] = []
        var actualLines: [String] = []
        for record in 0..<2_000 {
            // Every seventh record names its key last: read by a scan, not from its first bytes.
            expectedLines.append(record % 7 == 0 ? "{\"x\": \(record), \"id\": \(record)}" : "{\"id\": \(record), \"x\": \(record)}")
            if record % 50 != 3 { actualLines.append("{\"id\": \(record), \"x\": \(record % 11 == 0 ? record + 1 : record)}") }
        }
        actualLines.reverse()
        let actual = actualLines.joined(separator: "\n") + "\n"
        let options = CompareOptions(key: ["id"], maxDiffs: 50)
        let one = try diff(expectedLines.joined(separator: "\n") + "\n", actual, options, lanes: .init(forced: 1))
        var two = try diff(expectedLines.joined(separator: "\n") + "\n", actual, options, lanes: .init(forced: 2))
        two.seconds = one.seconds
        #expect(one.missingRows == 40 && one.differingRows > 100)
        #expect(two == one)
        let breaks: [(Int, String)] = [(1_500, "{\"id\": 1500, \"x\": }"), (900, "{\"x\": 900}"), (1_200, "{oops"),
                                       (300, "{\"id\": 300, \"x\": \"\\q\"}")]
        for count in 1...breaks.count {
            var broken = expectedLines
            for (line, text) in breaks.prefix(count) { broken[line] = text }
            let first = breaks.prefix(count).map(\.0).min() ?? 0
            var messages: [String] = []
            for lanes in [1, 2] {
                do {
                    _ = try diff(broken.joined(separator: "\n") + "\n", actual, options, lanes: .init(forced: lanes))
                    Issue.record("expected an error")
                } catch {
                    // Each run has a folder of its own: the message from the file name on.
                    let message = DiagnosticRenderer.render(error)
                    messages.append(String(message[(message.range(of: "expected.jsonl")?.lowerBound ?? message.startIndex)...]))
                }
            }
            #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
            #expect(messages.first?.hasPrefix("expected.jsonl:\(first + 1):") == true, "\(messages)")
        }
    }

    /// By position, pairs that differ only in their numbers' digits are settled by the
    /// lockstep walk: the report is the one the scans and the structural walk give, on one
    /// thread or with expected checked on a second, and a malformed line on either side is
    /// still the error at its line, even one the walk would call equal (expected is checked
    /// before "equal" is trusted).
    @Test func byPositionTheLockstepWalkGivesTheScansReportAndFirstError() throws {
        var generator = SystemRandomNumberGenerator()
        var expectedLines: [String] = []
        var actualLines: [String] = []
        for record in 0..<2_000 {
            let x = Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 977
            let tiny = Double.random(in: 1e-300...1e-290, using: &generator)
            expectedLines.append("{\"id\": \(record), \"x\": \(x), \"t\": [\(tiny), true], \"s\": \"q\\\"\(record)\"}")
            let noisy = x * (1 + Double.random(in: -1e-11...1e-11, using: &generator))
            let line: String
            switch record >= 1_000 && record < 1_040 ? 3 : record % 11 {  // 40 in a row the walk cannot settle
            case 0: line = "{\"id\": \(record), \"x\": \(x + 1), \"t\": [\(tiny), true], \"s\": \"q\\\"\(record)\"}"  // a real change
            case 1: line = "{\"x\": \(noisy), \"id\": \(record), \"t\": [\(tiny), true], \"s\": \"q\\\"\(record)\"}"  // members reordered
            case 2: line = "{\"id\": \(record).0, \"x\": \(noisy)e0, \"t\": [\(tiny * 1.5), true], \"s\": \"q\\\"\(record)\"}"
            case 3: line = "{\"id\": \(record), \"x\": \(noisy), \"t\": [\(tiny), true], \"s\": \"q\\\"\(record + 1)\"}"  // a string changed
            default: line = "{\"id\": \(record), \"x\": \(noisy), \"t\": [\(tiny), true], \"s\": \"q\\\"\(record)\"}"
            }
            actualLines.append(line)
        }
        let expected = expectedLines.joined(separator: "\n") + "\n"
        let actual = (actualLines + ["{\"extra\": 1}"]).joined(separator: "\n") + "\n"
        for (rtol, atol) in [(1e-9, 0.0), (0, 0), (0, 1e-3)] {
            for maxDiffs in [0, 20, 100_000] {
                for chunkSize in [64, JSONLineReader.defaultChunkSize] {
                    let options = CompareOptions(rtol: rtol, atol: atol, maxDiffs: maxDiffs)
                    let scanned = try diff(expected, actual, options, chunkSize: chunkSize, lockstep: false)
                    #expect(!scanned.equal && scanned.differingRows >= 360 && scanned.extraRows == 1)
                    // One thread, and two (the second checking expected).
                    for lanes in [1, 2] {
                        var walked = try diff(expected, actual, options, chunkSize: chunkSize, lanes: .init(forced: lanes))
                        walked.seconds = scanned.seconds
                        #expect(walked == scanned, "rtol \(rtol), atol \(atol), max diffs \(maxDiffs), chunk size \(chunkSize), lanes \(lanes)")
                    }
                }
            }
        }
        // Broken where the walk would call the pair equal (a trailing comma in expected, a
        // number JSON does not allow in actual), and broken elsewhere: the first line stops it.
        let breaks: [(side: Int, line: Int, text: String, other: String)] = [
            (0, 1_500, "{\"id\": 1500, \"x\": 1.5,}", "{\"id\": 1500, \"x\": 1.50000000001,}"),
            (1, 1_200, "{\"id\": 1200, \"x\": 1.5}", "{\"id\": 1200, \"x\": 01.5}"),
            (1, 900, "{\"id\": 900, \"x\": 1.5}", "{\"id\": 900, \"x\": 1.5e}"),
            (0, 600, "{\"id\": 600, \"x\": 1.5, \"y\": tru}", "{\"id\": 600, \"x\": 1.5000000000001, \"y\": tru}"),
            (1, 300, "{\"id\": 300, \"x\": 2}", "{\"id\": 300, \"x\": +2}"),
        ]
        for count in 1...breaks.count {
            var brokenExpected = expectedLines, brokenActual = actualLines
            for item in breaks.prefix(count) {
                brokenExpected[item.line] = item.text
                brokenActual[item.line] = item.other
            }
            let first = breaks.prefix(count).min { $0.line < $1.line }!
            var messages: [String] = []
            for (lockstep, lanes) in [(false, 1), (true, 1), (true, 2)] {
                do {
                    _ = try diff(brokenExpected.joined(separator: "\n") + "\n", brokenActual.joined(separator: "\n") + "\n",
                                 CompareOptions(rtol: 1e-9), lanes: .init(forced: lanes), lockstep: lockstep)
                    Issue.record("expected an error")
                } catch {
                    let message = DiagnosticRenderer.render(error)
                    messages.append(String(message[(message.range(of: first.side == 0 ? "expected.jsonl" : "actual.jsonl")?.lowerBound ?? message.startIndex)...]))
                }
            }
            #expect(messages.count == 3 && Set(messages).count == 1, "\(messages)")
            let file = first.side == 0 ? "expected.jsonl" : "actual.jsonl"
            #expect(messages.first?.hasPrefix("\(file):\(first.line + 1):") == true, "\(messages)")
        }
    }

    @Test func malformedLinesAreErrorsEvenWhenBothSidesShareThem() throws {
        // Byte-identical lines are equal without being compared, but only once validated.
        #expect(throws: HarnessError.self) { try diff("{\"a\": 1}\n{oops\n", "{\"a\": 1}\n{oops\n") }
        do {
            _ = try diff("{\"a\": 1}\n\n{\"a\": 1,}\n", "{\"a\": 1}\n{\"a\": 2}\n")
            Issue.record("expected an error")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("expected.jsonl:3:9: error: unexpected '}', expected a key in double quotes"))
        }
    }

    @Test func byteEqualFilesAreCountedRecordForRecordAtEveryChunkSize() throws {
        // Blank lines, CRLF, escapes, a last line without a line end: the fast path (two
        // threads when the file is at least two chunks) counts what the line-by-line path counts.
        let text = "{\"a\": 1}\r\n\n  \n[1, \"x\\n\", {\"b\": null}]\n\"é\"\n2\n{}\n[]\n3"
        for chunkSize in [1, 2, 3, 5, 8, 13, 64, JSONLineReader.defaultChunkSize] {
            let report = try diff(text, text, chunkSize: chunkSize)
            #expect(report.equal)
            #expect(report.rowsCompared == 7, "chunk size \(chunkSize)")
        }
    }

    @Test func byteEqualFilesWithAMalformedLineReportItsLineAtEveryChunkSize() throws {
        let text = "{\"a\": 1}\n[1, 2]\n\n{\"a\": 1}\n[1, 2]\n{\"a\": 1,}\n[3]\n"
        for chunkSize in [1, 3, 8, 13, JSONLineReader.defaultChunkSize] {
            do {
                _ = try diff(text, text, chunkSize: chunkSize)
                Issue.record("expected an error at chunk size \(chunkSize)")
            } catch {
                #expect(DiagnosticRenderer.render(error).contains("expected.jsonl:6:9: error: unexpected '}', expected a key in double quotes"))
            }
        }
    }

    @Test func sameSizeFilesThatDifferLateAreComparedAsBefore() throws {
        let report = try diff("{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3}\n", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 4}\n", chunkSize: 4)
        #expect(report.rowsCompared == 3)
        #expect(report.differingRows == 1)
        #expect(report.diffs.map(\.row) == [3])
    }

    @Test func byteEqualCheckSaysNilUnlessEqualAndWellFormed() throws {
        let folder = try TestSupport.temporaryFolder("jsonl-equal")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (a, b, c) = (folder + "/a.jsonl", folder + "/b.jsonl", folder + "/c.jsonl")
        try TestSupport.write("[1]\n\n{\"x\": 2}\n", to: a)
        try TestSupport.write("[1]\n\n{\"x\": 2}\n", to: b)
        try TestSupport.write("[1]\n\n{\"x\": 3}\n", to: c)
        for chunkSize in [1, 2, 5, 1 << 20] {
            #expect(try ByteEqualLines.check(expected: a, actual: b, chunkSize: chunkSize) == 2)
            #expect(try ByteEqualLines.check(expected: a, actual: c, chunkSize: chunkSize) == nil)
        }
        try TestSupport.write("[1]\n\n{\"x\": }\n", to: c)
        try TestSupport.write("[1]\n\n{\"x\": }\n", to: b)
        #expect(try ByteEqualLines.check(expected: b, actual: c, chunkSize: 3) == nil)
    }

    /// One file's check (keyed matching's first pass): the records when all are well-formed.
    @Test func wellFormedRecordsCountsRecordsOrSaysNil() throws {
        let folder = try TestSupport.temporaryFolder("jsonl-wellformed")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (good, bad, late) = (folder + "/good.jsonl", folder + "/bad.jsonl", folder + "/late.jsonl")
        try TestSupport.write("{\"a\": 1}\r\n\n  \n[1, \"x\\n\"]\n\"é\"\n2", to: good)
        try TestSupport.write("{\"a\": 1}\n{\"a\": \"\\q\"}\n", to: bad)
        try TestSupport.write(String(repeating: "{\"a\": [1, 2.5e3]}\n", count: 40) + "{\"a\": 01}\n", to: late)
        for chunkSize in [1, 2, 5, 13, 1 << 20] {
            #expect(try ByteEqualLines.wellFormedRecords(in: good, chunkSize: chunkSize) == 4, "chunk size \(chunkSize)")
            #expect(try ByteEqualLines.wellFormedRecords(in: bad, chunkSize: chunkSize) == nil)
            #expect(try ByteEqualLines.wellFormedRecords(in: late, chunkSize: chunkSize) == nil)
        }
        #expect(try ByteEqualLines.wellFormedRecords(in: folder) == nil)
        #expect(throws: HarnessError.self) { try ByteEqualLines.wellFormedRecords(in: folder + "/missing.jsonl") }
    }
}
