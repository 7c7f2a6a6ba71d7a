/// What applies to single columns of a CSV comparison: a tolerance of their own, a mask,
/// and the context columns shown beside each difference.
///
/// Tolerances and masks are resolved once from the two headers into one `Cell` per
/// compared pair of columns, so a cell whose bytes differ reads its rule from the entry it
/// is compared by, and a file with per-column rules costs what a file without them does.
struct CSVColumnRules {
    /// One compared pair of columns and what applies to it.
    struct Cell {
        /// The column's index in the expected file and in the actual one.
        let expected: Int
        let actual: Int
        /// The column's own tolerance, else the comparison's.
        let tolerance: NumericTolerance
        /// Index into `masks`; nil when the column has none.
        let mask: Int?
    }

    /// The compared pairs of columns, in the mapping's order.
    let cells: [Cell]
    /// The masks some cells name.
    let masks: [CompiledValueMask]
    /// The context columns, by name and by index in each file (nil: not in that file).
    private(set) var contextNames: [String]
    private(set) var contextExpected: [Int?]
    private(set) var contextActual: [Int?]
    /// Whether the user chose the context columns; else they are picked from the first
    /// differing row (its first few text columns), for HTML.
    let contextChosen: Bool
    /// Whether the default context columns are still to be picked.
    private(set) var contextPending: Bool

    static let defaultContextCount = 3

    /// Checks that every column named by `options.columns`, `.masks` and `.context` is in
    /// a header, and every mask's pattern.
    /// - Throws: `HarnessError.unknownName` with the nearest column, or `.usage` for a mask.
    static func check(_ mapping: CSVColumnMapping, options: CompareOptions) throws {
        let known = mapping.expectedNames + mapping.actualNames.filter { !mapping.expectedNames.contains($0) }
        let names = [("column with its own tolerance", "--tolerance", options.columns.map(\.name)),
                     ("masked column", "--mask", options.masks.map(\.name)),
                     ("context column", "--context", options.context ?? [])]
        for (kind, flag, list) in names {
            for name in list where !known.contains(name) {
                throw HarnessError.unknownName(nil, kind: kind, name: name, known: known,
                                               hint: "\(flag) takes column names from the header")
            }
        }
        try options.checkMasks()
    }

    init(mapping: CSVColumnMapping, options: CompareOptions) {
        let fileTolerance = NumericTolerance(rtol: options.rtol, atol: options.atol)
        let ownTolerances = Dictionary(options.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let ownMasks = Dictionary(options.masks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var masks: [CompiledValueMask] = []
        cells = mapping.pairs.map { pair in
            let name = mapping.expectedNames[pair.expected]
            var tolerance = fileTolerance
            if let own = ownTolerances[name] {
                tolerance = NumericTolerance(rtol: own.rtol, atol: own.atol)
            }
            var mask: Int?
            if let own = ownMasks[name] {
                mask = masks.count
                masks.append(own.compiled())
            }
            return Cell(expected: pair.expected, actual: pair.actual, tolerance: tolerance, mask: mask)
        }
        self.masks = masks
        contextChosen = options.context != nil
        contextPending = options.context == nil
        contextNames = options.context ?? []
        contextExpected = contextNames.map { mapping.expectedNames.firstIndex(of: $0) }
        contextActual = contextNames.map { mapping.actualNames.firstIndex(of: $0) }
    }

    /// Picks the default context columns from the first differing row: its first few
    /// columns (not keys) whose expected value is text, not empty and not a number.
    mutating func pickDefaultContext(from record: CSVRecord, mapping: CSVColumnMapping) {
        guard contextPending else { return }
        contextPending = false
        let keys = Set(mapping.expectedKey)
        for pair in mapping.pairs where !keys.contains(pair.expected) {
            let field = CSVRowComparer.field(record, pair.expected)
            guard field.count > 0, NumericText(field).kind == .notNumber else { continue }
            contextNames.append(mapping.expectedNames[pair.expected])
            contextExpected.append(pair.expected)
            contextActual.append(pair.actual)
            if contextNames.count == Self.defaultContextCount { break }
        }
    }

    /// The context values of a row of the expected file (`actualSide` false) or the actual
    /// one; nil when there are no context columns.
    func values(of record: CSVRecord, actualSide: Bool) -> [String]? {
        values(actualSide: actualSide) { String(decoding: CSVRowComparer.field(record, $0), as: UTF8.self) }
    }

    /// The context values of a row kept as its fields' text (`CSVRowComparer.absorb`).
    func values(ofFields fields: [String], actualSide: Bool) -> [String]? {
        values(actualSide: actualSide) { fields.indices.contains($0) ? fields[$0] : "" }
    }

    /// The context columns' values, each read by `field` (a column missing from that file
    /// gives "").
    private func values(actualSide: Bool, _ field: (Int) -> String) -> [String]? {
        guard !contextNames.isEmpty else { return nil }
        return (actualSide ? contextActual : contextExpected).map { index in index.map(field) ?? "" }
    }
}
