import Foundation

/// Runs the checklist (`Python/notebook_assess.py`, Python's own `ast`) on a notebook with
/// the project's interpreter.
public enum NotebookAssessor {
    /// - Parameter python: the interpreter to run the script with (stdlib only, 3.8+).
    /// - Throws: `HarnessError.io` when the notebook is missing or the script cannot run,
    ///   `.malformed` when the notebook is not notebook JSON.
    public static func assess(notebook: String, python: String, environment: [String: String]) throws -> NotebookAssessment {
        guard FileBytes.exists(notebook), !FileBytes.isDirectory(notebook) else {
            throw HarnessError.io(path: notebook, reason: "no such notebook", hint: "give the path of an .ipynb file")
        }
        // Checked here, so a broken notebook is one message with its line, not a traceback.
        let document = try JSONParser.parse(fileAt: notebook)
        guard document["cells"]?.arrayValue != nil else {
            throw HarnessError.malformed(SourceLocation(path: notebook, line: 1), message: "not a Jupyter notebook: no \"cells\" list",
                                         hint: "assess reads .ipynb files (nbformat 4)")
        }
        let folder = try RunFolder.create(label: "assess")
        defer { RunFolder.remove(sandbox: folder.sandbox) }
        let script = folder.path + "/notebook_assess.py"
        try AtomicFile.write(PackageResources.notebook_assess_py, to: script)
        let absolute = URL(fileURLWithPath: notebook).standardizedFileURL.path
        let captured = try ChildProcess.capture(executable: python,
                                                arguments: [python, script, absolute, projectRoot(of: absolute)],
                                                environment: environment, timeout: 120)
        guard case .exited(0)? = captured.termination,
              let json = try? JSONParser.parse(Array(captured.stdout.utf8), path: script) else {
            throw HarnessError.io(path: notebook, reason: "the assessment could not run (\(python)):\(captured.lastLines(5))",
                                  hint: "assess needs Python 3.8 or later; set HARNESS_PYTHON to another interpreter")
        }
        return NotebookAssessment(json: json, notebook: notebook)
    }

    /// The nearest folder above the notebook that holds `harness.json` or `.git`; else the
    /// notebook's own folder. Paths that leave it are findings.
    static func projectRoot(of notebook: String) -> String {
        var folder = (notebook as NSString).deletingLastPathComponent
        let start = folder
        while !folder.isEmpty && folder != "/" {
            if FileBytes.exists(folder + "/harness.json") || FileBytes.exists(folder + "/.git") { return folder }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return start
    }
}
