/// The environment a run's process gets.
enum RunEnvironment {
    /// The user's environment, plus the settings that make Python runs repeatable, plus the
    /// case's `env` (which wins), with the interpreter's folder first on `PATH`; pipelines
    /// also get their `pythonpath` first on `PYTHONPATH` and the parameters as JSON in
    /// `HARNESS_PARAMETERS`.
    static func merged(user: [String: String], python: PythonEnvironment, caseEnvironment: [String: String],
                       pythonpath: [String]? = nil, parameters: [JSONMember]? = nil,
                       notebook: Bool = false) -> [String: String] {
        var merged = user
        merged["PYTHONHASHSEED"] = "0"
        // Headless and the same on every machine, whatever the user's MPLBACKEND says. The
        // notebook driver chooses for itself (the inline backend, as ipykernel does).
        merged["MPLBACKEND"] = notebook ? nil : "Agg"
        merged["PYTHONUNBUFFERED"] = "1"
        // A pipeline stopped at its timeout prints where it was (see ChildProcess.abortForStacks);
        // the notebook driver says so itself.
        if !notebook { merged["PYTHONFAULTHANDLER"] = "1" }
        // A parent's virtual environment must not leak into a run that uses another one.
        if merged["VIRTUAL_ENV"] != nil, !python.executable.hasPrefix(merged["VIRTUAL_ENV"] ?? "") {
            merged["VIRTUAL_ENV"] = nil
        }
        for (name, value) in caseEnvironment { merged[name] = value }
        let path = merged["PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/bin:/usr/bin:/bin"
        merged["PATH"] = python.binFolder + ":" + path
        if let pythonpath, !pythonpath.isEmpty {
            let existing = merged["PYTHONPATH"].flatMap { $0.isEmpty ? nil : [$0] } ?? []
            merged["PYTHONPATH"] = (pythonpath + existing).joined(separator: ":")
        }
        if let parameters {
            merged["HARNESS_PARAMETERS"] = JSONValue.object(parameters).compactText
        }
        return merged
    }
}
