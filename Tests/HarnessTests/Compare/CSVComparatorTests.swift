import Foundation
import Testing
@testable import Harness

/// Writes CSV texts into a fresh folder and compares them.
final class CSVPair {
    let folder: String

    init() throws {
        folder = try TestSupport.temporaryFolder("csvdiff")
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func path(_ name: String) -> String { folder + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try TestSupport.write(text, to: path(name))
        return path(name)
    }

    func compare(_ expected: String, _ actual: String, _ options: CompareOptions = CompareOptions()) throws -> DiffReport {
        try CSVComparator.compare(expected: write("expected.csv", expected), actual: write("actual.csv", actual), options: options)
    }

    /// The error message the comparison throws, rendered.
    func error(_ expected: String, _ actual: String, _ options: CompareOptions = CompareOptions()) -> String? {
        do {
            _ = try compare(expected, actual, options)
            return nil
        } catch {
            return DiagnosticRenderer.render(error)
        }
    }
}

@Suite struct CSVComparatorTests {
    @Test func sameTextInDifferentSpellingsIsEqual() throws {
        let pair = try CSVPair()
        let expected = "id,name,value\n1,\"a, b\",1.0\n2,\"say \"\"hi\"\"\",-0\n3,\"two\nlines\",1e3\n"
        let actual = "\u{FEFF}id,name,value\r\n1,\"a, b\",1\r\n\"2\",\"say \"\"hi\"\"\",0\r\n3,\"two\nlines\",1000.00"
        let report = try pair.compare(expected, actual)
        #expect(report.equal)
        #expect(report.rowsCompared == 3)
        #expect(report.diffs.isEmpty)
    }

