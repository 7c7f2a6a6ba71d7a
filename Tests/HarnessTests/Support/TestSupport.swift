import Foundation
@testable import Harness

/// Paths and runners shared by the tests.
enum TestSupport {
    /// The repository's root folder (this file is at Tests/HarnessTests/Support/).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The public test suites, read in place (see `PublicCorpora`).
    static var corpora: String { PublicCorpora.folder }

    /// Where tests cache the virtual environments they build: `$HARNESS_CACHE` (CI keeps one
    /// across fresh clones), else `.harness/` in the repository, as `harness run` does.
    static let pythonCache: String = {
        if let folder = ProcessInfo.processInfo.environment["HARNESS_CACHE"], !folder.isEmpty { return folder }
        return repositoryRoot + "/.harness"
    }()

    /// Fixtures that live beside the tests.
    static let fixtures = repositoryRoot + "/Tests/HarnessTests/Fixtures"

    /// The `harness` executable built with the tests (same folder as the test bundle).
    static let harnessBinary: String = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // On macOS the tests run inside an .xctest bundle several folders deep.
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("harness").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("harness").path
    }()

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder(_ label: String = "test") throws -> String {
        let path = NSTemporaryDirectory() + "harness-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try AtomicFile.write(text, to: path)
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `harness` with `arguments`; output goes through files so a large
    /// output can never deadlock the test.
    /// With `timeout`, harness is killed after that many seconds (exit 137), so a test of
    /// something that must not hang fails instead of stalling the suite.
    static func runHarness(_ arguments: [String], in folder: String? = nil,
                           environment: [String: String] = [:], timeout: Int? = nil) throws -> Result {
        let process = Process()
        if let timeout {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            process.arguments = ["-s", "KILL", String(timeout), harnessBinary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: harnessBinary)
            process.arguments = arguments
        }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = "1"
        merged.removeValue(forKey: "GITHUB_ACTIONS")
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        let scratch = try temporaryFolder("out")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        _ = FileManager.default.createFile(atPath: scratch + "/stdout", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + "/stderr", contents: nil)
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/stdout"))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/stderr"))
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOfFile: scratch + "/stdout", encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: scratch + "/stderr", encoding: .utf8)) ?? "")
    }
}
