/// How a data file is checked against its contract.
public struct ValidateOptions: Sendable, Equatable {
    /// Violations kept in the report; counts per type stay complete beyond it.
    public var maxErrors: Int = 1000
    /// CSV files at least this large are checked by several threads, one stretch each.
    public var parallelMinimumBytes = 32 << 20
    /// Threads for a parallel check; 0 means one per available core (at most 8).
    public var workers = 0

    public init(maxErrors: Int = 1000) {
        self.maxErrors = maxErrors
    }
}
