/// The thresholds `harness describe` drafts a contract with.
public struct DescribeOptions: Sendable {
    /// A text field gets `enum` when it has at most this many distinct values…
    public var enumLimit = 20
    /// …and its values repeat: at least this many present cells per distinct value on
    /// average, so a short list of names is not mistaken for categories.
    public var enumRepetition = 2
    /// Fingerprints kept for `unique` across all fields together (8 bytes each, about
    /// 11 bytes with the table's slack): beyond it, the field that overflows is no longer
    /// tracked and gets no `unique`. Keeps memory bounded on files of any size.
    public var uniqueBudget = 16_000_000
    /// Threads that profile the columns of a file of `parallelMinimumBytes` or more, each
    /// its share of the columns with that share of `uniqueBudget`. A fixed number, not one
    /// per core, so that a draft does not depend on the machine: the budget's split decides
    /// which field of a file with more distinct values than the budget keeps its `unique`.
    public var workers = 2
    public var parallelMinimumBytes = 8 << 20

    public init() {}
}
