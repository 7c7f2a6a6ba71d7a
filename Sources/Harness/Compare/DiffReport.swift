/// The result of comparing an expected file with an actual one: complete counts plus the
/// first differences. Every reporter (terminal, JSON, HTML, run reports) renders this one
/// model. Field names of `json` are fixed by DESIGN.md.
public struct DiffReport: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case csv, json, jsonl
    }

    public var format: Format
    public var expectedPath: String
    public var actualPath: String
    /// Data rows (or JSON Lines records, or 1 for a JSON document) compared in both files.
    public var rowsCompared = 0
    public var differingRows = 0
    /// Differing cells; for JSON, differing leaves (and added or removed members).
    public var differingCells = 0
    /// Rows in expected that are not in actual.
    public var missingRows = 0
    /// Rows in actual that are not in expected.
    public var extraRows = 0
    public var missingColumns: [String] = []
    public var extraColumns: [String] = []
    /// The first `maxDiffs` differences, in file order.
    public var diffs: [Difference] = []
    /// How many differences there were in all (`diffs` holds at most the cap).
    public var totalDiffs = 0
    /// Number of differing cells per column (CSV) or per pointer pattern (JSON), complete.
    public var cellsByColumn: [String: Int] = [:]
    public var keyColumns: [String] = []
    public var seconds: Double = 0
    /// What the comparison relaxed (the options it ran with), so every report's header can
    /// say what was not compared exactly.
    public var rtol: Double = 0
    public var atol: Double = 0
    public var ignored: [String] = []
    public var columnTolerances: [ColumnTolerance] = []
    public var masks: [ValueMask] = []
    /// Columns whose values each difference carries in `Difference.context`, in order.
    public var contextColumns: [String] = []
    /// Whether the user chose `contextColumns` (shown everywhere) or the comparator picked
    /// a few text columns by default (shown in HTML only).
    public var contextChosen = false

    public init(format: Format, expectedPath: String, actualPath: String) {
        self.format = format
        self.expectedPath = expectedPath
        self.actualPath = actualPath
    }

    /// Whether the files are the same within tolerance.
    public var equal: Bool {
        differingRows == 0 && differingCells == 0 && missingRows == 0 && extraRows == 0
            && missingColumns.isEmpty && extraColumns.isEmpty && totalDiffs == 0
    }
}

/// One difference between expected and actual.
public struct Difference: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A cell or JSON leaf whose value differs.
        case changed
        /// A row or record in expected with no counterpart in actual.
        case missingRow = "missing_row"
        /// A row or record in actual with no counterpart in expected.
        case extraRow = "extra_row"
        /// A JSON member present in expected only.
        case missingMember = "missing_member"
        /// A JSON member present in actual only.
        case extraMember = "extra_member"
        /// Same place, different JSON types (`"1"` and `1`).
        case typeChanged = "type_changed"
    }

    public var kind: Kind
    /// Row number in the expected file, counting the header as row 1 (so it is the line
    /// number when no cell holds a newline); for JSON Lines, the record's line number.
    /// For an extra row, its number in the actual file.
    public var row: Int?
    /// Row number in the actual file, when it differs from `row` (keyed matching).
    public var actualRow: Int?
    /// Values of the key columns or fields, in key order; nil when matched by position.
    public var key: [String]?
    /// The CSV column (nil for JSON and for whole-row differences).
    public var column: String?
    /// RFC 6901 pointer for JSON and JSON Lines (within the record for JSON Lines).
    public var pointer: String?
    public var expected: String?
    public var actual: String?
    /// Values of the report's `contextColumns` in this row (the expected row; the actual
    /// one for an extra row), when there are context columns.
    public var context: [String]?
    /// `|actual - expected|` when both are numbers.
    public var absoluteDifference: Double?
    /// `|actual - expected| / |expected|` when both are numbers and expected is not 0.
    public var relativeDifference: Double?

    public init(kind: Kind, row: Int? = nil, actualRow: Int? = nil, key: [String]? = nil,
                column: String? = nil, pointer: String? = nil, expected: String? = nil,
                actual: String? = nil, absoluteDifference: Double? = nil,
                relativeDifference: Double? = nil) {
        self.kind = kind
        self.row = row
        self.actualRow = actualRow
        self.key = key
        self.column = column
        self.pointer = pointer
        self.expected = expected
        self.actual = actual
        self.absoluteDifference = absoluteDifference
        self.relativeDifference = relativeDifference
    }
}
