import Foundation

// Design note. `harness init` runs the notebook twice before it writes anything. The first
// run gets a copy of the notebook's folder and the audit-hook tracer (`open_trace.py`,
// installed as `sitecustomize` on PYTHONPATH, so the notebook driver is untouched): what it
// reads there becomes `inputs`, the CSV/JSON files it writes become `outputs`. The second
// run gets only those inputs, which proves they suffice, and its outputs are compared with
// the first run's: an output that differs (beyond the timestamp-like columns proposed for
// `ignore`) is nondeterministic and is not recorded. Only then are harness.json, the
// contracts and the goldens written, and the case is run once more through `harness run`.

/// Adopts a notebook: its case, contracts and goldens from traced runs.
public enum NotebookAdoption {
    public struct Request: Sendable {
        public var notebook: String
        public var caseName: String?
        public var configPath: String
        public var force: Bool
        public var environment: [String: String]
        /// The folder laid out in the sandbox (`--root`, e.g. the repository), holding the
        /// notebook, whose own folder is then the case's `cwd`; nil for the notebook's folder.
        public var root: String?

        public init(notebook: String, caseName: String?, configPath: String, force: Bool, environment: [String: String],
                    root: String? = nil) {
            self.notebook = notebook
            self.caseName = caseName
            self.configPath = configPath
            self.force = force
            self.environment = environment
            self.root = root
        }
    }

