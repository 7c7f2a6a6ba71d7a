/// Refuses a pipeline whose `python -m MODULE` the interpreter cannot find with the case's
/// `pythonpath`, before anything runs: otherwise the mistake shows only after the notebook
/// has run for minutes, as a "No module named" traceback.
///
/// A module whose top-level package sits in a `pythonpath` folder (or is copied into the
/// sandbox as an input, where `python -m` finds it in the working folder) is found without
/// asking; the rest are looked up by the interpreter itself with `importlib.util.find_spec`
/// on the top-level name (which imports nothing) and the package folders below it, so an
/// installed module (`python -m pytest`) passes.
enum PipelineModuleCheck {
    /// - Throws: `HarnessError.many`, one `.invalid` at the pipeline's command per module not found.
    static func check(_ cases: [CaseConfig], python: PythonEnvironment, environment: [String: String]) throws {
        var problems: [HarnessError] = []
        for caseConfig in cases {
            guard let pipeline = caseConfig.pipeline, let module = pipeline.module else { continue }
            let top = String(module.split(separator: ".").first ?? "")
            if caseConfig.inputs.contains(where: { $0.sandboxPath.split(separator: "/").first.map(String.init) == top
                || $0.sandboxPath == top + ".py" }) { continue }
            if module == top, pipeline.pythonpath.contains(where: { FileBytes.exists($0 + "/" + top + ".py") || FileBytes.exists($0 + "/" + top + "/") }) {
                continue
            }
            if try found(module, pythonpath: pipeline.pythonpath, python: python, environment: environment, caseConfig: caseConfig) { continue }
            let folders = pipeline.pythonpath.isEmpty ? "no pythonpath folders" : "pythonpath " + pipeline.pythonpath.joined(separator: ", ")
            problems.append(.invalid(pipeline.commandLocation,
                                     message: "cases.\(caseConfig.name).pipeline.command runs module \"\(module)\", which \(python.executable) cannot find with \(folders)",
                                     hint: "add the folder that holds \(top)/ (or \(top).py) to \"pythonpath\", or correct the module name"))
        }
        if !problems.isEmpty { throw HarnessError.many(problems) }
    }

    static let script = """
    import importlib.util, os, sys
    name = sys.argv[1]
    top, _, rest = name.partition(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        sys.exit(1)
    paths = list(spec.submodule_search_locations or [])
    parts = rest.split(".") if rest else []
    for index, part in enumerate(parts):
        found = None
        for folder in paths:
            if os.path.isdir(os.path.join(folder, part)):
                found = [os.path.join(folder, part)]
                break
            last = index == len(parts) - 1
            if last and any(entry == part + ".py" or (entry.startswith(part + ".") and entry.endswith((".so", ".pyc", ".pyd")))
                            for entry in (os.listdir(folder) if os.path.isdir(folder) else [])):
                found = []
                break
        if found is None:
            sys.exit(1)
        paths = found
    sys.exit(0)
    """

    private static func found(_ module: String, pythonpath: [String], python: PythonEnvironment,
                              environment: [String: String], caseConfig: CaseConfig) throws -> Bool {
        let merged = RunEnvironment.merged(user: environment, python: python, caseEnvironment: caseConfig.environment,
                                           pythonpath: pythonpath)
        let output = try ChildProcess.capture(executable: python.executable, arguments: [python.executable, "-c", script, module],
                                              environment: merged, timeout: 60)
        guard case .exited(let code)? = output.termination else { return true }  // could not tell: let the run say
        return code == 0
    }
}
