/// Reads one entry of `cases`, reporting each problem at its key.
enum CaseConfigReader {
    static func read(_ entry: JSONMember, folder: String, defaults: CaseDefaults,
                     reader: inout ConfigReader) -> CaseConfig? {
        let name = entry.key
        let problemsBefore = reader.problems.count
        if name.isEmpty || name.contains("/") || name.hasPrefix(".") {
            reader.report(entry.offset, "case name \"\(name)\" cannot be a folder name (goldens live in golden/<case>/)",
                          hint: "use letters, digits, '-' and '_'")
        }
        let keys = reader.members(entry.value, at: entry.offset, name: "case \"\(name)\"", allowed: ConfigLoader.caseKeys)
        let context = "cases.\(name)"

        var inputs: [InputDeclaration] = []
        if let member = keys["inputs"] {
            for input in reader.entries(member.value, at: member.offset, name: "\(context).inputs") {
                guard let sandboxPath = SandboxPath.normalized(input.key) else {
                    reader.report(input.offset, "input \"\(input.key)\" would be outside the sandbox",
                                  hint: "sandbox paths are relative and cannot contain '..', e.g. \"data/sales.csv\"")
                    continue
                }
                guard let source = reader.string(JSONMember(input.key, input.value, offset: input.offset), name: "input \"\(input.key)\"") else { continue }
                if let absolute = ConfigLoader.checkedPath(source, from: folder, at: input.offset, what: "input", reader: &reader) {
                    inputs.append(InputDeclaration(sandboxPath: sandboxPath, source: absolute))
                }
            }
        }

        var parameters: [JSONMember] = []
        if let member = keys["parameters"] {
            parameters = reader.entries(member.value, at: member.offset, name: "\(context).parameters")
        }

        var notebook: String?
        if let relative = reader.string(keys["notebook"], name: "\(context).notebook") {
            notebook = ConfigLoader.checkedPath(relative, from: folder, at: keys["notebook"]!.offset, what: "notebook", reader: &reader)  // `!`: string() returned non-nil
        }

        if let notebook, keys["parameters"] != nil {
            checkParameters(parameters, notebook: notebook, relative: keys["notebook"]?.value.stringValue ?? notebook,
                            context: context, reader: &reader)
        }

        var pipeline: PipelineConfig?
        if let member = keys["pipeline"] {
            pipeline = readPipeline(member, context: context, parameters: parameters, folder: folder, reader: &reader)
        }
        if keys["notebook"] == nil && keys["pipeline"] == nil {
            reader.report(entry.offset, "case \"\(name)\" has neither a notebook nor a pipeline",
                          hint: "add \"notebook\": \"path/to/analysis.ipynb\" or \"pipeline\": {\"command\": [...]}")
        }

        var captures: [CaptureConfig] = []
        // Where each capture is declared: its checks point there.
        var captureOffsets: [String: Int] = [:]
        if let member = keys["capture"] {
            if keys["notebook"] == nil {
                reader.report(member.offset, "\(context).capture needs a notebook: captures are notebook variables")
            }
            for capture in reader.entries(member.value, at: member.offset, name: "\(context).capture") {
                guard let variable = reader.string(JSONMember(capture.key, capture.value, offset: capture.offset),
                                                   name: "capture \"\(capture.key)\"") else { continue }
                guard SandboxPath.normalized(capture.key) != nil, !capture.key.contains("/") else {
                    reader.report(capture.offset, "capture file name \"\(capture.key)\" must be a plain file name")
                    continue
                }
                captures.append(CaptureConfig(file: capture.key, variable: variable))
                captureOffsets[capture.key] = capture.offset
            }
        }

        var outputs: [OutputConfig] = []
        if let member = keys["outputs"] {
            for output in reader.entries(member.value, at: member.offset, name: "\(context).outputs") {
                if let loaded = OutputConfigReader.read(output, context: context, hasNotebook: keys["notebook"] != nil,
                                                        hasPipeline: keys["pipeline"] != nil, captures: captures,
                                                        defaults: defaults, folder: folder, reader: &reader) {
                    outputs.append(loaded)
                }
            }
        }
        // A capture with no output entry of its own is still compared with its golden.
        for capture in captures where !outputs.contains(where: { $0.name == capture.file }) {
            var options = CompareOptions(rtol: defaults.rtol, atol: defaults.atol)
            options.format = nil
            outputs.append(OutputConfig(name: capture.file, notebookPath: capture.file, pipelinePath: nil,
                                        fromCapture: true, options: options, contract: nil,
                                        location: captureOffsets[capture.file].flatMap(reader.location)))
        }
        if outputs.isEmpty && keys["outputs"] == nil {
            reader.report(entry.offset, "case \"\(name)\" declares no outputs, so nothing would be checked",
                          hint: "add \"outputs\": {\"result.csv\": {\"path\": \"out/result.csv\"}}")
        }

        var environment: [String: String] = [:]
        if let member = keys["env"] {
            for variable in reader.entries(member.value, at: member.offset, name: "\(context).env") {
                if let value = variable.value.stringValue {
                    environment[variable.key] = value
                } else {
                    reader.report(variable.offset, "env \"\(variable.key)\" must be a string, found \(variable.value.typeName)",
                                  hint: "quote it: \"\(variable.key)\": \"\(variable.value.compactText)\"")
                }
            }
        }

        let timeout = reader.number(keys["timeout"], name: "\(context).timeout", positive: true) ?? defaults.timeout
        let cellTimeout = reader.number(keys["cell_timeout"], name: "\(context).cell_timeout", positive: true) ?? defaults.cellTimeout
        let description = reader.string(keys["description"], name: "\(context).description")
        let workingFolder = readWorkingFolder(keys["cwd"], context: context, reader: &reader)
        let engine = readEngine(keys["engine"], context: context, hasNotebook: keys["notebook"] != nil, reader: &reader)
        var unexpectedOutputs = UnexpectedOutputPolicy.warn
        if let member = keys["unexpected_outputs"], let text = reader.string(member, name: "\(context).unexpected_outputs") {
            if let policy = UnexpectedOutputPolicy(rawValue: text) {
                unexpectedOutputs = policy
            } else {
                reader.problems.append(.unknownName(reader.location(member.offset), kind: "value of \(context).unexpected_outputs",
                                                    name: text, known: UnexpectedOutputPolicy.allCases.map(\.rawValue)))
            }
        }
        guard reader.problems.count == problemsBefore else { return nil }
        return CaseConfig(name: name, description: description, inputs: inputs, parameters: parameters,
                          notebook: notebook, pipeline: pipeline, outputs: outputs, captures: captures,
                          timeout: timeout, cellTimeout: cellTimeout, environment: environment,
                          workingFolder: workingFolder, engine: engine,
                          unexpectedOutputs: unexpectedOutputs)
    }

