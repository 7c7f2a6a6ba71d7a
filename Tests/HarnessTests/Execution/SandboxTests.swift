import Foundation
import Testing
@testable import Harness

/// Sandboxes, PATH lookup and environment merging: no Python needed.
@Suite struct SandboxTests {
    @Test(arguments: ["../escape.csv", "/etc/passwd", "data/../../x"])
    func inputPathLeavingTheSandboxIsRefused(path: String) throws {
        let folder = try RunFolder.create(label: "t")
        defer { RunFolder.remove(sandbox: folder.sandbox) }
        #expect(throws: HarnessError.self) {
            try folder.copyInputs([RunJob.Input(sandboxPath: path, source: "/etc/hostname")])
        }
    }

    @Test func foldersAreCopiedWholeAndRemovedWithTheirLogs() throws {
        let source = try TestSupport.temporaryFolder("src")
        defer { try? FileManager.default.removeItem(atPath: source) }
        try TestSupport.write("1\n", to: source + "/a/b.csv")
        let folder = try RunFolder.create(label: "sales/notebook")
        try folder.copyInputs([RunJob.Input(sandboxPath: "data/raw", source: source)])
        #expect(ExecutionFixtures.read(folder.sandbox + "/data/raw/a/b.csv") == "1\n")
        #expect(AtomicFile.baseName(of: folder.path).hasPrefix("harness-sales-notebook-"))
        Runner.removeSandbox(folder.sandbox)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func executablesAreFoundOnTheGivenPath() throws {
        let folder = try TestSupport.temporaryFolder("bin")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write("#!/bin/sh\n", to: folder + "/tool")
        #expect(ExecutableSearch.find("tool", path: "/nonexistent:" + folder) == nil, "not executable yet")
        chmod(folder + "/tool", 0o755)
        #expect(ExecutableSearch.find("tool", path: "/nonexistent:" + folder) == folder + "/tool")
        #expect(ExecutableSearch.find("tool", path: "/usr/bin") == nil)
    }

    @Test func environmentPutsTheInterpreterFirstAndTheCaseLast() {
        let python = PythonEnvironment(executable: "/venv/bin/python", binFolder: "/venv/bin", version: "3.11.7")
        let merged = RunEnvironment.merged(user: ["PATH": "/usr/bin", "PYTHONPATH": "/old", "MPLBACKEND": "TkAgg", "HOME": "/h"],
                                           python: python, caseEnvironment: ["SALES_REGION": "EU", "PYTHONHASHSEED": "7"],
                                           pythonpath: ["/repo/src"], parameters: [JSONMember("n", .number("2"))])
        #expect(merged["PATH"] == "/venv/bin:/usr/bin")
        #expect(merged["PYTHONPATH"] == "/repo/src:/old")
        #expect(merged["MPLBACKEND"] == "Agg")
        #expect(merged["PYTHONHASHSEED"] == "7", "the case's env wins")
        #expect(merged["PYTHONUNBUFFERED"] == "1")
        #expect(merged["HARNESS_PARAMETERS"] == #"{"n":2}"#)
        #expect(merged["HOME"] == "/h")
    }
}
