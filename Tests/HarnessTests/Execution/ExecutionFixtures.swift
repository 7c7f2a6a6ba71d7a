import Foundation
import Testing
@testable import Harness

/// Interpreters and notebooks for the execution tests.
///
/// The interpreters are virtual environments built by `PythonEnvironment.prepare` itself from
/// the requirement files in Fixtures/Execution and cached in `<repo>/.harness/` (gitignored):
/// the first run on a machine installs them, later runs reuse them. `plain` has the standard
/// library only, so the plain-exec engine is tested whatever the machine has installed.
enum ExecutionFixtures {
    static let cacheFolder = TestSupport.pythonCache
    static let fixtures = TestSupport.fixtures + "/Execution"

    static let plainResult = Result { try environment("requirements-plain.txt") }
    static let ipythonResult = Result { try environment("requirements-ipython.txt") }
    static let jupyterResult = Result { try environment("requirements-jupyter.txt") }

    static func plain() throws -> PythonEnvironment { try plainResult.get() }
    static func ipython() throws -> PythonEnvironment { try ipythonResult.get() }
    /// IPython 9 with ipykernel, nbclient and matplotlib 3.7: a real kernel to compare with.
    static func jupyter() throws -> PythonEnvironment { try jupyterResult.get() }

    static func environment(_ requirements: String) throws -> PythonEnvironment {
        try PythonEnvironment.prepare(executable: nil, requirements: fixtures + "/" + requirements,
                                      cacheFolder: cacheFolder, environment: ProcessEnvironment.current,
                                      console: BufferConsole())
    }

    /// A cell: code unless `markdown`; `tags` as Jupyter stores them.
    struct Cell {
        var source: String
        var tags: [String] = []
        var markdown = false

        static func code(_ source: String, tags: [String] = []) -> Cell { Cell(source: source, tags: tags) }
        static func markdown(_ source: String) -> Cell { Cell(source: source, markdown: true) }
    }

    /// Writes an nbformat 4 notebook (sources as lists of lines, as Jupyter saves them).
    static func writeNotebook(_ cells: [Cell], in folder: String, name: String = "analysis.ipynb") throws -> String {
        let json: [[String: Any]] = cells.map { cell in
            let lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let source = lines.enumerated().map { $0.offset < lines.count - 1 ? $0.element + "\n" : $0.element }
            var object: [String: Any] = ["cell_type": cell.markdown ? "markdown" : "code", "source": source,
                                         "metadata": cell.tags.isEmpty ? [:] : ["tags": cell.tags]]
            if !cell.markdown {
                object["outputs"] = []
                object["execution_count"] = NSNull()
            }
            return object
        }
        let notebook: [String: Any] = ["nbformat": 4, "nbformat_minor": 5, "metadata": [:], "cells": json]
        let data = try JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys])
        let path = folder + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs a notebook with the given interpreter; the run folder is removed afterwards
    /// unless the caller wants to look into it (`keep`).
    static func runNotebook(_ cells: [Cell], python: PythonEnvironment, parameters: [JSONMember] = [],
                            captures: [RunJob.Capture] = [], inputs: [RunJob.Input] = [],
                            timeout: Double? = nil, cellTimeout: Double? = nil,
                            workingFolder: String? = nil, engine: NotebookEngine? = nil,
                            folder: String? = nil) throws -> RunResult {
        let created = folder == nil
        let folder = try folder ?? TestSupport.temporaryFolder("nb")
        defer { if created { try? FileManager.default.removeItem(atPath: folder) } }
        let path = try writeNotebook(cells, in: folder)
        let job = RunJob(target: .notebook(path: path), label: "test/notebook", inputs: inputs, parameters: parameters,
                         captures: captures, timeout: timeout, cellTimeout: cellTimeout,
                         workingFolder: workingFolder, engine: engine, python: python)
        return try Runner.run(job, console: BufferConsole())
    }

    static func failure(_ result: RunResult) -> RunFailure? {
        switch result.outcome {
        case .failed(let failure): return failure
        case .timedOut(_, let failure): return failure
        default: return nil
        }
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// The executed notebook, parsed.
    static func executed(_ result: RunResult) throws -> [String: Any] {
        let path = try #require(result.executedNotebookPath)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Whether process `pid` is gone, waiting up to `seconds` for init to reap it.
    static func processIsGone(_ pid: Int32, within seconds: Double = 3) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if kill(pid, 0) != 0 && errno == ESRCH { return true }
            // A zombie waiting for its new parent to reap it is not running any more.
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            usleep(50_000)
        }
        return false
    }
}
