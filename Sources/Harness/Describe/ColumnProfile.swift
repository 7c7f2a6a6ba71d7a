// Design note. One profile per CSV column, fed every cell once, in place (no copies but
// the few texts it keeps: the current extremes and up to `enumLimit + 1` distinct values).
//
// Uniqueness with bounded memory. A value's 64-bit fingerprint is taken from the first
// surviving candidate type that casts it (numbers as doubles, so `1` and `1.0` are one
// value, dates as days, text as bytes): anything the final type would call equal gets the
// same fingerprint, so a `unique` drafted here never fails validation (a fingerprint
// collision can only lose a `unique`, never invent one). Values that run in strict order
// (ids 1, 2, 3 …) are known distinct without keeping them: after the first 65,536 they are
// no longer stored, and if the order then breaks, `unique` is given up with a note. All
// other values go to a fingerprint set; the sets of all fields share `uniqueBudget`
// entries, and the field that overflows it is no longer tracked (a note says so).

/// What one column's values have shown so far.
struct ColumnProfile {
    let name: String
    /// Candidates (`TypeCandidate.all` indices) that every present cell fitted.
    var alive = TypeCandidate.allAlive
    var present = 0
    var missing = 0
    /// Missing-value tokens seen (bits index `ColumnProfile.missingTokens`).
    var tokensSeen: UInt16 = 0
    /// Per candidate: the smallest and largest values and their cell texts.
    var minimum: [CellValue?] = Array(repeating: nil, count: TypeCandidate.all.count)
    var maximum: [CellValue?] = Array(repeating: nil, count: TypeCandidate.all.count)
    var minimumText: [[UInt8]] = Array(repeating: [], count: TypeCandidate.all.count)
    var maximumText: [[UInt8]] = Array(repeating: [], count: TypeCandidate.all.count)
    /// An infinite or NaN number was seen (no bounds are drafted then).
    var nonFinite = false
    var distinctTexts: [[UInt8]] = []
    var distinctOverflow = false
    var uniqueness = UniqueTracker()
    /// `TypeCandidate`'s masks, copied here: a static read costs a call to `swift_once`
    /// on Linux, on every cell.
    private let numericMask = TypeCandidate.numericMask
    private let orderedMask = TypeCandidate.orderedMask

    /// Text that stands for a missing value besides the empty cell, as pandas, R and
    /// spreadsheets write it.
    static let missingTokens: [[UInt8]] = ["NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A"].map { Array($0.utf8) }

    init(name: String) {
        self.name = name
    }

    /// Takes in one cell; `budget` is the fingerprints left for every field's sets.
    mutating func observe(_ bytes: ByteRun, row: Int, enumLimit: Int, budget: inout Int) {
        let all = TypeCandidate.all
        observe(bytes, candidates: all.span, row: row, enumLimit: enumLimit, budget: &budget)
    }

    /// `observe` with `TypeCandidate.all` lent once by the caller for a whole file: its
    /// elements are read in place through the span (a copy of a candidate retains every
    /// array of its caster, which cost more than the casts).
    mutating func observe(_ bytes: ByteRun, candidates: Span<TypeCandidate>, row: Int,
                          enumLimit: Int, budget: inout Int) {
        if let token = ColumnProfile.missingToken(bytes) {
            missing += 1
            if token >= 0 { tokensSeen |= 1 << UInt16(token) }
            return
        }
        present += 1
        var fingerprint: UInt64?
        var ordinal: Double?
        // A whole number other than 0 the integer candidate read from this cell.
        var whole: Int?
        var bits = alive
        while bits != 0 {
            let index = bits.trailingZeroBitCount
            bits &= bits - 1
            let value: CellValue
            if index == TypeCandidate.numberIndex, let whole {
                // The number candidate reads an integer's text as that integer, correctly
                // rounded to a double (as `Double(whole)` is); only `-0` reads otherwise
                // (as -0.0), and 0 is read anew. A column of ids skips a cast a row.
                value = .number(Double(whole))
            } else {
                guard let cast = TypeCandidate.cast(bytes, index: index, candidates: candidates) else {
                    alive &= ~(1 << UInt32(index))
                    continue
                }
                value = cast
                if index == TypeCandidate.integerIndex, case .integer(let number) = cast, number != 0 { whole = number }
            }
            let bit: UInt32 = 1 << UInt32(index)
            if fingerprint == nil {
                if numericMask & bit != 0, let number = ColumnProfile.double(value) {
                    fingerprint = Fingerprint.of(.number(number), bytes: bytes)
                    ordinal = number
                } else {
                    fingerprint = Fingerprint.of(value, bytes: bytes)
                }
            }
            if orderedMask & bit != 0 { widen(index, value, bytes) }
        }
        if !distinctOverflow { remember(bytes, limit: enumLimit) }
        guard uniqueness.tracking else { return }
        uniqueness.add(fingerprint ?? Fingerprint.of(bytes: bytes, seed: 1), ordinal: ordinal, row: row, budget: &budget)
    }

