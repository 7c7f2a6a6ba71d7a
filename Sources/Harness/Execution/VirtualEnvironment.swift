import Foundation

/// Virtual environments built from `python.requirements`, cached so that only the first run
/// on a machine pays for pip.
///
/// `<cacheFolder>/venvs/py<version>-<hash of the file>/`, complete once it holds
/// `.harness-complete`; a file lock serialises builders (several `harness` processes, or
/// test threads); a failed build is removed, never cached.
enum VirtualEnvironment {
    static let pipTimeout: Double = 1800

    static func cached(requirements: String, base: PythonEnvironment, cacheFolder: String,
                       environment: [String: String], console: Console) throws -> PythonEnvironment {
        let content = try FileBytes.read(requirements)
        let key = "py\(base.version)-\(hexHash(content))"
        let venvs = cacheFolder + "/venvs"
        let folder = venvs + "/" + key
        let python = folder + "/bin/python"
        let marker = folder + "/.harness-complete"
        let built = PythonEnvironment(executable: python, binFolder: folder + "/bin", version: base.version)
        if FileBytes.exists(marker) { return built }

        try AtomicFile.makeFolders(venvs)
        let lock = try FileLock(path: venvs + "/" + key + ".lock")
        defer { lock.unlock() }
        if FileBytes.exists(marker) { return built }  // another builder finished while we waited
        try? FileManager.default.removeItem(atPath: folder)

        let started = Clock.now
        let log = venvs + "/" + key + ".log"
        console.err("harness: building the Python environment for \(requirements) (Python \(base.version)); only the first run does this\n")
        var environment = environment
        environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        let made = try ChildProcess.runToEnd(executable: base.executable, arguments: ["python", "-m", "venv", folder],
                                             environment: environment, workingDirectory: venvs,
                                             stdoutPath: log, stderrPath: log + ".venv", timeout: 300)
        guard made == .exited(0) else {
            // `python -m venv` explains itself on stdout ("ensurepip is not available ...
            // apt install python3.11-venv") and tracebacks on stderr: show both.
            let read = { (path: String) in (try? FileBytes.read(path)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
            let detail = [read(log), read(log + ".venv")].filter { $0.contains { !$0.isWhitespace } }.joined(separator: "\n")
            try? FileManager.default.removeItem(atPath: folder)
            throw HarnessError.io(path: requirements, reason: "could not create a virtual environment with \(base.executable) (\(ChildProcess.describe(made))):\(lastLines(detail, 12))",
                                  hint: "on Debian/Ubuntu, install the venv module: apt-get install python3-venv")
        }
        var progress = ProgressLog(path: log, console: console)
        let folderOfFile = AtomicFile.parentFolder(of: requirements)
        let installed = try ChildProcess.runToEnd(
            executable: python, arguments: ["python", "-m", "pip", "install", "--progress-bar", "off", "-r", requirements],
            environment: environment, workingDirectory: folderOfFile, stdoutPath: log, stderrPath: log + ".err",
            timeout: pipTimeout, tick: { progress.show() })
        progress.show()
        guard installed == .exited(0) else {
            let errors = (try? FileBytes.read(log + ".err")).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let output = (try? FileBytes.read(log)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            try? FileManager.default.removeItem(atPath: folder)
            throw HarnessError.io(path: requirements, reason: "pip could not install the requirements (\(ChildProcess.describe(installed))):\(lastLines(errors.isEmpty ? output : errors, 12))",
                                  hint: "fix the file (package names, versions), then run again; pip's full output is in \(log) and \(log).err")
        }
        try AtomicFile.write("requirements: \(requirements)\n", to: marker)
        console.err("harness: Python environment ready in \(String(format: "%.0f", Clock.now - started)) s: \(folder)\n")
        return built
    }

    /// FNV-1a, 64 bits: a cache key, not a security check.
    static func hexHash(_ bytes: [UInt8]) -> String {
        let text = String(FNV1a.hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    static func lastLines(_ text: String, _ count: Int) -> String {
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return "\n    " + lines.suffix(count).joined(separator: "\n    ")
    }

    /// Shows pip's "Collecting ..." and "Successfully installed ..." lines as they appear.
    struct ProgressLog {
        let path: String
        let console: Console
        var shown = 0

        mutating func show() {
            guard let bytes = try? FileBytes.read(path), bytes.count > shown else { return }
            let end = bytes[shown...].lastIndex(of: 0x0A).map { $0 + 1 } ?? shown
            guard end > shown else { return }
            for line in String(decoding: bytes[shown..<end], as: UTF8.self).split(separator: "\n")
            where line.hasPrefix("Collecting") || line.hasPrefix("Successfully installed") {
                console.err("  pip: \(line)\n")
            }
            shown = end
        }
    }
}
