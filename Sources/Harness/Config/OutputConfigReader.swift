/// Reads one entry of a case's `outputs`.
enum OutputConfigReader {
    static func read(_ entry: JSONMember, context: String, hasNotebook: Bool, hasPipeline: Bool,
                     captures: [CaptureConfig], defaults: CaseDefaults, folder: String,
                     reader: inout ConfigReader) -> OutputConfig? {
        let name = entry.key
        let where_ = "\(context).outputs.\(name)"
        let problemsBefore = reader.problems.count
        if SandboxPath.normalized(name) == nil || name.hasSuffix("/") {
            reader.report(entry.offset, "output name \"\(name)\" cannot be a golden file name (golden/<case>/<output>)")
        }
        let keys = reader.members(entry.value, at: entry.offset, name: "output \"\(name)\"", allowed: ConfigLoader.outputKeys)

        func sandboxPath(_ key: String) -> String? {
            guard let member = keys[key], let text = reader.string(member, name: "\(where_).\(key)") else { return nil }
            guard let normalized = SandboxPath.normalized(text) else {
                reader.report(member.offset, "\(where_).\(key) \"\(text)\" would be outside the sandbox",
                              hint: "output paths are relative to the run's folder and cannot contain '..'")
                return nil
            }
            return normalized
        }
        let shared = sandboxPath("path")
        var notebookPath = sandboxPath("notebook") ?? shared
        var pipelinePath = sandboxPath("pipeline") ?? shared
        var fromCapture = false
        if notebookPath == nil, hasNotebook, captures.contains(where: { $0.file == name }) {
            notebookPath = name
            fromCapture = true
        }
        if !hasNotebook, keys["notebook"] != nil {
            reader.report(keys["notebook"]!.offset, "\(where_).notebook is set but the case has no notebook")  // `!`: checked non-nil
        }
        if !hasPipeline, keys["pipeline"] != nil {
            reader.report(keys["pipeline"]!.offset, "\(where_).pipeline is set but the case has no pipeline")  // `!`: checked non-nil
        }
        if !hasNotebook { notebookPath = nil }
        if !hasPipeline { pipelinePath = nil }
        if notebookPath == nil && pipelinePath == nil && reader.problems.count == problemsBefore {
            reader.report(entry.offset, "output \"\(name)\" has no path",
                          hint: "add \"path\": \"out/\(name)\" (or \"notebook\" and \"pipeline\" paths when they differ)")
        }

        var options = CompareOptions(rtol: defaults.rtol, atol: defaults.atol)
        options.key = reader.strings(keys["key"], name: "\(where_).key") ?? []
        options.ignore = reader.strings(keys["ignore"], name: "\(where_).ignore") ?? []
        options.rtol = reader.number(keys["rtol"], name: "\(where_).rtol") ?? defaults.rtol
        options.atol = reader.number(keys["atol"], name: "\(where_).atol") ?? defaults.atol
        if let member = keys["format"], let text = reader.string(member, name: "\(where_).format") {
            if let format = DiffReport.Format(rawValue: text) {
                options.format = format
            } else {
                reader.problems.append(.unknownName(reader.location(member.offset), kind: "format", name: text,
                                                    known: DiffReport.Format.allCases.map(\.rawValue)))
            }
        }
        var contract: String?
        if let member = keys["contract"], let relative = reader.string(member, name: "\(where_).contract") {
            contract = ConfigLoader.checkedPath(relative, from: folder, at: member.offset, what: "contract", reader: &reader)
        }
        let formatPath = pipelinePath ?? notebookPath ?? name
        checkFormat(options, keys: keys, output: name, path: formatPath, where: where_, reader: &reader)
        if let contract { checkContract(contract, output: formatPath, reader: &reader) }
        readComparison(keys, at: where_, name: name, contract: contract, options: &options, reader: &reader)
        guard reader.problems.count == problemsBefore else { return nil }
        return OutputConfig(name: name, notebookPath: notebookPath, pipelinePath: pipelinePath,
                            fromCapture: fromCapture, options: options, contract: contract,
                            location: reader.location(entry.offset))
    }
}
