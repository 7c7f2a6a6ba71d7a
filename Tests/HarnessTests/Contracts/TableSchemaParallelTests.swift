import Foundation
import Testing
@testable import Harness

/// Checking a file by stretches on several threads must give exactly the report of one
/// thread: same counts, same violations in the same order, repeats across stretches
/// reported at their later row.
@Suite("Table Schema parallel validation")
struct TableSchemaParallelTests {
    static let contract = #"""
        {"fields": [{"name": "id", "type": "integer", "constraints": {"required": true, "unique": true}},
                    {"name": "code", "type": "string", "constraints": {"pattern": "[A-Z]{2}", "unique": true},
                     "contract:quality": [{"metric": "duplicateValues", "mustBe": 0}]},
                    {"name": "n", "type": "number", "constraints": {"maximum": 90}},
                    {"name": "note"}],
         "primaryKey": ["id", "code"], "uniqueKeys": [["code", "n"]], "contract:rowCount": {"mustBeLessThan": 10}}
        """#

    /// Rows with repeats far apart (so they cross stretches), blank rows, short and long rows,
    /// and quoted notes with line breaks (so some cuts fall inside a quoted field).
    static func csv(quotedBreaks: Bool) -> String {
        var text = "id,code,n,note\n"
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for row in 0..<6000 {
            let id = row % 2500 == 7 ? 3 : row
            let code = String(letters[row % 26]) + String(letters[(row / 26) % 26])
            let note = quotedBreaks && row % 5 == 0 ? "\"line one\nline two, \"\"quoted\"\"\"" : "n\(row)"
            switch row % 997 {
            case 5: text += "\n"
            case 6: text += "\(id),\(code)\n"
            case 8: text += "\(id),\(code),1,x,extra\n"
            default: text += "\(id),\(code),\(row % 100),\(note)\n"
            }
        }
        return text
    }

    static func report(_ csv: String, workers: Int, maxErrors: Int) throws -> ValidationReport {
        let folder = try TestSupport.temporaryFolder("parallel")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(csv, to: folder + "/data.csv")
        try TestSupport.write(contract, to: folder + "/contract.json")
        var options = ValidateOptions(maxErrors: maxErrors)
        options.workers = workers
        options.parallelMinimumBytes = 0
        var report = try ContractValidator.validate(data: folder + "/data.csv", contract: folder + "/contract.json", options: options)
        report.seconds = 0
        return report
    }

    @Test(arguments: [(false, 2), (false, 3), (false, 7), (true, 3)])
    func sameReportAsOneThread(_ quotedBreaks: Bool, _ workers: Int) throws {
        let text = Self.csv(quotedBreaks: quotedBreaks)
        for maxErrors in [5, 100_000] {
            let one = try Self.report(text, workers: 1, maxErrors: maxErrors)
            let many = try Self.report(text, workers: workers, maxErrors: maxErrors)
            #expect(many.counts == one.counts)
            #expect(many.warningCounts == one.warningCounts)
            #expect(many.rowsChecked == one.rowsChecked)
            #expect(many.errors.count == one.errors.count)
            // The first difference only, so a failure stays readable.
            if let index = zip(many.errors, one.errors).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                #expect(many.errors[index] == one.errors[index], "first difference at violation \(index)")
            }
        }
        let one = try Self.report(text, workers: 1, maxErrors: 100_000)
        #expect((one.counts["unique-error"] ?? 0) > 100)
        #expect(one.counts["primary-key"] != nil && one.counts["quality"] == 1 && one.counts["row-count"] == 1)
    }
}
