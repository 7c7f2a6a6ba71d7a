import Foundation
import Testing
@testable import Harness

/// The terminal report against a golden file, and the command line's exit codes and
/// JSON. Re-record the golden with HARNESS_RECORD_GOLDEN=1 (never set in CI).
@Suite("Table Schema reports and command line")
struct TableSchemaReportTests {
    static let csv = "id,name,score\n1,ana,5\n1,bo,x\n,\n3,cy,-2,extra\n"
    static let contract = #"""
        {"fields": [{"name": "id", "type": "integer", "constraints": {"unique": true}},
                    {"name": "name", "type": "string", "constraints": {"required": true}},
                    {"name": "score", "type": "integer", "constraints": {"minimum": 0}, "contract:severity": {"minimum": "warning"}}]}
        """#

    @Test func terminalReportMatchesGolden() throws {
        let folder = try TestSupport.temporaryFolder("report")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(Self.csv, to: folder + "/data.csv")
        try TestSupport.write(Self.contract, to: folder + "/contract.json")
        var report = try ContractValidator.validate(data: folder + "/data.csv", contract: folder + "/contract.json", options: ValidateOptions())
        report.dataPath = "data.csv"
        report.seconds = 0
        let text = ValidationTerminalRenderer.render(report, color: false)
        let golden = TestSupport.fixtures + "/Contracts/validation-report.txt"
        if ProcessInfo.processInfo.environment["HARNESS_RECORD_GOLDEN"] == "1" {
            try TestSupport.write(text, to: golden)
        }
        #expect(text == (try String(contentsOfFile: golden, encoding: .utf8)))
        #expect(ValidationTerminalRenderer.render(report, color: true).contains("\u{1B}[31minvalid"))
    }

    @Test func exitCodesAndJSON() throws {
        let folder = try TestSupport.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(Self.csv, to: folder + "/data.csv")
        try TestSupport.write("id,name,score\n1,ana,5\n", to: folder + "/good.csv")
        try TestSupport.write(Self.contract, to: folder + "/contract.json")
        try TestSupport.write(#"{"fields": [{"name": "id", "type": "integr"}]}"#, to: folder + "/bad.json")
        let invalid = try TestSupport.runHarness(["validate", "data.csv", "--contract", "contract.json", "--json", "out.json", "--max-errors", "2"], in: folder)
        #expect(invalid.status == 1)
        let json = try JSONParser.parse(fileAt: folder + "/out.json")
        #expect(json["valid"] == .bool(false))
        #expect(json["error_count"]?.intValue == 4)
        #expect(json["errors"]?.arrayValue?.count == 2)
        #expect(json["counts"]?["type-error"]?.intValue == 1)
        #expect(json["warning_counts"]?["constraint-error"]?.intValue == 1)
        let valid = try TestSupport.runHarness(["validate", "good.csv", "--contract", "contract.json"], in: folder)
        #expect(valid.status == 0)
        #expect(valid.stdout.hasPrefix("valid: good.csv"))
        let trouble = try TestSupport.runHarness(["validate", "good.csv", "--contract", "bad.json"], in: folder)
        #expect(trouble.status == 2)
        #expect(trouble.stderr.contains("bad.json:1:"))
        #expect(trouble.stderr.contains("did you mean \"integer\""))
    }
}
