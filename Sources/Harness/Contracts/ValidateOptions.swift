/// How a data file is checked against its contract.
public struct ValidateOptions: Sendable, Equatable {
    /// Violations kept in the report; counts per type stay complete beyond it.
    public var maxErrors: Int = 1000

    public init(maxErrors: Int = 1000) {
        self.maxErrors = maxErrors
    }
}
