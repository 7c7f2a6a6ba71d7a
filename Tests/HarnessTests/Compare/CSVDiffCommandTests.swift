import Foundation
import Testing
@testable import Harness

/// `harness diff` on CSV files, through the built binary: exit codes, output, `--json`.
@Suite struct CSVDiffCommandTests {
    @Test func exitCodesFollowDiff() throws {
        let pair = try CSVPair()
        let a = try pair.write("a.csv", "id,v\n1,1.0\n2,2.0\n")
        let same = try pair.write("same.csv", "id,v\n1,1\n2,2\n")
        let other = try pair.write("other.csv", "id,v\n1,1\n2,2.5\n")
        let equal = try TestSupport.runHarness(["diff", a, same])
        #expect(equal.status == 0)
        #expect(equal.stdout.hasPrefix("same: 2 rows compared"))
        let different = try TestSupport.runHarness(["diff", a, other])
        #expect(different.status == 1)
        #expect(different.stdout.hasPrefix("different: 1 of 2 rows differ (1 cell)"))
        #expect(different.stdout.contains("row  column  expected  actual  abs diff  rel diff"))
        #expect(different.stdout.contains("3  v       2.0       2.5          0.5      0.25"))
        #expect(try TestSupport.runHarness(["diff", a, other, "--atol", "0.5"]).status == 0)
        let missing = try TestSupport.runHarness(["diff", a, pair.path("nope.csv")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.csv: error: no such file"))
    }

    @Test func jsonReportHasTheFieldsDesignFixes() throws {
        let pair = try CSVPair()
        let expected = try pair.write("e.csv", "id,region,v,extra_e\n1,EU,10,x\n2,US,20,y\n3,US,30,z\n")
        let actual = try pair.write("a.csv", "id,region,v,extra_a\n2,US,21,y\n1,EU,10,x\n4,EU,40,w\n")
        let json = pair.path("report.json")
        let result = try TestSupport.runHarness(["diff", expected, actual, "--key", "id", "--json", json])
        #expect(result.status == 1)
        let report = try JSONParser.parse(FileBytes.read(json), path: json)
        #expect(report["equal"] == .bool(false))
        #expect(report["rows_compared"] == .number("2"))
        #expect(report["differing_rows"] == .number("1"))
        #expect(report["differing_cells"] == .number("1"))
        #expect(report["missing_rows"] == .number("1"))
        #expect(report["extra_rows"] == .number("1"))
        #expect(report["missing_columns"] == .array([.string("extra_e")]))
        #expect(report["extra_columns"] == .array([.string("extra_a")]))
        let first = report["diffs"]?.arrayValue?.first
        #expect(first?["row"] == .number("3"))
        #expect(first?["key"] == .array([.string("2")]))
        #expect(first?["column"] == .string("v"))
        #expect(first?["expected"] == .string("20"))
        #expect(first?["actual"] == .string("21"))
        #expect(first?["absolute_difference"] == .number("1"))
    }

    @Test func malformedInputExitsTwoWithFileLineAndColumn() throws {
        let pair = try CSVPair()
        let good = try pair.write("good.csv", "a,b\n1,2\n3,4\n")
        let cases = [
            ("quote.csv", "a,b\n1,2\n3,\"4\n", "quote.csv:3:3: error: unterminated quoted field"),
            ("ragged.csv", "a,b\n1,2\n3,4,5\n", "ragged.csv:3:4: error: row 3 has 3 fields; the header has 2"),
            ("nul.csv", "a,b\n1,2\n3,\u{0}\n", "nul.csv:3:3: error: looks binary"),
        ]
        for (name, text, message) in cases {
            let bad = try pair.write(name, text)
            for arguments in [["diff", bad, good], ["diff", good, bad], ["diff", bad, good, "--key", "a"]] {
                let result = try TestSupport.runHarness(arguments)
                #expect(result.status == 2, "\(arguments)")
                #expect(result.stderr.hasPrefix(pair.path(message)), "\(arguments): \(result.stderr)")
            }
        }
        let binary = pair.path("image.csv")
        try AtomicFile.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], to: binary)
        let result = try TestSupport.runHarness(["diff", good, binary])
        #expect(result.status == 2)
        #expect(result.stderr.contains("looks binary"))
    }

    @Test func aFortyMegabyteLineIsComparedAndOneOverTheLimitIsAnError() throws {
        let pair = try CSVPair()
        let long = String(repeating: "x", count: 40 << 20)
        let expected = try pair.write("long_e.csv", "id,text\n1,\(long)a\n")
        let actual = try pair.write("long_a.csv", "id,text\n1,\(long)b\n")
        let compared = try TestSupport.runHarness(["diff", expected, actual])
        #expect(compared.status == 1)
        let x15 = String(repeating: "x", count: 15)
        #expect(compared.stdout.contains(x15 + "…" + x15 + "a"))
        let huge = try pair.write("huge.csv", "id,text\n1,short\n2," + String(repeating: "y", count: 65 << 20) + "\n")
        let refused = try TestSupport.runHarness(["diff", huge, huge])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix(huge + ":3:67108865: error: record starting at line 3 is longer than 64 MiB"), "\(refused.stderr)")
    }
}
