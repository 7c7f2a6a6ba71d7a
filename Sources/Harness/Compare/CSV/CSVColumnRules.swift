/// What applies to single columns of a CSV comparison: a tolerance of their own, a mask,
/// and the context columns shown beside each difference.
///
/// Resolved once from the two headers into arrays indexed by expected column, so a cell
/// whose bytes differ costs one array read more, and a comparison where no column has its
/// own tolerance or mask reads nothing (the arrays are nil).
struct CSVColumnRules {
    /// A tolerance per expected column; nil when no column has one of its own.
    let tolerances: [NumericTolerance]?
    /// A mask per expected column; nil when no column has one.
    let masks: [CompiledValueMask?]?
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
        let names = mapping.expectedNames
        if options.columns.isEmpty {
            tolerances = nil
        } else {
            let own = Dictionary(options.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            tolerances = names.map { name in
                let column = own[name]
                return NumericTolerance(rtol: column?.rtol ?? options.rtol, atol: column?.atol ?? options.atol)
            }
        }
        if options.masks.isEmpty {
            masks = nil
        } else {
            let own = Dictionary(options.masks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            masks = names.map { own[$0]?.compiled() }
        }
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
        guard !contextNames.isEmpty else { return nil }
        return (actualSide ? contextActual : contextExpected).map { index in
            index.map { String(decoding: CSVRowComparer.field(record, $0), as: UTF8.self) } ?? ""
        }
    }
}
