/// Everything a person needs to see what broke in a run.
public struct RunFailure: Sendable, Equatable {
    /// One line, e.g. "sales_analysis.ipynb cell 7 (`df = load(...)`), line 3: KeyError: 'revenue'".
    public var summary: String
    /// 1-based position of the cell among all the notebook's cells (markdown included), as a
    /// person counts them in Jupyter; nil for the injected parameters cell and pipelines.
    public var cellNumber: Int?
    public var cellFirstLine: String?
    /// 1-based line in the cell (notebooks) or in `file` (pipelines).
    public var lineInCell: Int?
    /// The source file of the failing line, for pipelines.
    public var file: String?
    public var exceptionType: String?
    public var message: String?
    /// Numbered lines around the failing line, the failing one marked with `>`.
    public var sourceExcerpt: String?
    public var traceback: String?
    /// What to do about it (declare an input, install IPython, ...).
    public var hint: String?
    /// Exit status of a pipeline or crashed driver; negative for "killed by signal N".
    public var exitCode: Int32?
    /// The run never started its work because the config asks for something the notebook
    /// does not have (a parameter its parameters cell does not assign): exit code 2, not 3.
    public var isConfigurationError = false

    public init(summary: String, cellNumber: Int? = nil, cellFirstLine: String? = nil, lineInCell: Int? = nil,
                file: String? = nil, exceptionType: String? = nil, message: String? = nil,
                sourceExcerpt: String? = nil, traceback: String? = nil, hint: String? = nil, exitCode: Int32? = nil) {
        self.summary = summary
        self.cellNumber = cellNumber
        self.cellFirstLine = cellFirstLine
        self.lineInCell = lineInCell
        self.file = file
        self.exceptionType = exceptionType
        self.message = message
        self.sourceExcerpt = sourceExcerpt
        self.traceback = traceback
        self.hint = hint
        self.exitCode = exitCode
    }

    /// Numbered lines of `source` around `line`, the failing one marked.
    public static func excerpt(of source: String, around line: Int, context: Int = 2) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let first = max(1, line - context), last = min(lines.count, line + context)
        let width = String(last).count
        return (first...last).map { number in
            let label = String(number)
            let pad = String(repeating: " ", count: width - label.count)
            return (number == line ? "> " : "  ") + pad + label + " | " + lines[number - 1]
        }.joined(separator: "\n")
    }
}
