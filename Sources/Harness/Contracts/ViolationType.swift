/// The kinds of contract violation: Frictionless's error types, and ours (`row-count`,
/// `quality`, `schema-error`). The raw value is the name reports and `--json` carry; the
/// noun is how a sentence counts them ("2 constraint errors", "1 missing cell").
public struct ViolationType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let typeError = ViolationType(rawValue: "type-error")
    public static let constraintError = ViolationType(rawValue: "constraint-error")
    public static let missingCell = ViolationType(rawValue: "missing-cell")
    public static let extraCell = ViolationType(rawValue: "extra-cell")
    public static let blankRow = ViolationType(rawValue: "blank-row")
    public static let uniqueError = ViolationType(rawValue: "unique-error")
    public static let primaryKey = ViolationType(rawValue: "primary-key")
    public static let foreignKey = ViolationType(rawValue: "foreign-key")
    public static let missingLabel = ViolationType(rawValue: "missing-label")
    public static let extraLabel = ViolationType(rawValue: "extra-label")
    public static let incorrectLabel = ViolationType(rawValue: "incorrect-label")
    public static let blankLabel = ViolationType(rawValue: "blank-label")
    public static let duplicateLabel = ViolationType(rawValue: "duplicate-label")
    public static let rowCount = ViolationType(rawValue: "row-count")
    public static let quality = ViolationType(rawValue: "quality")
    public static let byteCount = ViolationType(rawValue: "byte-count")
    public static let schemaError = ViolationType(rawValue: "schema-error")
    public static let sourceError = ViolationType(rawValue: "source-error")

    /// The types a contract may name (in `contract:severity`).
    public static let declarable: [ViolationType] = [
        .typeError, .constraintError, .missingCell, .extraCell, .blankRow, .uniqueError, .primaryKey, .foreignKey,
        .missingLabel, .extraLabel, .incorrectLabel, .blankLabel, .duplicateLabel, .rowCount, .quality, .byteCount,
    ]

    public var description: String { rawValue }

    /// "1 constraint error", "2 missing cells", "3 primary key errors".
    public func counted(_ count: Int) -> String {
        let (singular, plural) = nouns
        return "\(count) \(count == 1 ? singular : plural)"
    }

    private var nouns: (String, String) {
        let words = rawValue.replacing("-", with: " ")
        // Names that already end in a noun count it ("missing cell(s)", "type error(s)");
        // the others are a kind of error ("primary key error(s)", "quality error(s)").
        let countable = ["error", "cell", "row", "label"].contains { words.hasSuffix($0) }
        let noun = countable ? words : words + " error"
        return (noun, noun + "s")
    }

    /// "2 constraint errors, 1 type error": complete counts, most frequent first.
    public static func counted(_ counts: [String: Int]) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { ViolationType(rawValue: $0.key).counted($0.value) }.joined(separator: ", ")
    }
}
