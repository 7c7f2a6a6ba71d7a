/// Loads `harness.json` strictly: unknown keys, wrong types, missing files and paths that
/// would leave the sandbox are all reported at once, each at its line and column, before
/// anything runs.
public enum ConfigLoader {
    static let topKeys = ["$schema", "description", "python", "golden", "defaults", "cases"]
    static let pythonKeys = ["executable", "requirements"]
    static let defaultKeys = ["timeout", "cell_timeout", "rtol", "atol"]
    static let caseKeys = ["description", "inputs", "parameters", "notebook", "pipeline", "outputs",
                           "capture", "timeout", "cell_timeout", "env", "cwd", "engine", "unexpected_outputs"]
    static let pipelineKeys = ["command", "pythonpath"]
    static let outputKeys = ["path", "notebook", "pipeline", "key", "rtol", "atol", "ignore", "contract", "format",
                             "columns", "mask", "context"]

    /// Reads and checks the config at `path`.
    /// - Throws: `HarnessError.io` when it cannot be read, `.malformed` when it is not JSON,
    ///   `.many` with one entry per problem otherwise.
    public static func load(path: String) throws -> HarnessConfig {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch HarnessError.io(let path, let reason, _) where !FileBytes.exists(path) {
            throw HarnessError.io(path: path, reason: reason,
                                  hint: "run from the folder that holds harness.json, or pass --config PATH")
        }
        let document = try JSONParser.parse(bytes, path: path)
        var reader = ConfigReader(bytes: bytes, path: path)
        let config = read(document, reader: &reader, path: path)
        if !reader.problems.isEmpty { throw HarnessError.many(reader.problems) }
        return config
    }

    static func read(_ document: JSONValue, reader: inout ConfigReader, path: String) -> HarnessConfig {
        let folder = absoluteFolder(of: path)
        let top = reader.members(document, at: 0, name: "the config", allowed: topKeys)

        var python = HarnessConfig.PythonSettings()
        if let member = top["python"] {
            let keys = reader.members(member.value, at: member.offset, name: "python", allowed: pythonKeys)
            python.executable = reader.string(keys["executable"], name: "python.executable")
            if let requirements = reader.string(keys["requirements"], name: "python.requirements") {
                python.requirements = checkedPath(requirements, from: folder, at: keys["requirements"]!.offset,  // `!`: string() returned non-nil, so the member exists
                                                  what: "requirements file", reader: &reader)
            }
        }

        let golden = reader.string(top["golden"], name: "golden") ?? "golden"
        let goldenFolder = join(folder, golden)

        var defaults = CaseDefaults()
        if let member = top["defaults"] {
            let keys = reader.members(member.value, at: member.offset, name: "defaults", allowed: defaultKeys)
            defaults.timeout = reader.number(keys["timeout"], name: "defaults.timeout", positive: true) ?? defaults.timeout
            defaults.cellTimeout = reader.number(keys["cell_timeout"], name: "defaults.cell_timeout", positive: true)
            defaults.rtol = reader.number(keys["rtol"], name: "defaults.rtol") ?? 0
            defaults.atol = reader.number(keys["atol"], name: "defaults.atol") ?? 0
        }

        var cases: [CaseConfig] = []
        if let member = top["cases"] {
            for entry in reader.entries(member.value, at: member.offset, name: "cases") {
                if let loaded = CaseConfigReader.read(entry, folder: folder, defaults: defaults, reader: &reader) {
                    cases.append(loaded)
                }
            }
            if cases.isEmpty && reader.problems.isEmpty {
                reader.report(member.offset, "cases is empty", hint: "declare at least one case: see README, \"Adopting harness\"")
            }
        } else {
            reader.report(0, "the config declares no \"cases\"", hint: "add \"cases\": {\"name\": {\"notebook\": ..., \"outputs\": {...}}}")
        }
        return HarnessConfig(path: path, folder: folder, python: python, goldenFolder: goldenFolder, cases: cases)
    }

    /// A path relative to the config folder that must exist.
    static func checkedPath(_ relative: String, from folder: String, at offset: Int, what: String,
                            reader: inout ConfigReader) -> String? {
        let absolute = join(folder, relative)
        if !FileBytes.exists(absolute) {
            reader.report(offset, "\(what) \"\(relative)\" does not exist (looked for \(absolute))",
                          hint: "paths are relative to the folder of the config file")
            return nil
        }
        return absolute
    }

    static func join(_ folder: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        var result = folder
        for component in relative.split(separator: "/") where component != "." {
            if component == ".." {
                if let slash = result.lastIndex(of: "/"), slash != result.startIndex {
                    result = String(result[..<slash])
                } else {
                    result = "/"
                }
            } else {
                result += (result.hasSuffix("/") ? "" : "/") + component
            }
        }
        return result
    }

    static func absoluteFolder(of path: String) -> String {
        let folder = AtomicFile.parentFolder(of: path)
        if folder.hasPrefix("/") { return folder == "" ? "/" : folder }
        let cwd = FileStatus.currentFolder()
        return folder == "." ? cwd : join(cwd, folder)
    }
}

/// Values a case takes from `defaults` unless it sets its own.
struct CaseDefaults {
    var timeout: Double = 600
    var cellTimeout: Double?
    var rtol: Double = 0
    var atol: Double = 0
}