    @Test func aChangedCellIsReportedWithRowColumnValuesAndDifferences() throws {
        let pair = try CSVPair()
        let report = try pair.compare("id,price,name\n1,10.0,a\n2,20.0,b\n3,30.0,c\n",
                                      "id,price,name\n1,10.0,a\n2,20.5,b\n3,30.0,C\n")
        #expect(!report.equal)
        #expect(report.rowsCompared == 3)
        #expect(report.differingRows == 2)
        #expect(report.differingCells == 2)
        #expect(report.cellsByColumn == ["price": 1, "name": 1])
        // Each difference carries the row's first text columns, for the HTML report.
        #expect(report.contextColumns == ["name"])
        #expect(report.diffs.map(\.context) == [["b"], ["c"]])
        #expect(report.diffs.map { var plain = $0; plain.context = nil; return plain } == [
            Difference(kind: .changed, row: 3, column: "price", expected: "20.0", actual: "20.5",
                       absoluteDifference: 0.5, relativeDifference: 0.025),
            Difference(kind: .changed, row: 4, column: "name", expected: "c", actual: "C"),
        ])
    }

    @Test func toleranceAppliesToNumbersOnly() throws {
        let pair = try CSVPair()
        let expected = "x,y\n100,a\n0.5,1\n"
        let actual = "x,y\n100.00005,a\n0.5000001,1.0\n"
        #expect(try !pair.compare(expected, actual).equal)
        #expect(try pair.compare(expected, actual, CompareOptions(rtol: 1e-6)).equal)
        #expect(try pair.compare(expected, actual, CompareOptions(atol: 1e-4)).equal)
        #expect(try pair.compare("x\nNaN\n\n", "x\n\nnan\n").equal)  // one column: a blank line is an empty cell
    }

    @Test func columnsAreMatchedByNameAndMissingOrExtraOnesReportedOnce() throws {
        let pair = try CSVPair()
        let reordered = try pair.compare("a,b,c\n1,2,3\n4,5,6\n", "c,a,b\n3,1,2\n6,4,5\n")
        #expect(reordered.equal)
        let report = try pair.compare("a,b,c\n1,2,3\n4,5,6\n", "d,b,a\n9,2,1\n9,5,7\n")
        #expect(report.missingColumns == ["c"])
        #expect(report.extraColumns == ["d"])
        #expect(report.differingCells == 1)
        #expect(report.diffs.map(\.column) == ["a"])
        #expect(report.totalDiffs == 1)
    }

    @Test func ignoredColumnsAreLeftOutAndUnknownOnesSuggestAName() throws {
        let pair = try CSVPair()
        let options = CompareOptions(ignore: ["generated_at", "extra"])
        let report = try pair.compare("id,generated_at\n1,monday\n", "id,generated_at,extra\n1,tuesday,x\n", options)
        #expect(report.equal)
        let message = pair.error("id,generated_at\n1,a\n", "id,generated_at\n1,b\n", CompareOptions(ignore: ["generatd_at"]))
        #expect(message?.contains("unknown column \"generatd_at\"") == true)
        #expect(message?.contains("did you mean \"generated_at\"?") == true)
    }

    @Test func missingAndExtraRowsByPositionAreCountedAndListed() throws {
        let pair = try CSVPair()
        let missing = try pair.compare("a\n1\n2\n3\n", "a\n1\n")
        #expect(missing.missingRows == 2)
        #expect(missing.rowsCompared == 1)
        #expect(missing.diffs.map(\.kind) == [.missingRow, .missingRow])
        #expect(missing.diffs.map(\.row) == [3, 4])
        #expect(missing.diffs.first?.expected == "2")
        let extra = try pair.compare("a\n1\n", "a\n1\n2\n")
        #expect(extra.extraRows == 1)
        #expect(extra.diffs == [Difference(kind: .extraRow, row: 3, actual: "2")])
    }

    @Test func keyedRowsMatchInAnyOrder() throws {
        let pair = try CSVPair()
        let expected = "id,region,v\n1,EU,10\n2,EU,20\n3,US,30\n4,US,40\n"
        let actual = "region,v,id\nUS,40,4\nEU,21,2\nEU,10,1\nAPAC,50,5\n"
        let report = try pair.compare(expected, actual, CompareOptions(key: ["id"]))
        #expect(report.rowsCompared == 3)
        #expect(report.differingRows == 1)
        #expect(report.missingRows == 1)
        #expect(report.extraRows == 1)
        #expect(report.keyColumns == ["id"])
        #expect(report.diffs.map(\.context) == [["EU"], ["APAC"], ["US"]])
        #expect(report.diffs.map { var plain = $0; plain.context = nil; return plain } == [
            Difference(kind: .changed, row: 3, key: ["2"], column: "v", expected: "20", actual: "21",
                       absoluteDifference: 1, relativeDifference: 0.05),
            Difference(kind: .extraRow, row: 5, key: ["5"], actual: "APAC,50,5"),
            Difference(kind: .missingRow, row: 4, key: ["3"], expected: "3,US,30"),
        ])
        let composite = try pair.compare(expected, "id,region,v\n1,US,10\n2,EU,20\n3,US,30\n4,US,40\n",
                                         CompareOptions(key: ["id", "region"]))
        #expect(composite.missingRows == 1 && composite.extraRows == 1)
        #expect(composite.diffs.first?.key == ["1", "US"])
    }

    @Test func keyedRowsThatAllDifferMatchWhatPositionSees() throws {
        // Every row is re-read from expected (its row hash differs); rows in file order are
        // served from read-ahead, a few swapped ones by single reads.
        let pair = try CSVPair()
        var expected = "id,name,v\n"
        var rows: [String] = []
        for row in 0..<5000 {
            expected += "\(row),\"n, \(row)\",\(row).25\n"
            rows.append("\(row),\"n, \(row)\",\(row).5")
        }
        rows.swapAt(10, 4000)
        rows.swapAt(2500, 2501)
        let report = try pair.compare(expected, "id,name,v\n" + rows.joined(separator: "\n") + "\n",
                                      CompareOptions(key: ["id"], maxDiffs: 5000))
        #expect(report.rowsCompared == 5000)
        #expect(report.differingRows == 5000)
        #expect(report.missingRows == 0 && report.extraRows == 0)
        #expect(Set(report.diffs.compactMap(\.row)) == Set(2..<5002))
        #expect(report.diffs.allSatisfy { $0.expected == "\(($0.row ?? 0) - 2).25" && $0.key == ["\(($0.row ?? 0) - 2)"] })
    }

    @Test func keyedRowsAreFoundWhateverTheirLengthAndLineBreaks() throws {
        // Rows of 70,000 bytes and quoted CRLF line breaks among short rows: each row is
        // re-read from where the index says it is, wherever it sits in the file.
        let pair = try CSVPair()
        var expected = "id,text,v\r\n"
        var actual: [String] = []
        for row in 0..<3000 {
            let text = row % 97 == 0 ? String(repeating: "x", count: 70_000) : row % 5 == 0 ? "\"two\r\nlines\"" : "t\(row)"
            expected += "\(row),\(text),\(row)\r\n"
            if row % 250 == 3 { continue }  // missing
            actual.append("\(row),\(text),\(row % 400 == 7 ? row + 1 : row)")
        }
        actual.append("9999,extra,1")
        actual.reverse()
        let report = try pair.compare(expected, "id,text,v\r\n" + actual.joined(separator: "\r\n") + "\r\n",
                                      CompareOptions(key: ["id"], maxDiffs: 100))
        #expect(report.rowsCompared == 2988)
        #expect(report.missingRows == 12 && report.extraRows == 1)
        #expect(report.differingRows == 8)
        let missing = report.diffs.filter { $0.kind == .missingRow }
        let missingKeys: [[String]] = (0..<12).map { (row: Int) -> [String] in [String(row * 250 + 3)] }
        #expect(missing.map(\.key) == missingKeys)
        #expect(missing.allSatisfy { $0.expected?.hasPrefix("\($0.key?[0] ?? ""),") == true })
        let changed = report.diffs.filter { $0.kind == .changed }
        let changedValues: [String] = changed.compactMap(\.expected).sorted()
        let expectedValues: [String] = (0..<8).map { (row: Int) -> String in String(row * 400 + 7) }.sorted()
        #expect(changedValues == expectedValues)

        let late = expected + "2999,again,0\r\n"
        let error = pair.error(late, "id,text,v\r\n", CompareOptions(key: ["id"]))
        #expect(error?.contains("error: duplicate key id=\"2999\" in this file (rows 3001 and 3002)") == true, "\(error ?? "")")
    }

    @Test func duplicateKeysAreAnErrorNamingBothRows() throws {
        let pair = try CSVPair()
        let inExpected = pair.error("id,v\n1,a\n2,b\n1,c\n", "id,v\n1,a\n", CompareOptions(key: ["id"]))
        #expect(inExpected?.contains("expected.csv:4:1: error: duplicate key id=\"1\" in this file (rows 2 and 4)") == true, "\(inExpected ?? "")")
        let inActual = pair.error("id,v\n1,a\n2,b\n", "id,v\n1,a\n2,b\n1,a\n", CompareOptions(key: ["id"]))
        #expect(inActual?.contains("actual.csv:4:1: error: duplicate key id=\"1\"") == true, "\(inActual ?? "")")
        let unknown = pair.error("id,v\n1,a\n", "id,v\n1,a\n", CompareOptions(key: ["Id"]))
        #expect(unknown?.contains("did you mean \"id\"?") == true)
    }

    @Test func maxDiffsCapsTheListButNotTheCounts() throws {
        let pair = try CSVPair()
        var expected = "id,a,b\n"
        var actual = "id,a,b\n"
        for row in 0..<50 {
            expected += "\(row),\(row),x\n"
            actual += "\(row),\(row + 1),\(row % 2 == 0 ? "y" : "x")\n"
        }
        for key in [[String](), ["id"]] {
            let report = try pair.compare(expected, actual, CompareOptions(key: key, maxDiffs: 5))
            #expect(report.diffs.count == 5)
            #expect(report.differingRows == 50)
            #expect(report.differingCells == 75)
            #expect(report.totalDiffs == 75)
            #expect(report.cellsByColumn == ["a": 50, "b": 25])
        }
    }

    @Test func rowNumbersStayRightAcrossIdenticalStretchesWithQuotedLineBreaks() throws {
        // Big enough to cross the 1 MiB buffers and the bulk path's windows several times.
        let pair = try CSVPair()
        var expected = "id,text,v\r\n"
        var actual = expected
        for row in 0..<40_000 {
            let text = row % 7 == 0 ? "\"line \(row)\nnext, \"\"q\"\"\"" : "plain \(row)"
            expected += "\(row),\(text),\(row).5\r\n"
            actual += "\(row),\(text),\(row).\(row == 39_990 ? 6 : 5)\r\n"
        }
        let report = try pair.compare(expected, actual)
        #expect(report.rowsCompared == 40_000)
        #expect(report.diffs.map(\.row) == [39_992])
        #expect(report.diffs.first?.expected == "39990.5")
        let missing = try pair.compare(expected + "40000,x,1\r\n", expected)
        #expect(missing.diffs.map(\.row) == [40_002])
    }

    @Test func splittingBetweenTwoThreadsGivesTheSameReport() throws {
        let pair = try CSVPair()
        var expected = "id,text,v\n"
        var actual = expected
        for row in 0..<6000 {
            let text = row % 11 == 0 ? "\"multi\nline, \"\"\(row)\"\"\"" : "t\(row)"
            expected += "\(row),\(text),\(Double(row) / 7)\n"
            // Most rows differ a little; some differ beyond tolerance; the end has extra rows.
            actual += "\(row),\(text),\(Double(row) / 7 * (row % 500 == 0 ? 1.01 : 1 + 1e-12))\n"
        }
        actual += "6000,extra,1\n6001,extra,2\n"
        let e = try pair.write("e.csv", expected)
        let a = try pair.write("a.csv", actual)
        // Cut at 55% of what is left (at least 64 KiB in: record 5,612), the later part lists only
        // the extra rows and so picks no context columns of its own: they take the earlier
        // part's, as on one thread.
        let lowered = CSVPositionalComparison.SplitPolicy(decisionRecords: 100, minimumBytes: 1000, pollRecords: 16,
                                                          cutFraction: 0.55)
        for maxDiffs in [3, 20] {
            let options = CompareOptions(rtol: 1e-9, maxDiffs: maxDiffs)
            let alone = try Self.sameReportSplitOrNot(e, a, options, lowered)
            #expect(alone.differingRows == 11 && alone.extraRows == 2)
            // A cut found too late is declined and this thread compares on alone: it asks
            // first past the cut (record 5,612 here), or never before the end.
            for poll in [5_800, 1_000_000] {
                let late = CSVPositionalComparison.SplitPolicy(decisionRecords: 100, minimumBytes: 1000, pollRecords: poll)
                let declined = try CSVComparator.compare(expected: e, actual: a, options: options, dialect: CSVDialect(), split: late)
                var unsplit = declined.report
                unsplit.seconds = alone.seconds
                #expect(!declined.split && unsplit == alone, "poll every \(poll)")
            }
        }
        // A malformed row in the first part is the error reported, as when not split.
        let broken = try pair.write("broken.csv", expected.replacingOccurrences(of: "\n4000,", with: "\n4000,\"oops,"))
        #expect(throws: HarnessError.self) {
            try CSVComparator.compare(expected: broken, actual: a, options: CompareOptions(), dialect: CSVDialect(), split: lowered)
        }
    }

    /// Inputs the csv-compare fuzz target found where a split and one thread disagreed, with
    /// what one thread says: lone CRs (each ends a record) and a ragged row both files share;
    /// a shared row with a byte after a closing quote. The bulk path had skipped those rows
    /// on one side and not on the other.
    @Test(arguments: [
        (Array("~bngRaea~bngRaea\n\rc".utf8) + [0xB8, 0xAD, 0xE5] + Array("\r\n2,4\r\n\rc".utf8) + [0xB8, 0xAD, 0xE5]
            + Array("\r\n2,4\r".utf8), "row 4 has 2 fields"),
        ([126, 98, 101, 97, 10, 13, 99, 10, 50, 48, 97, 10, 101, 59, 13, 98, 126, 97, 10, 34, 34, 198, 10, 50, 44, 52, 41,
          245, 211, 203, 242, 44, 204, 84, 245, 211, 203, 242], "after the closing quote of a field"),
    ] as [([UInt8], String)])
    func splitGivesOneThreadsErrorOnAFileComparedWithItself(bytes: [UInt8], oneThread: String) throws {
        let pair = try CSVPair()
        let path = pair.path("a.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let policy = CSVPositionalComparison.SplitPolicy(decisionRecords: 2, minimumBytes: 0, pollRecords: 1, cutFraction: 0.55)
        func message(_ split: CSVPositionalComparison.SplitPolicy) -> String {
            do {
                _ = try CSVComparator.compare(expected: path, actual: path, options: CompareOptions(rtol: 1e-6), dialect: CSVDialect(), split: split)
                return "no error"
            } catch {
                return DiagnosticRenderer.render(error)
            }
        }
        #expect(message(.never).contains(oneThread))
        #expect(message(policy) == message(.never))
    }

    /// Keyed: a large expected file is indexed in two parts at once, each part's rows at
    /// their own row numbers; the report and the errors are those of one part.
    @Test func indexingExpectedInTwoPartsGivesTheSameReport() throws {
        let pair = try CSVPair()
        var rows: [String] = []
        for row in 0..<12_000 {
            // Rows quoted over two lines, and a few longer than 65,535 bytes (kept aside by
            // the index; two of them in the middle, which moves the cut past them).
            let text = row % 13 == 0 ? "\"multi\nline, \"\"\(row)\"\"\"" : [3_001, 5_190, 5_191, 9_002].contains(row)
                ? String(repeating: "x", count: 70_000) : "t\(row)"
            rows.append("k\(row),\(text),\(Double(row) / 7)")
        }
        let header = "id,text,v\n"
        let expected = header + rows.joined(separator: "\n") + "\n"
        // Actual: shuffled, every 1,000th row missing, every 700th changed beyond tolerance,
        // the rest within it, and two extra rows.
        var actualRows: [String] = []
        for (row, line) in rows.enumerated() where row % 1000 != 999 {
            let changed = line.replacingOccurrences(of: ",\(Double(row) / 7)", with: ",\(Double(row) / 7 * (row % 700 == 0 ? 1.01 : 1 + 1e-12))")
            actualRows.append(changed)
        }
        actualRows += ["x1,extra,1", "x2,extra,2"]
        actualRows.shuffle()
        let e = try pair.write("e.csv", expected)
        let a = try pair.write("a.csv", header + actualRows.joined(separator: "\n") + "\n")
        let lowered = CSVPositionalComparison.SplitPolicy(indexMinimumBytes: 1000)
        for maxDiffs in [20, 100] {
            let options = CompareOptions(key: ["id"], rtol: 1e-9, maxDiffs: maxDiffs)
            let alone = try Self.sameReportSplitOrNot(e, a, options, lowered)
            #expect(alone.missingRows == 12 && alone.extraRows == 2 && alone.differingRows == 17)
        }
        // Every missing row listed is re-read at the offset the index keeps: the rows around
        // the cut among them.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: CSVSplitPoint.readSize, alignment: 16)
        defer { buffer.deallocate() }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: e)[.size] as? Int)
        let cut = try #require(try CSVSplitPoint.record(near: 0.5, path: e, start: header.utf8.count, size: size, buffer: buffer))
        let around = Array(cut.records - 3...cut.records + 1)
        let kept = rows.enumerated().filter { !around.contains($0.offset) }.map { $0.element }
        let cutRows = try pair.write("cut.csv", header + kept.joined(separator: "\n") + "\n")
        let listed = try CSVComparator.compare(expected: e, actual: cutRows, options: CompareOptions(key: ["id"], maxDiffs: 10),
                                               dialect: CSVDialect(), split: lowered)
        #expect(listed.split)
        #expect(listed.report.diffs.map(\.expected) == around.map { rows[$0] }, "the rows around the cut")

        // Errors: the first part's before the second's, as one part reports them.
        func message(_ expected: String, _ split: CSVPositionalComparison.SplitPolicy) -> String {
            do {
                _ = try CSVComparator.compare(expected: expected, actual: a, options: CompareOptions(key: ["id"]), dialect: CSVDialect(), split: split)
                return "no error"
            } catch {
                return DiagnosticRenderer.render(error)
            }
        }
        let duplicate = try pair.write("dup.csv", expected + "k20,again,1\n")
        let ragged = try pair.write("ragged.csv", expected.replacingOccurrences(of: "\nk10000,", with: "\nk10000,1,"))
        let both = try pair.write("both.csv", expected.replacingOccurrences(of: "\nk10000,", with: "\nk10000,1,")
            .replacingOccurrences(of: "\nk2000,", with: "\nk2000,\"oops,"))
        for (path, says) in [(duplicate, "duplicate key id=\"k20\""), (ragged, "has 4 fields"), (both, "unexpected")] {
            #expect(message(path, .never).contains(says), "\(message(path, .never))")
            #expect(message(path, lowered) == message(path, .never))
        }
    }

    /// The later part's first differing row has other text columns than the first of all:
    /// its differences still show the columns one thread would have picked.
    @Test func splitPartsShowTheContextColumnsOfTheFirstDifferingRow() throws {
        let pair = try CSVPair()
        var expected = "id,note,label,v\n"
        var actual = expected
        for row in 0..<6000 {
            let note = row < 1000 ? "n\(row)" : ""
            expected += "\(row),\(note),l\(row),\(Double(row) / 7)\n"
            actual += "\(row),\(note),l\(row),\(Double(row) / 7 * (row % 300 == 0 ? 1.01 : 1 + 1e-12))\n"
        }
        let e = try pair.write("e.csv", expected)
        let a = try pair.write("a.csv", actual)
        let options = CompareOptions(rtol: 1e-9, maxDiffs: 100)
        let policy = CSVPositionalComparison.SplitPolicy(decisionRecords: 100, minimumBytes: 1000, pollRecords: 16)
        let alone = try Self.sameReportSplitOrNot(e, a, options, policy)
        #expect(alone.contextColumns == ["note", "label"])
        #expect(alone.diffs.last?.context == ["", "l5700"])
    }

    /// Compares `e` with `a` on one thread and as `policy` splits it, expects only the second
    /// to split and both to give the same report, and returns that report.
    static func sameReportSplitOrNot(_ e: String, _ a: String, _ options: CompareOptions,
                                     _ policy: CSVPositionalComparison.SplitPolicy) throws -> DiffReport {
        let alone = try CSVComparator.compare(expected: e, actual: a, options: options, dialect: CSVDialect(), split: .never)
        let split = try CSVComparator.compare(expected: e, actual: a, options: options, dialect: CSVDialect(), split: policy)
        #expect(!alone.split && split.split)
        var report = split.report
        report.seconds = alone.report.seconds
        #expect(report == alone.report)
        return alone.report
    }

    @Test(arguments: [
        ("a,b\n1,2\n3,\"x\n", "expected.csv:3:3: error: unterminated quoted field"),
        ("a,b\n1,2\n3,4,5\n", "expected.csv:3:4: error: row 3 has 3 fields; the header has 2"),
        ("a,b\n1,2\n3\n", "expected.csv:3:2: error: row 3 has 1 field; the header has 2"),
        ("a,b\n1,2\n\n3,4\n", "expected.csv:3:1: error: row 3 is a blank line; the header has 2 fields"),
        ("a,b\n1,2\n3,x\u{0}\n", "expected.csv:3:4: error: looks binary"),
        ("a,b\n1,2\n3,x\"y\n", "expected.csv:3:4: error: unexpected quote inside an unquoted field"),
    ])
    func malformedInputIsAnErrorWithItsLocation(expected: String, message: String) throws {
        let pair = try CSVPair()
        let error = pair.error(expected, "a,b\n1,2\n3,4\n")
        #expect(error?.hasPrefix(pair.path(message)) == true, "\(error ?? "no error")")
    }
}
