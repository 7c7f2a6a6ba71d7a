import Foundation
import Testing
@testable import Harness

/// The repository runs on itself: its harness.json, the examples, golden/ and contracts/.
/// These build (once, then cached) the examples' virtual environment from PyPI.
@Suite(.serialized, .tags(.python)) struct RepositoryExamplesTests {
    /// Shared with the README's command, so the environment is built once per machine.
    static let cache = TestSupport.pythonCache

    @Test func theRepositoryPassesOnItself() throws {
        let result = try TestSupport.runHarness(["run", "--config", TestSupport.repositoryRoot + "/harness.json"],
                                                environment: ["HARNESS_CACHE": Self.cache, "CI": "true"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("PASS  sales"))
        #expect(result.stdout.contains("PASS  churn"))
    }

    @Test func aChangedThresholdInTheRefactorIsCaughtAndNamed() throws {
        let copy = try TestSupport.temporaryFolder("repo-copy")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        for item in ["harness.json", "examples", "golden", "contracts"] {
            try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/" + item, toPath: copy + "/" + item)
        }
        let config = copy + "/examples/sales/src/sales/config.json"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains("\"large_order_threshold\": 1000,"))
        try TestSupport.write(text.replacingOccurrences(of: "\"large_order_threshold\": 1000,", with: "\"large_order_threshold\": 500,"), to: config)

        // Failed runs keep their sandboxes: inside the copy, so they go with it.
        let result = try TestSupport.runHarness(["run", "sales", "--config", copy + "/harness.json", "--json", copy + "/report.json"],
                                                environment: ["HARNESS_CACHE": Self.cache, "CI": "true", "TMPDIR": copy])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("the pipeline's monthly_revenue.csv differs from the golden while the notebook's matches"))
        #expect(result.stdout.contains("column \"large_orders\""))
        let report = try JSONParser.parse(fileAt: copy + "/report.json")
        let failed = report["cases"]?.arrayValue?.first?["checks"]?.arrayValue?.filter { $0["status"] == .string("failed") } ?? []
        #expect(Set(failed.compactMap { $0["output"]?.stringValue }) == ["monthly_revenue.csv"])
        let columns = failed.compactMap { $0["diff"]?["cells_by_column"]?.objectMembers?.map(\.key) }
        #expect(!columns.isEmpty, "every failed check names its columns")
        #expect(columns.allSatisfy { $0 == ["large_orders"] })
    }
}
