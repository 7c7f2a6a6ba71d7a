/// Something the drafted contract could not say, or chose not to, for the user to know.
public enum DescribeNote: Sendable, Equatable {
    /// Too many distinct values to keep tracking within the memory bound.
    case uniqueNotTracked(field: String, budget: Int)
    /// The values ran in order and then broke it: the earlier values were not kept.
    case uniqueUnknownAfterOrder(field: String, row: Int)
    /// Rows with fewer or more cells than the header.
    case ragged(rows: Int, firstLine: Int)
    /// A field that never held a value.
    case empty(field: String)

    /// The note in words.
    public var text: String {
        switch self {
        case .uniqueNotTracked(let field, let budget):
            return "field \"\(field)\": too many distinct values to keep within the \(budget) fingerprints shared by all fields; \"unique\" not inferred (memory bound)"
        case .uniqueUnknownAfterOrder(let field, let row):
            return "field \"\(field)\": values were in order until row \(row), so earlier values were not kept; \"unique\" not inferred"
        case .ragged(let rows, let firstLine):
            return "\(rows) row(s) have a different number of cells than the header (first on line \(firstLine)); validation will report them"
        case .empty(let field):
            return "field \"\(field)\" is always empty; typed \"any\""
        }
    }
}
