import Foundation
import Testing
@testable import Harness

/// The run's terminal view, JUnit XML and GitHub output: golden files (re-recorded only with
/// `HARNESS_RECORD_FIXTURES=1`, never in CI), and the counts a CI server and a reviewer rely on.
@Suite struct RunReportersTests {
    static let fixtures = TestSupport.fixtures + "/Reports"

    func expectMatchesGolden(_ text: String, _ name: String) throws {
        try ReporterGolden.expect(text, matches: Self.fixtures + "/" + name, suite: "RunReportersTests")
    }

    @Test func terminalViewMatchesGolden() throws {
        try expectMatchesGolden(RunTerminalRenderer.details(SampleRunReports.failingInCI, color: false), "run-failing.txt")
    }

    @Test func junitMatchesGolden() throws {
        try expectMatchesGolden(JUnitRenderer.render(SampleRunReports.failingInCI, root: "/work/repo"), "run-failing.junit.xml")
    }

    @Test func githubAnnotationsAndSummaryMatchGolden() throws {
        let report = SampleRunReports.failingInCI
        try expectMatchesGolden(GitHubRenderer.annotations(report, root: "/work/repo") + "\n" + GitHubRenderer.stepSummary(report),
                                "run-failing.github.txt")
    }

    /// A run where everything passed, in the three text reporters: what CI shows on a green build.
    @Test func passingRunMatchesGoldens() throws {
        let report = SampleRunReports.passing
        let paths = ReportPath(root: "/work/repo", base: "/work/repo")
        try expectMatchesGolden(RunTerminalRenderer.details(report, color: false), "run-passing.txt")
        try expectMatchesGolden(JUnitRenderer.render(report, paths: paths), "run-passing.junit.xml")
        try expectMatchesGolden(GitHubRenderer.annotations(report, paths: paths) + "\n" + GitHubRenderer.stepSummary(report),
                                "run-passing.github.txt")
    }

    @Test func junitCountsAFailedRunOnceAsTheTerminalDoes() throws {
        let xml = JUnitRenderer.render(SampleRunReports.failingInCI, root: "/work/repo")
        let checks = SampleRunReports.failingInCI.cases.map(\.checks.count).reduce(0, +)
        #expect(xml.contains("<testsuites name=\"harness\" tests=\"\(checks)\" failures=\"3\" errors=\"1\" skipped=\"1\""))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == checks)
        #expect(xml.components(separatedBy: "KeyError: &#39;recent&#39;\">").count - 1 == 1
                || xml.components(separatedBy: "KeyError: 'recent'\">").count - 1 == 1)
    }

    @Test func junitCarriesWhatCIServersRead() throws {
        let xml = JUnitRenderer.render(SampleRunReports.failingInCI, root: "/work/repo")
        #expect(xml.contains("timestamp=\"2026-11-30T00:53:20\""))
        #expect(xml.contains("hostname=\"ci-runner-7\""))
        #expect(xml.contains("<system-out>HTML report: reports/run.html</system-out>"))
        #expect(xml.contains("name=\"execution notebook\" time=\"2.70\" file=\"notebooks/churn.ipynb\""))
        #expect(xml.contains("file=\"harness.json\" line=\"12\""))
        #expect(!xml.contains("/work/repo/harness.json"))
    }

    @Test func githubAnnotatesEachFailureOnceAtItsPlaceInTheRepository() throws {
        let annotations = GitHubRenderer.annotations(SampleRunReports.failingInCI, root: "/work/repo")
        let lines = annotations.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.hasPrefix("::error file=") })
        #expect(!annotations.contains("/work/repo"))
        #expect(lines.contains { $0.hasPrefix("::error file=notebooks/churn.ipynb,title=harness churn%3A notebook failed at cell 7::") })
        #expect(lines.contains { $0.hasPrefix("::error file=harness.json,line=12,") && $0.contains("contract monthly_revenue.csv") })
    }

    @Test func aContractTableIsShownEvenAfterADiffTableOfTheSameOutput() {
        let text = RunTerminalRenderer.details(SampleRunReports.failingInCI, color: false)
        let diffTable = text.range(of: "different:")
        let contractTable = text.range(of: "invalid:")
        #expect(diffTable != nil)
        #expect(contractTable != nil)
    }

    @Test func updateGoldenUnderCIIsSaidInEveryReport() {
        var report = SampleRunReports.passing
        report.updateGolden = true
        report.updateGoldenUnderCI = true
        report.golden.updated = ["sales/monthly_revenue.csv"]
        #expect(RunTerminalRenderer.details(report, color: false).contains("warning: --update-golden ran under CI"))
        #expect(GitHubRenderer.annotations(report).hasPrefix("::warning file=harness.json,title=harness%3A --update-golden under CI::"))
        #expect(report.json["update_golden_under_ci"] == .bool(true))
    }

    @Test(arguments: [(1, "constraint-error", "1 constraint error"), (2, "constraint-error", "2 constraint errors"),
                      (3, "missing-cell", "3 missing cells"), (2, "primary-key", "2 primary key errors"),
                      (1, "schema-error", "1 schema error")])
    func violationCountsAreWords(count: Int, type: String, words: String) {
        #expect(ViolationType(rawValue: type).counted(count) == words)
    }

    @Test func diffCountsAreWords() {
        var json = DiffReport(format: .json, expectedPath: "a.json", actualPath: "b.json")
        json.differingRows = 1
        json.differingCells = 3
        #expect(DiffSummary.counts(json).hasPrefix("1 document differs (3 values)"))
        var csv = DiffReport(format: .csv, expectedPath: "a.csv", actualPath: "b.csv")
        csv.differingRows = 1
        csv.differingCells = 1
        csv.missingRows = 2
        #expect(DiffSummary.counts(csv).hasPrefix("1 differing row (1 cell), 2 missing rows"))
    }

    @Test func htmlShowsAMissingOutputBesideTheFailedRunOfItsSide() {
        var report = SampleRunReports.failingInCI
        let missing = CheckResult(kind: .execution, output: "churn_scores.csv", side: .notebook, status: .failed,
                                  finding: .outputNotWritten(path: "out/churn_scores.csv", nearest: nil, written: [],
                                                             setting: "cases.churn.outputs.churn_scores.csv.path"))
        report.cases[2].checks.append(missing)
        let page = HTMLRenderer.render(report)
        // Its own detail section (check 4 of churn), not folded into the failed run's.
        #expect(page.contains("correct cases.churn.outputs.churn_scores.csv.path in the config"))
        #expect(page.components(separatedBy: "KeyError").count > 1)
    }
}

