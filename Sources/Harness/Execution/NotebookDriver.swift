/// The Python side of a notebook run: the driver script carried in the binary
/// (Sources/Harness/Python/notebook_driver.py, see `PythonSource`), the job file it reads and
/// the result file it writes.
///
/// Protocol: `python driver.py job.json`. The job names the notebook, parameters (ordered),
/// captures, the per-cell timeout and where to write the executed notebook, the captures and
/// `result.json` (`status`: completed | failed | timeout | terminated, `failure` with the cell,
/// line, exception and traceback, `captured`). The driver writes the result on every path it
/// controls, also when it is stopped with SIGTERM, so a timeout still says which cell ran.
enum NotebookDriver {
    /// Writes the driver and its job into the run folder; returns the arguments to run.
    /// - Throws: `HarnessError.io` when the files cannot be written.
    static func prepare(_ job: RunJob, notebook: String, folder: RunFolder) throws -> [String] {
        try AtomicFile.write(PythonSource.notebookDriver, to: folder.driver)
        var members: [JSONMember] = [
            JSONMember("notebook", .string(notebook)),
            JSONMember("label", .string(job.label)),
            JSONMember("output", .string(folder.executedNotebook)),
            JSONMember("result", .string(folder.result)),
            JSONMember("capture_folder", .string(folder.captures)),
            JSONMember("cell_files", .string(folder.cellFiles)),
            JSONMember("parameters", .object(job.parameters)),
            JSONMember("captures", .array(job.captures.map { .array([.string($0.file), .string($0.variable)]) })),
        ]
        if let cellTimeout = job.cellTimeout { members.append(JSONMember("cell_timeout", .double(cellTimeout))) }
        if let engine = job.engine { members.append(JSONMember("engine", .string(engine.rawValue))) }
        try AtomicFile.write(JSONValue.object(members).prettyText, to: folder.job)
        // -X faulthandler: a hard crash (segfault in an extension) still leaves a traceback.
        return [job.python.executable, "-X", "faulthandler", folder.driver, folder.job]
    }

    /// Reads what the driver reported after it ended.
    static func outcome(of job: RunJob, notebook: String, folder: RunFolder, ended: ProcessTermination) -> (RunResult.Outcome, [String: String]) {
        let name = AtomicFile.baseName(of: notebook)
        guard let bytes = try? FileBytes.read(folder.result),
              let result = try? JSONParser.parse(bytes, path: folder.result),
              let status = result["status"]?.stringValue else {
            return (crashOutcome(job: job, name: name, folder: folder, ended: ended), [:])
        }
        var captured: [String: String] = [:]
        for member in result["captured"]?.objectMembers ?? [] {
            if let path = member.value.stringValue { captured[member.key] = path }
        }
        let failure = result["failure"].map { RunFailure(driverReport: $0, notebook: name, inputs: job.inputs) }
        switch status {
        case "completed": return (.completed, captured)
        case "timeout": return (.timedOut(seconds: job.cellTimeout ?? 0, failure: failure), captured)
        default:
            return (.failed(failure ?? RunFailure(summary: "\(name): the notebook did not run to completion")), captured)
        }
    }

    /// The driver died without a result: a crash in an extension, or the faulthandler
    /// backstop of a cell that ignored its timeout.
    static func crashOutcome(job: RunJob, name: String, folder: RunFolder, ended: ProcessTermination) -> RunResult.Outcome {
        let tail = RunFailure.tail(of: folder.stderr)
        var failure = RunFailure(summary: "\(name): Python stopped before the notebook finished (\(ChildProcess.describe(ended)))",
                                 traceback: tail, exitCode: RunFailure.exitCode(ended))
        if let cellTimeout = job.cellTimeout, tail.contains("Timeout (") {
            // faulthandler's backstop: the cell ignored the timeout (blocked signals, a C loop).
            // Its dump names the cell only by its code file, `File "/tmp/ipykernel_9/123.py", line 7`;
            // the driver wrote which cell each file is.
            failure.summary = "\(name): a cell did not stop within its \(String(format: "%g", cellTimeout)) s timeout and was killed"
            let cellFiles = (try? FileBytes.read(folder.cellFiles)).flatMap { try? JSONParser.parse($0, path: folder.cellFiles) }
            if let (file, number) = cellFiles?.objectMembers?.lazy.compactMap({ member -> (String, Int)? in
                   guard let number = member.value.intValue, tail.contains("File \"\(member.key)\"") else { return nil }
                   return (member.key, number)
               }).first,
               let range = tail.range(of: "File \"\(file)\""),
               let lineRange = tail[range.upperBound...].range(of: ", line ") {
                failure.cellNumber = number
                failure.lineInCell = Int(tail[lineRange.upperBound...].prefix(while: \.isNumber))
                failure.summary = "\(name) cell \(number)" + (failure.lineInCell.map { ", line \($0)" } ?? "")
                    + ": did not stop within its \(String(format: "%g", cellTimeout)) s timeout and was killed"
            }
            return .timedOut(seconds: cellTimeout, failure: failure)
        }
        if case .signaled(let signal) = ended, signal == 9 {
            failure.hint = "killed by SIGKILL: out of memory? (check `dmesg`)"
        }
        return .failed(failure)
    }
}
