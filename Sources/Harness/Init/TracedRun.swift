import Foundation

/// One notebook run through `Runner` with `open_trace.py` installed as `sitecustomize`.
struct TracedRun {
    var result: RunResult
    var trace: OpenTrace
    /// Why the run did not complete; nil when it did.
    var failure: RunFailure?

    /// - Throws: `HarnessError.io` when the trace folder cannot be written or the run cannot
    ///   start. A notebook that fails is `failure`, not an error.
    static func run(notebook: String, inputs: [RunJob.Input], workingFolder: String?, python: PythonEnvironment, environment: [String: String],
                    label: String, console: Console) throws -> TracedRun {
        let hooks = try RunFolder.create(label: "init-trace")
        defer { RunFolder.remove(sandbox: hooks.sandbox) }
        try AtomicFile.makeFolders(hooks.sandbox)
        try AtomicFile.write(PackageResources.open_trace_py, to: hooks.sandbox + "/sitecustomize.py")
        let traceFile = hooks.path + "/trace.txt"
        var caseEnvironment = ["HARNESS_TRACE": traceFile]
        let existing = environment["PYTHONPATH"].flatMap { $0.isEmpty ? nil : $0 }
        caseEnvironment["PYTHONPATH"] = hooks.sandbox + (existing.map { ":" + $0 } ?? "")
        let job = RunJob(target: .notebook(path: notebook), label: label, inputs: inputs,
                         environment: caseEnvironment, timeout: 1800, workingFolder: workingFolder, python: python)
        let result = try Runner.run(job, console: console)
        let text = (try? FileBytes.read(traceFile)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        // The sandbox may be reached through a symbolic link (/tmp on macOS): match both.
        var trace = OpenTrace(text: text, sandbox: result.sandbox)
        let real = (result.sandbox as NSString).resolvingSymlinksInPath
        if real != result.sandbox {
            let other = OpenTrace(text: text, sandbox: real)
            trace = OpenTrace(reads: trace.reads + other.reads.filter { !trace.reads.contains($0) },
                              writes: trace.writes + other.writes.filter { !trace.writes.contains($0) })
        }
        let failure: RunFailure?
        switch result.outcome {
        case .completed: failure = nil
        case .failed(let reported): failure = reported
        case .timedOut(let seconds, let reported):
            failure = reported ?? RunFailure(summary: "the notebook did not finish within \(Int(seconds)) s")
        case .interrupted: failure = RunFailure(summary: "interrupted")
        }
        return TracedRun(result: result, trace: trace, failure: failure)
    }
}
