import Foundation
@testable import Harness

/// A copy of a fixture project in a temporary folder, which a test may change freely before
/// running `harness run` on it. Runs keep their sandboxes inside it (`TMPDIR`), and the whole
/// folder is deleted when the fixture goes away, so failing runs leave nothing behind.
final class RunFixture {
    let folder: String

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Copies `Fixtures/Run/<name>` to a new temporary folder.
    init(_ name: String = "basic") throws {
        folder = try TestSupport.temporaryFolder("run-\(name)")
        let source = TestSupport.fixtures + "/Run/" + name
        for item in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: source + "/" + item, toPath: folder + "/" + item)
        }
    }

    func path(_ relative: String) -> String { folder + "/" + relative }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    func write(_ relative: String, _ text: String) throws {
        try TestSupport.write(text, to: path(relative))
    }

    /// Replaces `old` with `new` in a file, failing the test setup if `old` is absent.
    func replace(_ relative: String, _ old: String, with new: String) throws {
        let text = try read(relative)
        guard text.contains(old) else { throw HarnessError.usage("fixture \(relative) has no \"\(old)\"") }
        try write(relative, text.replacingOccurrences(of: old, with: new))
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Runs `harness run --config <fixture>/harness.json --json <fixture>/report.json` plus `arguments`.
    func run(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> (TestSupport.Result, JSONValue?) {
        try FileManager.default.createDirectory(atPath: path("tmp"), withIntermediateDirectories: true)
        var environment = environment
        environment["TMPDIR"] = environment["TMPDIR"] ?? path("tmp")
        let result = try TestSupport.runHarness(["run", "--config", path("harness.json"), "--json", path("report.json")] + arguments,
                                                in: folder, environment: environment)
        let report = try? JSONParser.parse(fileAt: path("report.json"))
        try? FileManager.default.removeItem(atPath: path("report.json"))
        return (result, report)
    }

    /// The checks of the first case in a `--json` report, as (kind, output, side, status).
    static func checks(_ report: JSONValue?) -> [(kind: String, output: String?, side: String?, status: String, message: String)] {
        guard let checks = report?["cases"]?.arrayValue?.first?["checks"]?.arrayValue else { return [] }
        return checks.map { check in
            (check["kind"]?.stringValue ?? "", check["output"]?.stringValue, check["side"]?.stringValue,
             check["status"]?.stringValue ?? "", check["message"]?.stringValue ?? "")
        }
    }
}