    /// - Throws: `HarnessError` for a missing notebook, an existing case without `force`, or
    ///   a config that cannot be read or written. A notebook that fails is a result.
    public static func adopt(_ request: Request, console: Console) throws -> AdoptionResult {
        let notebook = URL(fileURLWithPath: request.notebook).standardizedFileURL.path
        guard FileBytes.exists(notebook), !FileBytes.isDirectory(notebook) else {
            throw HarnessError.io(path: request.notebook, reason: "no such notebook", hint: "give the path of an .ipynb file")
        }
        let document = try JSONParser.parse(fileAt: notebook)
        let configPath = URL(fileURLWithPath: request.configPath).standardizedFileURL.path
        let configFolder = (configPath as NSString).deletingLastPathComponent
        let caseName = request.caseName ?? TableDescriber.resourceName((notebook as NSString).lastPathComponent)
        var configDocument = try CaseWriter.existing(configPath)
        if CaseWriter.hasCase(configDocument, caseName), !request.force {
            throw HarnessError.invalid(SourceLocation(path: configPath), message: "case \"\(caseName)\" already exists",
                                       hint: "choose another name with --case NAME, or replace it with --force")
        }
        let python = try PythonEnvironment.prepare(executable: CaseWriter.pythonExecutable(configDocument),
                                                   requirements: CaseWriter.requirements(configDocument, folder: configFolder),
                                                   cacheFolder: configFolder + "/.harness", environment: request.environment,
                                                   console: console)
        let parameters = ParametersCell.read(notebook: document)
        let (folder, workingFolder) = try layout(notebook: notebook, root: request.root)
        var result = AdoptionResult(caseName: caseName, configPath: configPath)
        result.workingFolder = workingFolder

        // Run 1: the whole folder (or root), traced.
        console.err("init: running \((notebook as NSString).lastPathComponent) (1 of 2, traced)…\n")
        let everything = try folderEntries(folder, excluding: notebook, configFolder: configFolder)
        let first = try TracedRun.run(notebook: notebook, inputs: everything, workingFolder: workingFolder, python: python,
                                      environment: request.environment, label: "\(caseName)/init-1", console: console)
        defer { Runner.removeSandbox(first.result.sandbox) }
        if let failure = first.failure {
            result.failure = request.root == nil ? outsideHint(failure) : failure
            return result
        }
        let inputs = first.trace.reads.filter { FileBytes.exists(folder + "/" + $0) && !FileBytes.isDirectory(folder + "/" + $0) }
        let written = first.trace.writes.filter { FileBytes.exists(first.result.sandbox + "/" + $0) }
        result.inputs = inputs
        result.notCompared = written.filter { !OpenTrace.isComparable($0) }

        // Run 2: only the traced inputs, for determinism and to prove they suffice.
        console.err("init: running it again with only the \(inputs.count) traced input(s) (2 of 2)…\n")
        let declared = inputs.map { RunJob.Input(sandboxPath: $0, source: folder + "/" + $0) }
        let second = try TracedRun.run(notebook: notebook, inputs: declared, workingFolder: workingFolder, python: python,
                                       environment: request.environment, label: "\(caseName)/init-2", console: console)
        defer { Runner.removeSandbox(second.result.sandbox) }
        if let failure = second.failure {
            result.failure = failure
            result.failedWithDeclaredInputs = true
            return result
        }
        for path in written where OpenTrace.isComparable(path) {
            let firstFile = first.result.sandbox + "/" + path
            let description = try? DataDescriber.describe(path: firstFile)
            var output = AdoptedOutput(path: path, name: outputName(path, taken: result.outputs.map(\.name)))
            output.key = description.map(proposedKey) ?? []
            output.ignore = timestampLike(firstFile, description: description)
            let options = CompareOptions(key: output.key, ignore: output.ignore)
            let diff = try? FileComparator.compare(expected: firstFile, actual: second.result.sandbox + "/" + path, options: options)
            if diff?.equal != true {
                result.nondeterministic.append(path)
                continue
            }
            if let description {
                let text = loosened(description.contract, ignoring: output.ignore).prettyText + "\n"
                output.contractProblem = DraftedContract.problem(text, data: firstFile)
                if output.contractProblem == nil {
                    output.contract = contractPath(caseName: caseName, output: output.name, taken: result.outputs.compactMap(\.contract))
                    output.contractText = text
                }
            }
            result.outputs.append(output)
        }

        // Write: the case, the contracts, then goldens through `harness run --update-golden`.
        let relativeNotebook = CaseWriter.relative(notebook, to: configFolder)
        let caseValue = CaseWriter.caseValue(notebook: relativeNotebook, inputs: inputs.map { ($0, CaseWriter.relative(folder + "/" + $0, to: configFolder)) },
                                             parameters: parameters, workingFolder: workingFolder, outputs: result.outputs)
        configDocument = CaseWriter.adding(caseValue, named: caseName, to: configDocument)
        for output in result.outputs {
            guard let contract = output.contract, let text = output.contractText else { continue }
            try AtomicFile.makeFolders(AtomicFile.parentFolder(of: configFolder + "/" + contract))
            try AtomicFile.write(text, to: configFolder + "/" + contract)
            result.written.append(contract)
        }
        try AtomicFile.write(configDocument.prettyText + "\n", to: configPath)
        result.written.insert(CaseWriter.relative(configPath, to: FileManager.default.currentDirectoryPath), at: 0)
        result.parameters = parameters.map(\.key)

        let config = try ConfigLoader.load(path: configPath)
        var options = RunOptions()
        options.cases = [caseName]
        options.updateGolden = true
        options.environment = request.environment
        let recording = try HarnessRun.execute(config: config, options: options, console: BufferConsole(isTerminal: false, useColor: false))
        result.written += (recording.golden.created + recording.golden.updated).map { "golden/" + $0 }
        options.updateGolden = false
        let check = try HarnessRun.execute(config: config, options: options, console: BufferConsole(isTerminal: false, useColor: false))
        result.checkReport = check
        return result
    }

    /// The folder laid out in the sandbox and the notebook's folder relative to it (nil when
    /// they are the same).
    /// - Throws: `HarnessError.usage` when `root` is not a folder holding the notebook.
    static func layout(notebook: String, root: String?) throws -> (folder: String, workingFolder: String?) {
        let folder = (notebook as NSString).deletingLastPathComponent
        guard let root else { return (folder, nil) }
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        guard FileBytes.isDirectory(rootPath) else {
            throw HarnessError.usage("--root \"\(root)\" is not a folder", hint: "give the repository's folder, e.g. --root .")
        }
        let working = CaseWriter.relative(folder, to: rootPath)
        guard working != "..", !working.hasPrefix("../") else {
            throw HarnessError.usage("--root \"\(root)\" does not hold the notebook \(notebook)",
                                     hint: "give a folder above the notebook, e.g. the repository's root")
        }
        return (rootPath, working == "." ? nil : working)
    }

    /// A notebook that failed to find a `../` path read outside its folder: `--root` is the fix.
    static func outsideHint(_ failure: RunFailure) -> RunFailure {
        let text = [failure.message, failure.summary, failure.sourceExcerpt].compactMap { $0 }.joined(separator: "\n")
        guard failure.exceptionType == "FileNotFoundError" || text.contains("FileNotFoundError"), text.contains("../") else { return failure }
        var hinted = failure
        hinted.hint = "it reads a file outside its folder: lay out the repository with --root DIR (e.g. --root .), "
            + "and the notebook's folder becomes the case's cwd"
        return hinted
    }

