/// How two files are compared; shared by `harness diff` and the checks of `harness run`.
public struct CompareOptions: Sendable, Equatable {
    /// Key columns (CSV) or fields (JSON Lines) for order-insensitive matching; empty
    /// means rows are matched by position.
    public var key: [String] = []
    /// CSV column names, or JSON Pointers (with `*` for any array index), to leave out.
    public var ignore: [String] = []
    /// Numbers are equal when `|a - b| <= atol + rtol * |b|`, b being the expected value.
    public var rtol: Double = 0
    public var atol: Double = 0
    /// Differences kept in the report; counts stay complete beyond it.
    public var maxDiffs: Int = 20
    /// Forced format; nil means from the file extension.
    public var format: DiffReport.Format?
    /// Columns (CSV) or pointer patterns (JSON) with a tolerance of their own.
    public var columns: [ColumnTolerance] = []
    /// Volatile text replaced before comparing, per column or pointer pattern.
    public var masks: [ValueMask] = []
    /// CSV columns whose values are shown beside each difference, so a reader knows which
    /// row it is; nil means the default (none in the terminal, a few text columns in HTML).
    public var context: [String]?

    public init(key: [String] = [], ignore: [String] = [], rtol: Double = 0, atol: Double = 0,
                maxDiffs: Int = 20, format: DiffReport.Format? = nil) {
        self.key = key
        self.ignore = ignore
        self.rtol = rtol
        self.atol = atol
        self.maxDiffs = maxDiffs
        self.format = format
    }

    /// Whether a comparison is relaxed beyond exact equality, for reports' headers.
    public var relaxes: Bool {
        rtol > 0 || atol > 0 || !ignore.isEmpty || !columns.isEmpty || !masks.isEmpty
    }

    /// Checks the masks' patterns (configs check them when they load; flags here).
    /// - Throws: `HarnessError.usage` naming the mask and what is wrong with it.
    func checkMasks() throws {
        for mask in masks {
            if let problem = ValueMask.problem(in: mask.pattern) {
                throw HarnessError.usage("mask for \"\(mask.name)\": \"\(mask.pattern)\" is not usable: \(problem)",
                                         hint: "fix the regular expression")
            }
        }
    }

    /// The format to use for `path`: the forced one, else from its extension
    /// (`.json`; `.jsonl`, `.ndjson`; anything else is CSV).
    public func format(for path: String) -> DiffReport.Format {
        format ?? DiffReport.Format(extensionOf: path) ?? .assumed
    }
}