    /// -1 for the empty cell, the token's index for another missing-value token, nil for
    /// a value.
    @inline(__always)
    static func missingToken(_ bytes: ByteRun) -> Int? {
        let count = bytes.count
        if count == 0 { return -1 }
        guard count <= 4 else { return nil }
        let first = bytes[0]
        guard first == UInt8(ascii: "N") || first == UInt8(ascii: "n") || first == UInt8(ascii: "#") else { return nil }
        return missingTokens.firstIndex { bytes.same(as: $0) }
    }

    static func double(_ value: CellValue) -> Double? {
        switch value {
        case .integer(let x), .year(let x): return Double(x)
        case .number(let x): return x
        case .bigInteger(let negative, let digits):
            return Double(String(decoding: digits, as: UTF8.self)).map { negative ? -$0 : $0 }
        default: return nil
        }
    }

    private mutating func widen(_ index: Int, _ value: CellValue, _ bytes: ByteRun) {
        // Most cells lie between the extremes, and the rest mostly past one of them (ids
        // make a new maximum on every row): both answered without the general comparison
        // (which orders these cases the same way: by the plain value; a NaN or infinite
        // number goes on below).
        switch (value, minimum[index], maximum[index]) {
        case (.integer(let x), .integer(let low)?, .integer(let high)?):
            if x >= low && x <= high { return }
            replace(x > high ? .maximum : .minimum, index, value, bytes)
            return
        case (.number(let x), .number(let low)?, .number(let high)?) where x.isFinite:
            if x >= low && x <= high { return }
            replace(x > high ? .maximum : .minimum, index, value, bytes)
            return
        case (.date(let x), .date(let low)?, .date(let high)?):
            if x >= low && x <= high { return }
            replace(x > high ? .maximum : .minimum, index, value, bytes)
            return
        default: break
        }
        if case .number(let x) = value, !x.isFinite {
            nonFinite = true
            return
        }
        if let low = minimum[index] {
            if let order = CellValue.compare(value, low), order < 0 {
                minimum[index] = value
                ColumnProfile.keep(bytes, in: &minimumText[index])
            }
        } else {
            minimum[index] = value
            ColumnProfile.keep(bytes, in: &minimumText[index])
        }
        if let high = maximum[index] {
            if let order = CellValue.compare(value, high), order > 0 {
                maximum[index] = value
                ColumnProfile.keep(bytes, in: &maximumText[index])
            }
        } else {
            maximum[index] = value
            ColumnProfile.keep(bytes, in: &maximumText[index])
        }
    }

    private enum Extreme { case minimum, maximum }

    /// Makes `value` (with its text `bytes`) the new `extreme` for candidate `index`.
    @inline(__always)
    private mutating func replace(_ extreme: Extreme, _ index: Int, _ value: CellValue, _ bytes: ByteRun) {
        if extreme == .maximum {
            maximum[index] = value
            ColumnProfile.keep(bytes, in: &maximumText[index])
        } else {
            minimum[index] = value
            ColumnProfile.keep(bytes, in: &minimumText[index])
        }
    }

    /// Copies an extreme's text into the buffer the previous extreme used: ids in order
    /// make a new maximum on every row, which must not cost an allocation each.
    @inline(__always)
    private static func keep(_ bytes: ByteRun, in text: inout [UInt8]) {
        if text.count == bytes.count {
            // Most new extremes are as long as the last one (ids 1000 … 9999).
            bytes.copy(over: &text)
        } else {
            text.removeAll(keepingCapacity: true)
            text.append(contentsOf: bytes)
        }
    }

    private mutating func remember(_ bytes: ByteRun, limit: Int) {
        for known in distinctTexts where bytes.same(as: known) { return }
        if distinctTexts.count >= limit {
            distinctOverflow = true
            distinctTexts = []
            return
        }
        distinctTexts.append(Array(bytes))
    }
}