    /// Every top-level entry of the laid-out folder but the notebook, hidden entries, and
    /// harness's own folders, as inputs of the traced run.
    static func folderEntries(_ folder: String, excluding notebook: String, configFolder: String) throws -> [RunJob.Input] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let own: Set<String> = ["golden", "contracts", "__pycache__", "harness.json", "reports"]
        return names.sorted().filter { name in
            !name.hasPrefix(".") && !own.contains(name) && folder + "/" + name != notebook && !name.hasSuffix(".ipynb")
        }.map { RunJob.Input(sandboxPath: $0, source: folder + "/" + $0) }
    }

    /// A unique, never-empty column, id-like names first (the validator's `primaryKey` rule);
    /// never an unnamed index column (row numbers, not an identity of the row).
    static func proposedKey(_ description: DataDescription) -> [String] {
        let candidates = description.fields.filter { $0.unique && $0.required && !TableDescriber.unnamedIndex($0.name) }
        if let id = candidates.first(where: { TableDescriber.idLike($0.name) }) { return [id.name] }
        return candidates.first(where: { $0.type == "integer" || $0.type == "string" }).map { [$0.name] } ?? []
    }

    /// Columns (CSV) or top-level members (JSON) whose names say "time of the run".
    static func timestampLike(_ path: String, description: DataDescription?) -> [String] {
        let pattern = { (name: String) -> Bool in
            let lower = name.lowercased()
            return ["generated_at", "run_at", "created_at", "updated_at", "timestamp", "run_time", "generated", "run_date"].contains(lower)
                || lower.hasSuffix("_at") || lower.hasSuffix("_timestamp")
        }
        if let description, !description.fields.isEmpty { return description.fields.map(\.name).filter(pattern) }
        guard path.lowercased().hasSuffix(".json"), let document = try? JSONParser.parse(fileAt: path),
              let members = document.objectMembers else { return [] }
        return members.map(\.key).filter(pattern).map { "/" + $0 }
    }

    /// The contract without bounds, enums and uniqueness on ignored columns or members: the
    /// next run's timestamps are later than this one's.
    static func loosened(_ contract: JSONValue, ignoring ignored: [String]) -> JSONValue {
        guard !ignored.isEmpty, var members = contract.objectMembers else { return contract }
        let dropped: Set<String> = ["minimum", "maximum", "enum", "unique"]
        let strip = { (value: JSONValue) -> JSONValue in
            .object((value.objectMembers ?? []).filter { !dropped.contains($0.key) }.map { member in
                member.key == "constraints" ? JSONMember("constraints", .object((member.value.objectMembers ?? []).filter { !dropped.contains($0.key) })) : member
            })
        }
        for index in members.indices {
            if members[index].key == "schema", var schema = members[index].value.objectMembers,
               let fieldsIndex = schema.firstIndex(where: { $0.key == "fields" }) {
                let fields = (schema[fieldsIndex].value.arrayValue ?? []).map { field in
                    ignored.contains(field["name"]?.stringValue ?? "") ? strip(field) : field
                }
                schema[fieldsIndex].value = .array(fields)
                members[index].value = .object(schema)
            }
            if members[index].key == "properties", var properties = members[index].value.objectMembers {
                for property in properties.indices where ignored.contains("/" + properties[property].key) {
                    properties[property].value = strip(properties[property].value)
                }
                members[index].value = .object(properties)
            }
        }
        return .object(members)
    }

    /// `contracts/<case>_<output without extension>.json`, or with the extension kept when
    /// another output took that name (`example.csv` and `example.json`).
    static func contractPath(caseName: String, output: String, taken: [String]) -> String {
        let plain = "contracts/\(caseName)_\(TableDescriber.resourceName(output)).json"
        return taken.contains(plain) ? "contracts/\(caseName)_\(TableDescriber.resourceName(output + ".json")).json" : plain
    }

    /// The file name, or its path with `/` as `_` when another output has that name.
    static func outputName(_ path: String, taken: [String]) -> String {
        let base = (path as NSString).lastPathComponent
        return taken.contains(base) ? path.replacingOccurrences(of: "/", with: "_") : base
    }
}