    /// `cwd`: a folder inside the sandbox; "." is its root.
    static func readWorkingFolder(_ member: JSONMember?, context: String, reader: inout ConfigReader) -> String? {
        guard let member, let text = reader.string(member, name: "\(context).cwd") else { return nil }
        if text == "." || text == "./" { return nil }
        guard let folder = SandboxPath.normalized(text) else {
            reader.report(member.offset, "\(context).cwd \"\(text)\" would be outside the sandbox",
                          hint: "give a folder relative to the sandbox root, e.g. \"notebooks\" for a notebook that reads ../data/x.csv")
            return nil
        }
        return folder
    }

    static func readEngine(_ member: JSONMember?, context: String, hasNotebook: Bool,
                           reader: inout ConfigReader) -> NotebookEngine? {
        guard let member, let text = reader.string(member, name: "\(context).engine") else { return nil }
        let names = NotebookEngine.allCases.map(\.rawValue)
        guard let engine = NotebookEngine(rawValue: text) else {
            let nearest = NameSuggestion.nearest(to: text, in: names)
            reader.report(member.offset, "\(context).engine \"\(text)\" is not an engine; expected one of \(names.joined(separator: ", "))",
                          hint: nearest.map { "did you mean \"\($0)\"?" })
            return nil
        }
        if !hasNotebook {
            reader.report(member.offset, "\(context).engine needs a notebook: it says how the notebook's cells run")
        }
        return engine
    }

