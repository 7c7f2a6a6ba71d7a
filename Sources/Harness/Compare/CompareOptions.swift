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

    public init(key: [String] = [], ignore: [String] = [], rtol: Double = 0, atol: Double = 0,
                maxDiffs: Int = 20, format: DiffReport.Format? = nil) {
        self.key = key
        self.ignore = ignore
        self.rtol = rtol
        self.atol = atol
        self.maxDiffs = maxDiffs
        self.format = format
    }

    /// The format to use for `path`: the forced one, else from its extension
    /// (`.json`; `.jsonl`, `.ndjson`; anything else is CSV).
    public func format(for path: String) -> DiffReport.Format {
        format ?? DiffReport.Format(extensionOf: path) ?? .csv
    }
}