/// Report paths are repository-relative whatever folder harness ran from.
@Suite struct ReportPathTests {
    @Test func relativeConfigFromASubfolderIsShownFromTheRepository() {
        let paths = ReportPath(root: "/work/repo", base: "/work/repo/notebooks")
        #expect(paths.shown("../harness.json") == "harness.json")
        #expect(paths.shown("./../examples/./sales/../churn/n.ipynb") == "examples/churn/n.ipynb")
        #expect(paths.shown("/work/repo/src/x.py") == "src/x.py")
        #expect(paths.shown("/elsewhere/x.py") == "/elsewhere/x.py")
        #expect(paths.shown("/work/repository/x.py") == "/work/repository/x.py")
    }

    @Test func theRepositoryIsTheFolderHoldingGit() throws {
        let folder = try TestSupport.temporaryFolder("repo-root")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/a/b", withIntermediateDirectories: true)
        #expect(ReportPath.repositoryRoot(of: folder + "/a/b", environment: [:], fallback: "/x") == folder)
        #expect(ReportPath.repositoryRoot(of: folder + "/a/b", environment: ["GITHUB_WORKSPACE": "/w"], fallback: "/x") == "/w")
        #expect(ReportPath.repositoryRoot(of: "/", environment: [:], fallback: "/x") == "/x")
    }

    @Test func annotationsOfARelativeConfigAreRepositoryRelative() {
        var report = SampleRunReports.failingInCI
        report.configPath = "../harness.json"
        for index in report.cases[1].checks.indices {
            report.cases[1].checks[index].location = SourceLocation(path: "../harness.json", line: 12)
        }
        let paths = ReportPath(root: "/work/repo", base: "/work/repo/notebooks")
        let annotations = GitHubRenderer.annotations(report, paths: paths)
        #expect(annotations.contains("::error file=harness.json,line=12,"))
        #expect(!annotations.contains("../"))
        #expect(JUnitRenderer.render(report, paths: paths).contains("file=\"harness.json\" line=\"12\""))
    }
}