    /// Refuses parameters the notebook's parameters cell does not assign (papermill would
    /// inject them, and a typo would leave the default silently in place).
    static func checkParameters(_ parameters: [JSONMember], notebook: String, relative: String,
                                context: String, reader: inout ConfigReader) {
        guard !parameters.isEmpty, let cell = NotebookParameters.read(notebook: notebook) else { return }
        let assigns = cell.names.isEmpty ? "nothing" : cell.names.map { "\"\($0)\"" }.joined(separator: ", ")
        for parameter in parameters where !cell.names.contains(parameter.key) {
            reader.problems.append(.unknownName(reader.location(parameter.offset), kind: "notebook parameter in \(context).parameters",
                                                name: parameter.key, known: cell.names,
                                                hint: "the parameters cell (cell \(cell.cell)) of \(relative) assigns \(assigns); add the name there or correct it here"))
        }
    }

    static func readPipeline(_ member: JSONMember, context: String, parameters: [JSONMember], folder: String,
                             reader: inout ConfigReader) -> PipelineConfig? {
        let keys = reader.members(member.value, at: member.offset, name: "\(context).pipeline", allowed: ConfigLoader.pipelineKeys)
        guard let commandMember = keys["command"] else {
            reader.report(member.offset, "\(context).pipeline needs a \"command\"", hint: "for example \"command\": [\"python\", \"-m\", \"mypackage\"]")
            return nil
        }
        guard let command = reader.strings(commandMember, name: "\(context).pipeline.command") else { return nil }
        if commandMember.value.stringValue != nil {
            reader.report(commandMember.offset, "\(context).pipeline.command must be a list of arguments, not one string",
                          hint: "split it: [\"python\", \"-m\", \"mypackage\"] (no shell is involved)")
            return nil
        }
        if command.isEmpty {
            reader.report(commandMember.offset, "\(context).pipeline.command is empty")
            return nil
        }
        // The same expansion the run does, so a placeholder naming no parameter is reported
        // here, before anything runs.
        do {
            _ = try PipelineCommand.expand(command, parameters: parameters)
        } catch HarnessError.unknownName(_, _, let name, let known, _) {
            reader.problems.append(.unknownName(reader.location(commandMember.offset), kind: "parameter placeholder {param:\(name)} in \(context).pipeline.command",
                                                name: name, known: known, hint: "declare it under \(context).parameters"))
        } catch {
            reader.report(commandMember.offset, DiagnosticRenderer.render(error))
        }
        var pythonpath: [String] = []
        if let member = keys["pythonpath"], let folders = reader.strings(member, name: "\(context).pipeline.pythonpath") {
            for relative in folders {
                if let absolute = ConfigLoader.checkedPath(relative, from: folder, at: member.offset, what: "pythonpath folder", reader: &reader) {
                    pythonpath.append(absolute)
                }
            }
        }
        return PipelineConfig(command: command, pythonpath: pythonpath, module: module(of: command),
                              commandLocation: reader.location(commandMember.offset))
    }

    /// `MODULE` of `python … -m MODULE …`, when the command runs Python that way.
    static func module(of command: [String]) -> String? {
        guard let program = command.first?.split(separator: "/").last, program.hasPrefix("python"),
              let flag = command.firstIndex(of: "-m"), flag + 1 < command.count else { return nil }
        let module = command[flag + 1]
        return module.contains("{param:") || module.isEmpty ? nil : module
    }
}
