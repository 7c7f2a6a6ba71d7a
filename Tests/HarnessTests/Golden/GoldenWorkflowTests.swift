import Foundation
import Testing
@testable import Harness

/// Pending goldens end to end: a drift, `run` keeps pending goldens, a review accepts one
/// and rejects the other, and the next run passes for the accepted one.
@Suite(.tags(.python)) struct GoldenWorkflowTests {
    /// Not CI, whatever the machine running the tests says: pending goldens are for people.
    static let developer = ["CI": "false", "GITHUB_ACTIONS": "false"]
    /// What both sides write as totals.csv (Python's csv module ends lines with CRLF).
    static let written = "group,total\r\na,4.75\r\nb,1.0\r\nc,10.0\r\n"

    /// The fixture with both goldens stale: both sides now write something else.
    func drifted() throws -> RunFixture {
        let fixture = try RunFixture()
        try fixture.write("golden/basic/totals.csv", "group,total\na,4.75\nb,1.5\nc,10.0\n")
        try fixture.write("golden/basic/summary.json", #"{"groups": 3, "grand_total": 16.25}"#)
        return fixture
    }

    func config(_ fixture: RunFixture) throws -> HarnessConfig {
        try ConfigLoader.load(path: fixture.path("harness.json"))
    }

    @Test func reviewAcceptsOneOutputRejectsAnotherAndTheNextRunPassesForTheAcceptedOne() throws {
        let fixture = try drifted()
        let (first, report) = try fixture.run(environment: Self.developer)
        #expect(first.status == 1)
        #expect(try fixture.read(".harness/pending/basic/totals.csv") == Self.written)
        #expect(fixture.exists(".harness/pending/basic/summary.json"))
        #expect(first.stdout.contains("pending goldens (not committed; review them with harness golden review): basic/summary.json, basic/totals.csv"))
        #expect(first.stdout.contains("· 2 pending goldens"))
        #expect(report?["golden"]?["pending"]?.arrayValue?.count == 2)
        #expect(first.stdout.contains("fix: harness golden review"))

        let review = GoldenReview(config: try config(fixture))
        let console = BufferConsole()
        // summary.json comes first (sorted): show more, then reject; then accept totals.csv.
        var answers = ["m", "r", "a"]
        let outcome = review.review(try review.select([]), console: console, holder: "test") { _ in
            answers.isEmpty ? nil : answers.removeFirst()
        }
        #expect(outcome.accepted == ["basic/totals.csv"])
        #expect(outcome.rejected == ["basic/summary.json"])
        #expect(console.output.contains("── basic/summary.json  (1 of 2)"))
        #expect(console.output.contains("/grand_total  16.25     15.75"))
        #expect(console.output.contains("── basic/totals.csv  (2 of 2)"))
        #expect(console.output.contains("b    total   1.5       1.0"))
        #expect(try fixture.read("golden/basic/totals.csv") == Self.written)
        #expect(try fixture.read("golden/basic/summary.json") == #"{"groups": 3, "grand_total": 16.25}"#)
        #expect(!fixture.exists(".harness/pending/basic"))

        let (second, again) = try fixture.run(environment: Self.developer)
        let golden = RunFixture.checks(again).filter { $0.kind == "golden" }
        #expect(golden.filter { $0.output == "totals.csv" }.allSatisfy { $0.status == "passed" })
        #expect(golden.filter { $0.output == "totals.csv" }.count == 2)
        #expect(golden.contains { $0.output == "summary.json" && $0.status == "failed" })
        #expect(second.status == 1)
    }

    @Test func acceptAndRejectFromTheCommandLine() throws {
        let fixture = try drifted()
        _ = try fixture.run(environment: Self.developer)
        let typo = try TestSupport.runHarness(["golden", "accept", "basic/totls.csv", "--config", fixture.path("harness.json")])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean \"basic/totals.csv\"?"))
        let listed = try TestSupport.runHarness(["golden", "review", "--config", fixture.path("harness.json")])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("2 pending goldens:"))
        #expect(listed.stdout.contains("basic/totals.csv    1 of 3 rows differ (1 cell)"))
        let accepted = try TestSupport.runHarness(["golden", "accept", "basic/totals.csv", "--config", fixture.path("harness.json")])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let rejected = try TestSupport.runHarness(["golden", "reject", "basic", "--config", fixture.path("harness.json")])
        #expect(rejected.status == 0)
        #expect(rejected.stdout == "rejected 1: basic/summary.json\n")
        #expect(try fixture.read("golden/basic/totals.csv") == Self.written)
        #expect(!fixture.exists(".harness/pending/basic"))
        let (again, _) = try fixture.run(environment: Self.developer)
        #expect(again.stdout.contains("basic/summary.json"))
        #expect(!again.stdout.contains("pending golden (not committed; review them with harness golden review): basic/totals.csv"))
    }

    @Test func acceptRefusesAPendingGoldenOlderThanItsGoldensLastChange() throws {
        let fixture = try drifted()
        _ = try fixture.run(environment: Self.developer)
        let later = Date().addingTimeInterval(5)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: fixture.path("golden/basic/totals.csv"))
        let refused = try TestSupport.runHarness(["golden", "accept", "--config", fixture.path("harness.json")])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the pending golden of basic/totals.csv is older than its golden's last change"))
        // All or nothing: summary.json, which could have been accepted, was not.
        #expect(try fixture.read("golden/basic/summary.json") == #"{"groups": 3, "grand_total": 16.25}"#)
        #expect(fixture.exists(".harness/pending/basic/summary.json"))
    }

    @Test func underCINoPendingGoldenIsKept() throws {
        for environment in [["CI": "true"], ["GITHUB_ACTIONS": "true", "CI": "false"]] {
            let fixture = try drifted()
            let (result, _) = try fixture.run(environment: environment)
            #expect(result.status == 1)
            #expect(!fixture.exists(".harness/pending"))
            #expect(!result.stdout.contains("pending golden"))
        }
    }

    /// One answer to "under CI" for every rule: `CI=1` keeps no pending golden and makes
    /// `--update-golden` say so, as `CI=true` does.
    @Test func updateGoldenUnderAnyCIValueSaysSo() throws {
        for environment in [["CI": "1"], ["CI": "True"], ["CI": "false", "GITHUB_ACTIONS": "true"]] {
            let fixture = try drifted()
            let (result, report) = try fixture.run(["--update-golden"], environment: environment)
            #expect(result.status == 0)
            #expect(result.stdout.contains("warning: --update-golden ran under CI"), "\(environment)")
            #expect(report?["update_golden_under_ci"] == .bool(true), "\(environment)")
        }
        let (quiet, report) = try drifted().run(["--update-golden"], environment: Self.developer)
        #expect(!quiet.stdout.contains("under CI"))
        #expect(report?["update_golden_under_ci"] != .bool(true))
    }

    @Test(arguments: [
        (["CI": "true"], true), (["CI": "1"], true), (["CI": "yes"], true), (["CI": "FALSE"], false),
        (["CI": "0"], false), (["CI": ""], false), ([:], false), (["GITHUB_ACTIONS": "true"], true),
        (["CI": "false", "GITHUB_ACTIONS": "false"], false),
    ])
    func continuousIntegrationIsOneRule(environment: [String: String], active: Bool) {
        #expect(ContinuousIntegration.isActive(environment) == active)
    }

    @Test func aMatchingRunRemovesItsStalePendingGolden() throws {
        let fixture = try drifted()
        _ = try fixture.run(environment: Self.developer)
        try fixture.write("golden/basic/totals.csv", "group,total\na,4.75\nb,1.0\nc,10.0\n")
        _ = try fixture.run(environment: Self.developer)
        #expect(!fixture.exists(".harness/pending/basic/totals.csv"))
        #expect(fixture.exists(".harness/pending/basic/summary.json"))
    }

    @Test func failOnUnusedFailsARunThatOtherwisePasses() throws {
        let fixture = try RunFixture()
        try fixture.write("golden/basic/old.csv", "x\n1\n")
        let (relaxed, _) = try fixture.run(environment: Self.developer)
        #expect(relaxed.status == 0)
        let (strict, report) = try fixture.run(["--fail-on-unused"], environment: Self.developer)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("they fail the run: --fail-on-unused"))
        #expect(report?["golden"]?["unused"] == .array([.string("basic/old.csv")]))
    }
}
