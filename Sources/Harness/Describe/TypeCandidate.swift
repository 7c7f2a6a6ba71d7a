// Design note. A field's type is found by elimination: every field starts with all the
// candidates below alive, and a present cell that one of them cannot cast kills it. What
// survives the whole file, narrowest first in this list's order, is the field's type; text
// (`string`) always survives. Casting goes through the validator's own `CellCaster`, so a
// drafted type never disagrees with what `harness validate` accepts.
//
// The list is ordered narrowest first: `0`/`1` stay integers (only words make booleans),
// `year` needs a field name with "year" in it (a four-digit id is not a year), and among
// date layouts the ISO default wins, then day-first before month-first when both fit.

/// One type (and format) a field's values may all have.
struct TypeCandidate: Sendable {
    let type: FieldType
    /// The Table Schema format: "default", or a strptime pattern.
    let format: String
    let caster: CellCaster
    /// Whether values of this candidate count as numbers for uniqueness fingerprints
    /// (integers and numbers share one fingerprint so `1` and `1.0` are one value).
    var numeric: Bool { type == .integer || type == .number || type == .year }

    init(_ type: FieldType, _ format: String = "default") {
        self.type = type
        self.format = format
        var caster = CellCaster(type: type)
        if format != "default", let pattern = try? TemporalPattern(format) {
            caster.format = format
            caster.pattern = pattern
        }
        self.caster = caster
    }

    static let all: [TypeCandidate] = [
        TypeCandidate(.boolean),
        TypeCandidate(.integer),
        TypeCandidate(.year),
        TypeCandidate(.number),
        TypeCandidate(.yearmonth),
        TypeCandidate(.date),
        TypeCandidate(.date, "%d/%m/%Y"),
        TypeCandidate(.date, "%m/%d/%Y"),
        TypeCandidate(.date, "%Y/%m/%d"),
        TypeCandidate(.date, "%d.%m.%Y"),
        TypeCandidate(.time),
        TypeCandidate(.time, "%H:%M"),
        TypeCandidate(.datetime),
        TypeCandidate(.datetime, "%Y-%m-%d %H:%M"),
        TypeCandidate(.datetime, "%d/%m/%Y %H:%M"),
        TypeCandidate(.datetime, "%m/%d/%Y %H:%M"),
        TypeCandidate(.datetime, "%d/%m/%Y %H:%M:%S"),
        TypeCandidate(.datetime, "%m/%d/%Y %H:%M:%S"),
    ]
    static let allAlive: UInt32 = (1 << UInt32(all.count)) - 1
    static let booleanIndex = 0
    static let integerIndex = 1
    static let yearIndex = 2
    static let numberIndex = 3
    static let yearmonthIndex = 4
    static let dateIndex = 5
    static let timeIndex = 10
    static let datetimeIndex = 12
    /// Bits (as in `ColumnProfile.alive`) of the numeric candidates and of the ordered
    /// ones, so the per-cell loop reads no candidate for them.
    static let numericMask: UInt32 = mask { $0.numeric }
    static let orderedMask: UInt32 = mask { $0.type.isOrdered }

    private static func mask(_ test: (TypeCandidate) -> Bool) -> UInt32 {
        all.indices.reduce(0) { bits, index in test(all[index]) ? bits | 1 << UInt32(index) : bits }
    }

    /// Casts a present cell with candidate `index` of `candidates` (`all`, lent in place).
    /// `bytes` must be a `CSVReader` field: the number reader reads up to 14 bytes past it.
    /// Every candidate with the default format (most cells of most files meet one) takes
    /// `CellCaster`'s own static path for its default options directly: the same result
    /// with no call through a candidate, which the span hands out as a copy that retains
    /// its format and every array of its caster (on a column of ISO dates that retain and
    /// release were 8% of describe's time). The candidates with a pattern go through it.
    @inline(__always)
    static func cast(_ bytes: ByteRun, index: Int, candidates: Span<TypeCandidate>) -> CellValue? {
        switch index {
        case booleanIndex: return wordBoolean(bytes)
        case yearIndex: return CellCaster.year(bytes).map { .year($0) }
        case yearmonthIndex: return CellCaster.yearMonth(bytes).map { .yearmonth($0) }
        case dateIndex: return CellCaster.defaultTemporal(.date, bytes)
        case timeIndex: return CellCaster.defaultTemporal(.time, bytes)
        case datetimeIndex: return CellCaster.defaultTemporal(.datetime, bytes)
        case integerIndex:
            if let value = CellCaster.plainInteger(bytes) {
                return CellCaster.hasLeadingZero(bytes) ? nil : .integer(value)
            }
        case numberIndex:
            if CellCaster.hasLeadingZero(bytes) { return nil }
            // Plain decimals of up to 15 digits, most number cells, in a few dozen
            // instructions and with `parseDecimal`'s result (both divide an exact integer by
            // an exact power of ten); the rest (signs, exponents, long digits) as before.
            if let exact = CellCaster.quickDecimal(bytes)?.exact { return .number(exact) }
            return CellCaster.parseDecimal(bytes).map { .number($0) }
        default: break
        }
        return candidates[index].cast(bytes)
    }

    /// Casts a present cell. Booleans are only the words (`true`, `False`, …): `0` and `1`
    /// are integers first.
    @inline(__always)
    func cast(_ bytes: ByteRun) -> CellValue? {
        if type == .boolean { return TypeCandidate.wordBoolean(bytes) }
        return caster.cast(bytes)
    }

    /// A boolean written as a word (`true`, `False`, …), never `0` or `1`.
    @inline(__always)
    static func wordBoolean(_ bytes: ByteRun) -> CellValue? {
        guard bytes.count >= 4 else { return nil }
        return CellCaster.defaultBoolean(bytes).map { .boolean($0) }
    }
}
