/// The interpreter notebooks and pipelines run with.
public struct PythonEnvironment: Sendable, Equatable {
    /// Absolute path (the interpreter's own `sys.executable`, so a pyenv shim is resolved).
    public var executable: String
    /// Put first on `PATH` for runs, so `python` in a pipeline command is this interpreter.
    public var binFolder: String
    /// e.g. "3.11.7".
    public var version: String

    public init(executable: String, binFolder: String, version: String) {
        self.executable = executable
        self.binFolder = binFolder
        self.version = version
    }

    /// Finds the interpreter and, with `requirements`, its cached virtual environment.
    ///
    /// The interpreter is `executable` (from the config) ?? `$HARNESS_PYTHON` ?? `python3`,
    /// looked up on `environment["PATH"]`. With `requirements` (absolute path), a virtual
    /// environment is built once under `cacheFolder` (the lead passes
    /// `<config folder>/.harness`), keyed by the file's content and the interpreter version,
    /// with progress on `console`.
    /// - Throws: `HarnessError.io` when the interpreter is missing or broken (with how to set
    ///   it), or when pip fails (with pip's last lines).
    public static func prepare(executable: String?, requirements: String?, cacheFolder: String,
                               environment: [String: String], console: Console) throws -> PythonEnvironment {
        let configured = executable.flatMap { $0.isEmpty ? nil : $0 }
        let fromVariable = environment["HARNESS_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        let requested = configured ?? fromVariable ?? "python3"
        let origin = configured != nil ? "python.executable" : fromVariable != nil ? "HARNESS_PYTHON" : "the default"
        guard let path = ExecutableSearch.find(requested, path: environment["PATH"]) else {
            let looked = requested.contains("/") ? "does not exist or is not executable" : "was not found on PATH"
            throw HarnessError.io(
                path: requested, reason: "Python interpreter (\(origin)) \(looked)",
                hint: "install Python 3, or point harness at one: set python.executable in harness.json (\"python\": {\"executable\": \"/path/to/python3\"}) or the environment variable HARNESS_PYTHON=/path/to/python3")
        }
        let base = try probe(path, environment: environment)
        guard let requirements else { return base }
        return try VirtualEnvironment.cached(requirements: requirements, base: base, cacheFolder: cacheFolder,
                                             environment: environment, console: console)
    }

    /// Asks the interpreter for its real path and version.
    static func probe(_ path: String, environment: [String: String]) throws -> PythonEnvironment {
        let script = "import sys, platform; print(sys.executable); print(platform.python_version()); sys.exit(0 if sys.version_info >= (3, 8) else 3)"
        let output = try ChildProcess.capture(executable: path, arguments: [path, "-c", script],
                                              environment: environment, timeout: 60)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        guard case .exited(let code) = output.termination, code == 0 || code == 3, lines.count >= 2 else {
            throw HarnessError.io(path: path, reason: "is not a working Python interpreter: " + output.lastLines(5),
                                  hint: "point python.executable (harness.json) or HARNESS_PYTHON at a Python 3 interpreter")
        }
        if code == 3 {
            throw HarnessError.io(path: path, reason: "is Python \(lines[1]); harness needs Python 3.8 or newer",
                                  hint: "point python.executable (harness.json) or HARNESS_PYTHON at a newer interpreter")
        }
        let executable = lines[0].hasPrefix("/") ? lines[0] : path
        return PythonEnvironment(executable: executable, binFolder: AtomicFile.parentFolder(of: executable), version: lines[1])
    }
}
