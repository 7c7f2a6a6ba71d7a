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

    /// Issue 14, item 1: an input that is a link, or a folder holding links (to files and to
    /// folders outside it), arrives as plain files, so writing to it cannot reach the original.
    @Test func linkedInputsArriveAsPlainFilesAndWritingThemLeavesTheOriginals() throws {
        let outside = try TestSupport.temporaryFolder("outside")
        let source = try TestSupport.temporaryFolder("src")
        defer {
            try? FileManager.default.removeItem(atPath: outside)
            try? FileManager.default.removeItem(atPath: source)
        }
        try TestSupport.write("secret\n", to: outside + "/secret.csv")
        try TestSupport.write("deep\n", to: outside + "/sub/deep.csv")
        try FileManager.default.createDirectory(atPath: source + "/folder", withIntermediateDirectories: true)
        symlink(outside + "/secret.csv", source + "/link.csv")
        symlink(outside + "/secret.csv", source + "/folder/inner.csv")
        symlink(outside + "/sub", source + "/folder/sub")
        let folder = try RunFolder.create(label: "t")
        defer { RunFolder.remove(sandbox: folder.sandbox) }
        try folder.copyInputs([RunJob.Input(sandboxPath: "data/link.csv", source: source + "/link.csv"),
                               RunJob.Input(sandboxPath: "data/folder", source: source + "/folder")])
        let copies = ["data/link.csv", "data/folder/inner.csv", "data/folder/sub", "data/folder/sub/deep.csv"]
        for copy in copies {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.sandbox + "/" + copy)
            #expect(attributes[.type] as? FileAttributeType != .typeSymbolicLink, "\(copy) is a link")
        }
        #expect(ExecutionFixtures.read(folder.sandbox + "/data/folder/sub/deep.csv") == "deep\n")
        for copy in ["data/link.csv", "data/folder/inner.csv", "data/folder/sub/deep.csv"] {
            try TestSupport.write("overwritten\n", to: folder.sandbox + "/" + copy)
        }
        #expect(ExecutionFixtures.read(outside + "/secret.csv") == "secret\n")
        #expect(ExecutionFixtures.read(outside + "/sub/deep.csv") == "deep\n")
    }

    @Test func aLinkCycleAFIFOAndADanglingLinkAreRefusedNotFollowedForever() throws {
        let source = try TestSupport.temporaryFolder("src")
        defer { try? FileManager.default.removeItem(atPath: source) }
        try FileManager.default.createDirectory(atPath: source + "/loop/a", withIntermediateDirectories: true)
        symlink(source + "/loop", source + "/loop/a/back")
        mkfifo(source + "/pipe", 0o644)
        try FileManager.default.createDirectory(atPath: source + "/dangling", withIntermediateDirectories: true)
        symlink(source + "/nothing", source + "/dangling/x.csv")
        let folder = try RunFolder.create(label: "t")
        defer { RunFolder.remove(sandbox: folder.sandbox) }
        for (name, words) in [("loop", "cycle"), ("pipe", "FIFO"), ("dangling", "link to nothing")] {
            do {
                try folder.copyInputs([RunJob.Input(sandboxPath: "data/" + name, source: source + "/" + name)])
                Issue.record("\(name) was copied")
            } catch let error as HarnessError {
                #expect(DiagnosticRenderer.render(error).contains(words), "\(DiagnosticRenderer.render(error))")
            }
        }
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
