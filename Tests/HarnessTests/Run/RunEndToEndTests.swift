import Foundation
import Testing
@testable import Harness

/// `harness run` on a small standard-library project, as a user runs it.
@Suite(.tags(.python)) struct RunEndToEndTests {
    @Test func passesWhenNotebookPipelineAndGoldensAgree() throws {
        let fixture = try RunFixture()
        let (result, report) = try fixture.run()
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("PASS  basic"))
        #expect(result.stdout.contains("1 case: 1 passed, 0 failed, 0 errors"))
        let checks = RunFixture.checks(report)
        #expect(checks.allSatisfy { $0.status == "passed" }, "\(checks)")
        #expect(Set(checks.map(\.kind)) == ["golden", "equivalence", "contract"])
        #expect(report?["passed"] == .number("1"))
        #expect(report?["cases"]?.arrayValue?.first?["name"] == .string("basic"))
    }

    @Test func driftInThePipelineIsBlamedOnTheRefactor() throws {
        let fixture = try RunFixture()
        try fixture.replace("pipeline/totals/compute.py", "float(row[\"value\"]) * scale", with: "float(row[\"value\"]) * scale * 1.1")
        let (result, report) = try fixture.run()
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  basic"))
        #expect(result.stdout.contains("the pipeline's totals.csv differs from the golden while the notebook's matches"))
        #expect(result.stdout.contains("total"))
        let failed = RunFixture.checks(report).filter { $0.status == "failed" }
        #expect(failed.contains { $0.kind == "equivalence" && $0.output == "totals.csv" })
        #expect(failed.contains { $0.kind == "golden" && $0.side == "pipeline" })
        #expect(!failed.contains { $0.kind == "golden" && $0.side == "notebook" })
    }

    @Test func floatNoiseWithinToleranceStillPasses() throws {
        let fixture = try RunFixture()
        try fixture.replace("pipeline/totals/compute.py", "* scale + offset", with: "* scale * (1 + 1e-12) + offset")
        let (result, _) = try fixture.run()
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func bothSidesChangingTheSameWaySaysSo() throws {
        let fixture = try RunFixture()
        try fixture.write("golden/basic/totals.csv", "group,total\na,4.75\nb,1.5\nc,10.0\n")
        let (result, _) = try fixture.run()
        #expect(result.status == 1)
        #expect(result.stdout.contains("notebook and pipeline agree with each other, but both differ from the golden"))
        #expect(result.stdout.contains("--update-golden"))
    }

    @Test func missingGoldenFailsWithTheCommandThatRecordsItAndWritesNothing() throws {
        let fixture = try RunFixture()
        try FileManager.default.removeItem(atPath: fixture.path("golden"))
        let (result, _) = try fixture.run(environment: ["CI": "true"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("no golden yet for totals.csv"))
        #expect(result.stdout.contains("--update-golden"))
        #expect(!fixture.exists("golden"))
    }

    @Test func updateGoldenRecordsOnlyWhatChangedAndIsIdempotent() throws {
        let fixture = try RunFixture()
        try FileManager.default.removeItem(atPath: fixture.path("golden/basic/summary.json"))
        let before = try FileManager.default.attributesOfItem(atPath: fixture.path("golden/basic/totals.csv"))[.modificationDate] as? Date
        let (first, report) = try fixture.run(["--update-golden"])
        #expect(first.status == 0, "\(first.stdout)")
        #expect(report?["golden"]?["created"] == .array([.string("basic/summary.json")]))
        #expect(report?["golden"]?["unchanged"] == .array([.string("basic/totals.csv")]))
        #expect(fixture.exists("golden/basic/summary.json"))
        let after = try FileManager.default.attributesOfItem(atPath: fixture.path("golden/basic/totals.csv"))[.modificationDate] as? Date
        #expect(before == after)
        let (second, again) = try fixture.run(["--update-golden"])
        #expect(second.status == 0)
        #expect(again?["golden"]?["created"] == .array([]))
        #expect(again?["golden"]?["updated"] == .array([]))
        #expect(second.stdout.contains("goldens 0 created, 0 updated, 2 unchanged"))
    }

    @Test func aFailingRunNeverRecordsGoldens() throws {
        let fixture = try RunFixture()
        try FileManager.default.removeItem(atPath: fixture.path("golden/basic/summary.json"))
        try fixture.replace("pipeline/totals/compute.py", "* scale + offset", with: "* scale + offset + 1")
        let (result, report) = try fixture.run(["--update-golden"])
        #expect(result.status == 1)
        #expect(!fixture.exists("golden/basic/summary.json"))
        #expect(report?["golden"]?["skipped"]?.arrayValue?.count == 2)
    }

    @Test func aCellErrorNamesTheCellAndLine() throws {
        let fixture = try RunFixture()
        try fixture.replace("notebook.ipynb", "\"print(sorted(totals))\"", with: "\"print(sorted(totals))\\n\",\n    \"raise ValueError('bad group')\"")
        let (result, report) = try fixture.run()
        #expect(result.status == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("ERROR basic"))
        #expect(result.stdout.contains("ValueError"))
        #expect(result.stdout.contains("bad group"))
        #expect(result.stdout.contains("cell 4"))
        #expect(result.stdout.contains("sandbox kept: \(fixture.path(".harness/runs/basic/notebook/sandbox"))"))
        #expect(report?["errors"] == .number("1"))

        // The next run of the case replaces what the last one kept: nothing piles up.
        try TestSupport.write("from the first run", to: fixture.path(".harness/runs/basic/notebook/marker"))
        let (again, _) = try fixture.run()
        #expect(again.status == 3)
        #expect(fixture.exists(".harness/runs/basic/notebook/sandbox"))
        #expect(!fixture.exists(".harness/runs/basic/notebook/marker"))
    }

    @Test func aTimeoutStopsTheRunAndItsChildren() throws {
        let fixture = try RunFixture()
        try fixture.replace("pipeline/totals/__main__.py", "\nmain()\n", with: """

        import subprocess, time
        child = subprocess.Popen(["sleep", "1000"])
        open(os.environ["PID_FILE"], "w").write(str(child.pid))
        time.sleep(1000)
        main()

        """)
        let pidFile = fixture.path("child.pid")
        try fixture.replace("harness.json", "\"pythonpath\": [\"pipeline\"]}", with: "\"pythonpath\": [\"pipeline\"]},\n      \"env\": {\"PID_FILE\": \"\(pidFile)\"}")
        let started = Date()
        let (result, report) = try fixture.run(["--timeout", "2"])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.status == 3)
        #expect(result.stdout.contains("timed out"))
        #expect(report?["cases"]?.arrayValue?.first?["runs"]?.arrayValue?.contains { $0["outcome"] == .string("timed_out") } == true)
        let pid = try #require(Int32(fixture.read("child.pid")))
        #expect(ExecutionFixtures.processIsGone(pid), "the grandchild sleep \(pid) outlived the run")
    }

    @Test func anUnknownParameterNamesTheKnownOnes() throws {
        let fixture = try RunFixture()
        try fixture.replace("harness.json", "\"parameters\": {\"scale\": 1}", with: "\"parameters\": {\"scael\": 1}")
        let (result, report) = try fixture.run()
        // A configuration error, found in the parameters cell before anything runs.
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown notebook parameter in cases.basic.parameters \"scael\""))
        #expect(result.stderr.contains("did you mean \"scale\"?"))
        #expect(result.stderr.contains("the parameters cell (cell 2) of notebook.ipynb assigns \"scale\", \"offset\""), "\(result.stderr)")
        #expect(report == nil)
    }

    @Test func anUnknownParameterOfACellTheLoaderCannotReadIsStillAConfigurationError() throws {
        let fixture = try RunFixture()
        // A parameters cell with more than assignments: left to the driver, which stops the
        // notebook before any cell runs; still exit 2, as for the loader's own check.
        try fixture.replace("notebook.ipynb", "\"scale = 1\\n\",", with: "\"import math\\n\",\n    \"scale = 1\\n\",")
        try fixture.replace("harness.json", "\"parameters\": {\"scale\": 1}", with: "\"parameters\": {\"scael\": 1}")
        let (result, _) = try fixture.run()
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("scael"))
    }

    @Test func aRunThatWritesIntoItsInputLeavesTheOriginalAlone() throws {
        let fixture = try RunFixture()
        let original = try fixture.read("data/input.csv")
        try fixture.replace("notebook.ipynb", "\"len(rows)\"", with: "\"open('data/input.csv', 'a').write('z,99\\\\n')\\n\",\n    \"len(rows)\"")
        let (result, _) = try fixture.run()
        #expect(result.status == 0, "\(result.stdout)")
        #expect(try fixture.read("data/input.csv") == original)
    }

    @Test func aContractViolationFailsTheCase() throws {
        let fixture = try RunFixture()
        try fixture.replace("contracts/totals.json", "\"maximum\": 100", with: "\"maximum\": 5")
        let (result, report) = try fixture.run()
        #expect(result.status == 1)
        let failed = RunFixture.checks(report).filter { $0.status == "failed" }
        #expect(failed.count == 2)
        #expect(failed.allSatisfy { $0.kind == "contract" && $0.output == "totals.csv" })
        #expect(result.stdout.contains("constraint-error"))
    }

    @Test func nondeterminismIsReportedWithTheFirstDifference() throws {
        let fixture = try RunFixture()
        try fixture.replace("pipeline/totals/compute.py", "return totals", with: "import random\n    totals['a'] += random.random()\n    return totals")
        let (result, report) = try fixture.run(["--repeat", "2"])
        #expect(result.status == 1)
        let failed = RunFixture.checks(report).filter { $0.kind == "determinism" && $0.status == "failed" }
        // The random value reaches both outputs; the notebook, which is seeded by nothing
        // random, stays the same.
        #expect(Set(failed.compactMap(\.output)) == ["totals.csv", "summary.json"])
        #expect(failed.allSatisfy { $0.side == "pipeline" && $0.message.contains("seed") })
        #expect(failed.contains { $0.message.contains("between run 1 and run 2") })
    }

    @Test func reportsParse() throws {
        let fixture = try RunFixture()
        try fixture.replace("pipeline/totals/compute.py", "* scale + offset", with: "* scale + offset + 1")
        let (result, report) = try fixture.run(["--junit", fixture.path("junit.xml")])
        #expect(result.status == 1)
        let json = try #require(report)
        for key in ["cases", "passed", "failed", "errors", "duration_seconds"] { #expect(json[key] != nil, "\(key)") }
        let junit = try fixture.read("junit.xml")
        let parser = XMLParser(data: Data(junit.utf8))
        #expect(parser.parse(), "JUnit XML does not parse: \(String(describing: parser.parserError))")
        #expect(junit.contains("<testsuite name=\"basic\""))
        #expect(junit.contains("<failure type=\"equivalence\""))
    }

    @Test func githubActionsGetsAnnotationsAndASummary() throws {
        let fixture = try RunFixture()
        try fixture.replace("pipeline/totals/compute.py", "* scale + offset", with: "* scale + offset + 1")
        let summary = fixture.path("summary.md")
        let (result, _) = try fixture.run(environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file="))
        #expect(try fixture.read("summary.md").contains("| basic | ❌ failed |"))
    }
}

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `--update-golden` writing only inside `golden/`, one run at a time.
@Suite(.tags(.python)) struct RunGoldenSafetyTests {
    @Test func aSymlinkedGoldenCaseFolderIsRefusedAndNothingIsWrittenOutside() throws {
        let fixture = try RunFixture()
        try FileManager.default.removeItem(atPath: fixture.path("golden/basic"))
        try FileManager.default.createDirectory(atPath: fixture.path("outside"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: fixture.path("golden/basic"), withDestinationPath: fixture.path("outside"))
        let (result, _) = try fixture.run(["--update-golden"])
        #expect(result.status != 0)
        #expect(result.stdout.contains("outside the golden folder"), "\(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.path("outside")) == [])
    }

    @Test func aSecondUpdateWhileOneHoldsTheLockIsRefusedNamingIt() throws {
        let fixture = try RunFixture()
        let held = try GoldenLock(folder: fixture.path("golden"), holder: "harness run --update-golden (the first one)")
        defer { held.unlock() }
        let (result, _) = try fixture.run(["--update-golden"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("pid \(getpid())"), "\(result.stderr)")
        #expect(result.stderr.contains("the first one"))
    }

    @Test func staleTemporaryFilesAreCleanedByTheNextUpdate() throws {
        let fixture = try RunFixture()
        try fixture.write("golden/basic/.totals.csv.tmp-99999-1", "torn")
        let (result, _) = try fixture.run(["--update-golden"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!fixture.exists("golden/basic/.totals.csv.tmp-99999-1"))
        #expect(!fixture.exists("golden/" + GoldenLock.fileName))
    }
}
