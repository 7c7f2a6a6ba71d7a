/// One item of the refactoring checklist found in a notebook: where, and the facts of it.
/// Words come from `AssessFinding+Words` only.
public struct AssessFinding: Sendable, Equatable {
    /// 1-based cell number, counting every cell (markdown too), as Jupyter shows them.
    public var cell: Int
    /// 1-based line within the cell.
    public var line: Int
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        case notRun
        case outOfOrder(count: Int, previous: Int)
        case countGap(count: Int, previous: Int)
        case syntaxError(String)
        case usedBeforeDefined(name: String, definedIn: Int)
        case lateImport(module: String)
        case longCell(lines: Int, limit: Int)
        case absolutePath(String)
        case outsideProject(String)
        /// The secret's kind and length; its value is never kept.
        case credential(kind: String, length: Int, inOutput: Bool)
        case unseededRandom(call: String, parameter: String?)
        case globalState(call: String, what: String)
    }

    /// The checklist rule's id, stable for scripts (`--json`).
    public var rule: String {
        switch kind {
        case .notRun: return "not-run"
        case .outOfOrder: return "out-of-order"
        case .countGap: return "count-gap"
        case .syntaxError: return "syntax-error"
        case .usedBeforeDefined: return "used-before-defined"
        case .lateImport: return "late-import"
        case .longCell: return "long-cell"
        case .absolutePath: return "absolute-path"
        case .outsideProject: return "outside-project"
        case .credential: return "credential"
        case .unseededRandom: return "unseeded-random"
        case .globalState: return "global-state"
        }
    }

    /// Reads one finding of the assessment script's output; nil for a rule it does not know.
    init?(_ value: JSONValue) {
        guard let rule = value["rule"]?.stringValue, let cell = value["cell"]?.intValue else { return nil }
        self.cell = cell
        line = value["line"]?.intValue ?? 1
        let text = { (key: String) in value[key]?.stringValue ?? "" }
        let number = { (key: String) in value[key]?.intValue ?? 0 }
        switch rule {
        case "not-run": kind = .notRun
        case "out-of-order": kind = .outOfOrder(count: number("count"), previous: number("previous"))
        case "count-gap": kind = .countGap(count: number("count"), previous: number("previous"))
        case "syntax-error": kind = .syntaxError(text("message"))
        case "used-before-defined": kind = .usedBeforeDefined(name: text("name"), definedIn: number("defined_in"))
        case "late-import": kind = .lateImport(module: text("module"))
        case "long-cell": kind = .longCell(lines: number("lines"), limit: number("limit"))
        case "absolute-path": kind = .absolutePath(text("path"))
        case "outside-project": kind = .outsideProject(text("path"))
        case "credential": kind = .credential(kind: text("kind"), length: number("length"), inOutput: text("where") == "output")
        case "unseeded-random": kind = .unseededRandom(call: text("call"), parameter: value["parameter"]?.stringValue)
        case "global-state": kind = .globalState(call: text("call"), what: text("what"))
        default: return nil
        }
    }

    public init(cell: Int, line: Int, kind: Kind) {
        self.cell = cell
        self.line = line
        self.kind = kind
    }
}
