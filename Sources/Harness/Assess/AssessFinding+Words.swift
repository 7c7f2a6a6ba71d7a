/// The one place findings become words: what is wrong, and how to fix it.
extension AssessFinding {
    public var message: String {
        switch kind {
        case .notRun:
            return "this cell has no saved execution count while others do: it was not run in the saved session"
        case .outOfOrder(let count, let previous):
            return "saved execution count [\(count)] comes after [\(previous)]: the notebook was not run top to bottom"
        case .countGap(let count, let previous):
            return "saved execution counts jump from [\(previous)] to [\(count)]: cells were re-run or deleted"
        case .syntaxError(let text):
            return "Python cannot parse this cell: \(text)"
        case .usedBeforeDefined(let name, let definedIn):
            return "\"\(name)\" is used here but first defined in a later cell (\(definedIn))"
        case .lateImport(let module):
            return "\"\(module)\" is imported after the first cell that does work"
        case .longCell(let lines, let limit):
            return "\(lines) lines of code (more than \(limit)): the cell likely does several things"
        case .absolutePath(let path):
            return "hard-coded absolute path \"\(path)\""
        case .outsideProject(let path):
            return "path \"\(path)\" leaves the project folder"
        case .credential(let kind, let length, let inOutput):
            return "\(inOutput ? "saved output" : "source") holds a credential (\(kind), \(length) characters; value not shown)"
        case .unseededRandom(let call, let parameter):
            if let parameter { return "\(call) without \(parameter): results change from run to run" }
            return "\(call) without a seed set earlier: results change from run to run"
        case .globalState(let call, let what):
            return "\(call) changes global state (\(what)) that every later cell and module sees"
        }
    }

    public var fix: String {
        switch kind {
        case .notRun, .outOfOrder, .countGap:
            return "restart the kernel and run all cells, then save (harness runs it that way)"
        case .syntaxError:
            return "fix the cell so that Python can parse it"
        case .usedBeforeDefined(let name, let definedIn):
            return "move the definition of \"\(name)\" from cell \(definedIn) above this cell"
        case .lateImport:
            return "move the import into the first cell with the other imports"
        case .longCell:
            return "split it into functions, one step each, the future pipeline's modules"
        case .absolutePath:
            return "make it relative to the project, or a parameter in the cell tagged \"parameters\""
        case .outsideProject:
            return "copy the file into the project, or make its path a parameter"
        case .credential(_, _, let inOutput):
            return inOutput ? "clear the outputs, revoke the credential, read it from an environment variable"
                : "revoke it and read it from an environment variable (os.environ) or a secrets store"
        case .unseededRandom(_, let parameter):
            if let parameter { return "pass \(parameter)=<seed>, with the seed a parameter" }
            return "seed it once at the top (random.seed / np.random.seed) or use np.random.default_rng(seed)"
        case .globalState:
            return "set it in one place at the top, or scope it (pd.option_context, a with block) in the pipeline"
        }
    }
}
