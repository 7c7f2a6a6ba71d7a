import Foundation

/// Building failures from what Python reported: the driver's result file for notebooks, the
/// traceback at the end of stderr for pipelines.
extension RunFailure {
    /// From the driver's `failure` object.
    init(driverReport report: JSONValue, notebook: String, inputs: [RunJob.Input]) {
        let kind = report["kind"]?.stringValue ?? "exception"
        let message = report["message"]?.stringValue
        let exception = report["exception"]?.stringValue
        let cell = report["cell"]?.intValue
        let firstLine = report["cell_first_line"]?.stringValue
        let line = report["line"]?.intValue
        var where_ = notebook
        if let cell { where_ += " cell \(cell)" }
        if let firstLine { where_ += " (`\(RunFailure.shorten(firstLine))`)" }
        if let line { where_ += ", line \(line)" }
        let what: String
        switch kind {
        case "exception", "cell-timeout":
            what = [exception, message].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case "capture":
            var text = message ?? "capture failed"
            if let suggestion = report["suggestion"]?.stringValue { text += "; did you mean `\(suggestion)`?" }
            what = text
        default:
            what = message ?? kind
        }
        self.init(summary: where_ + ": " + what, cellNumber: cell, cellFirstLine: firstLine, lineInCell: line,
                  exceptionType: exception, message: message, traceback: report["traceback"]?.stringValue,
                  hint: report["hint"]?.stringValue)
        if let source = report["source"]?.stringValue, let line {
            sourceExcerpt = RunFailure.excerpt(of: source, around: line)
        }
        if kind == "capture", let known = report["known"]?.arrayValue?.compactMap(\.stringValue) {
            hint = known.isEmpty ? "the notebook defines no variables" : "the notebook's variables: " + known.prefix(30).joined(separator: ", ")
        }
        isConfigurationError = kind == "parameters"
        if kind == "parameters", hint == nil {
            hint = "fix the case's \"parameters\" in harness.json, or assign the name in the cell tagged `parameters`"
        }
        if hint == nil {
            hint = RunFailure.hint(exception: exception, message: message,
                                   filename: report["filename"]?.stringValue, inputs: inputs)
        }
    }

    /// From a pipeline that exited with an error: its last Python traceback, when there is one.
    init(pipeline job: RunJob, ended: ProcessTermination, stderrPath: String, sandbox: String, pythonpath: [String]) {
        let tail = RunFailure.tail(of: stderrPath, bytes: 64 * 1024)
        let traceback = PythonTraceback(text: tail)
        var summary = "\(job.label): " + ChildProcess.describe(ended)
        self.init(summary: summary, traceback: tail.isEmpty ? nil : tail, exitCode: RunFailure.exitCode(ended))
        guard let traceback else {
            if tail.isEmpty { hint = "the pipeline wrote nothing to stderr; see its stdout: \(AtomicFile.parentFolder(of: stderrPath))/stdout.txt" }
            return
        }
        exceptionType = traceback.exceptionType
        message = traceback.message
        self.traceback = traceback.text
        let roots = [sandbox] + pythonpath
        if let frame = traceback.frames.last(where: { frame in roots.contains { frame.file.hasPrefix($0 + "/") } })
            ?? traceback.frames.last {
            file = frame.file
            lineInCell = frame.line
            let shown = roots.first { frame.file.hasPrefix($0 + "/") }.map { String(frame.file.dropFirst($0.count + 1)) } ?? frame.file
            summary = "\(job.label) (\(shown), line \(frame.line)): "
            if let bytes = try? FileBytes.read(frame.file) {
                sourceExcerpt = RunFailure.excerpt(of: String(decoding: bytes, as: UTF8.self), around: frame.line)
            }
        } else {
            summary = "\(job.label): "
        }
        self.summary = summary + [traceback.exceptionType, traceback.message].filter { !$0.isEmpty }.joined(separator: ": ")
        hint = RunFailure.hint(exception: traceback.exceptionType, message: traceback.message, filename: nil, inputs: job.inputs)
    }

    /// Advice for the failures people hit first when a notebook moves into a sandbox.
    static func hint(exception: String?, message: String?, filename: String?, inputs: [RunJob.Input]) -> String? {
        switch exception {
        case "FileNotFoundError"?:
            guard let path = filename ?? message.flatMap(quotedPath) else { return nil }
            if path.hasPrefix("/") {
                return "\"\(path)\" is a hard-coded absolute path: it exists on one machine only and breaks reproducibility; read the file by a path relative to the working folder and declare it in the case's \"inputs\""
            }
            let clean = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            let declared = inputs.contains { clean == $0.sandboxPath || clean.hasPrefix($0.sandboxPath + "/") }
            if declared { return nil }
            return "runs start in an empty sandbox: declare the file in the case's \"inputs\" in harness.json, e.g. \"inputs\": {\"\(clean)\": \"path/to/\(AtomicFile.baseName(of: clean))\"} (sandbox path: source, relative to harness.json)"
        case "ModuleNotFoundError"?, "ImportError"?:
            return "install the package in the interpreter harness uses, or list it in python.requirements so harness builds an environment with it"
        default:
            return nil
        }
    }

    /// `... No such file or directory: 'data/x.csv'` -> `data/x.csv`.
    static func quotedPath(_ message: String) -> String? {
        guard message.hasSuffix("'"), let open = message.dropLast().lastIndex(of: "'") else { return nil }
        return String(message[message.index(after: open)..<message.index(before: message.endIndex)])
    }

    /// The end of a log file (the part with the traceback), as text.
    static func tail(of path: String, bytes limit: Int = 16 * 1024) -> String {
        guard let bytes = try? FileBytes.read(path) else { return "" }
        let start = max(0, bytes.count - limit)
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    static func exitCode(_ ended: ProcessTermination) -> Int32 {
        switch ended {
        case .exited(let code): return code
        case .signaled(let signal): return -signal
        }
    }

    /// A cell's first line, short enough for a one-line summary.
    static func shorten(_ line: String) -> String {
        line.count <= 48 ? line : String(line.prefix(45)) + "..."
    }
}

/// The last traceback in a Python program's stderr.
struct PythonTraceback {
    struct Frame {
        var file: String
        var line: Int
    }

    var frames: [Frame] = []
    var exceptionType = ""
    var message = ""
    var text = ""

    init?(text tail: String) {
        let lines = tail.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.lastIndex(where: { $0.hasPrefix("Traceback (most recent call last):") }) else { return nil }
        var end = lines.count
        for index in (start + 1)..<lines.count {
            let line = lines[index]
            if let frame = PythonTraceback.frame(line) {
                frames.append(frame)
            } else if !line.isEmpty, !line.hasPrefix(" "), !line.hasPrefix("\t") {
                if let colon = line.range(of: ": ") {
                    exceptionType = String(line[..<colon.lowerBound])
                    message = String(line[colon.upperBound...])
                } else {
                    exceptionType = line
                }
                end = index + 1
                break
            }
        }
        text = lines[start..<end].joined(separator: "\n")
    }

    /// `  File "/path/x.py", line 12, in main`.
    static func frame(_ line: String) -> Frame? {
        guard line.hasPrefix("  File \""), let close = line.dropFirst(8).firstIndex(of: "\"") else { return nil }
        let file = String(line[line.index(line.startIndex, offsetBy: 8)..<close])
        guard let number = line.range(of: ", line ") else { return nil }
        let digits = line[number.upperBound...].prefix(while: \.isNumber)
        guard let value = Int(digits) else { return nil }
        return Frame(file: file, line: value)
    }
}
