// Design: most cells that differ in a refactor are float noise in the last digits, and the
// text alone proves them within tolerance: two decimals that agree up to the f-th
// fraction digit differ by less than 10^-f, and the first non-zero digit they share, at
// 10^p, bounds |b| from below (NumericTolerance turns the tolerance into a least f for
// each p). Deciding that costs a scan of the bytes, where converting costs two parses.
//
// Agreeing is more than sharing bytes. Where one text ends, its missing digits are zeros:
// `607.42` and `607.4200003` agree on 6 fraction digits, not 2. And a carry hides
// agreement: `7.3` and `7.2999999945` differ in their first fraction digit, yet
// |a - b| = 5.5e-9. Where the first differing digits are one apart, the lower one followed
// by k nines where the higher has k zeros (written or missing), the two lie within
// 10^-(f+1+k) plus their remainders of each other, under 2 * 10^-(f+1+k) <= 10^-(f+k):
// they agree as closely as texts sharing f + k fraction digits.

extension NumericComparison {
    /// Whether two plain decimals (`-12.345`, no exponent) are certainly within tolerance
    /// by the fraction digits they agree on (see the design note), without converting them.
    /// False means "not settled here", not "different".
    static func closeByCommonPrefix(_ b: ByteRun, _ a: ByteRun, tolerance: NumericTolerance) -> Bool {
        guard tolerance.settlesByDigits else { return false }
        let zero = UInt8(ascii: "0")
        let i = sharedByteCount(b, a, min(a.count, b.count))
        // The shared part: [-] digits "." digits, with a non-zero digit in it.
        let shared = b.run(0..<i)
        var j = 0
        if i > 0 && shared[0] == UInt8(ascii: "-") { j = 1 }
        let integerStart = j
        while j < shared.count && shared[j] &- zero < 10 { j += 1 }
        guard j < shared.count, shared[j] == UInt8(ascii: "."), j > integerStart || j + 1 < i else { return false }
        let point = j
        var k = integerStart
        while k < point && shared[k] == zero { k += 1 }
        let place: Int
        if k < point {
            place = point - 1 - k
            k = point + 1
        } else {
            k = point + 1
            while k < shared.count && shared[k] == zero { k += 1 }
            guard k < shared.count else { return false }
            place = point - k
        }
        // The rest of the shared part and both tails: digits only.
        guard allDigits(b, from: k), allDigits(a, from: i) else { return false }
        let agreeing = i - point - 1 + hiddenAgreement(at: i, b, a)
        return tolerance.settles(sharedFractionDigits: agreeing, leadingPlace: place)
    }

    /// How many bytes `a` and `b` share at their start, of the first `count`.
    @inline(__always)
    static func sharedByteCount(_ b: ByteRun, _ a: ByteRun, _ count: Int) -> Int {
        // Both cut to `count` first: the loops below are then bounded by the runs' own
        // length, which spares each access its bounds check.
        let pb = b.run(0..<count), pa = a.run(0..<count)
        var i = 0
        while i + 8 <= count {
            let x = pa.word(at: i)
            let y = pb.word(at: i)
            if x != y { return i + (x ^ y).trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count && pa[i] == pb[i] { i += 1 }
        return i
    }

    /// The fraction digits two all-digit tails agree on past their first `i` shared bytes
    /// (the design note): the longer one's zeros where the other ends, else the carried
    /// nines where the first differing digits are one apart; 0 otherwise.
    @inline(__always)
    static func hiddenAgreement(at i: Int, _ b: ByteRun, _ a: ByteRun) -> Int {
        let zero = UInt8(ascii: "0")
        if i == b.count || i == a.count {
            let longer = i == b.count ? a : b
            var j = i
            while j < longer.count && longer[j] == zero { j += 1 }
            return j - i
        }
        let low: ByteRun, high: ByteRun
        if a[i] &+ 1 == b[i] {
            (low, high) = (a, b)
        } else if b[i] &+ 1 == a[i] {
            (low, high) = (b, a)
        } else {
            return 0
        }
        var j = i + 1
        while j < low.count && low[j] == UInt8(ascii: "9") && (j >= high.count || high[j] == zero) { j += 1 }
        return j - i - 1
    }

    /// Whether the bytes from `start` to the end are all ASCII digits, eight at a time.
    @inline(__always)
    static func allDigits(_ text: ByteRun, from start: Int) -> Bool {
        let tail = text.run(from: start)
        var i = 0
        while i + 8 <= tail.count {
            let word = tail.word(at: i)
            let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
            if (word & high) | (((word &+ 0x0606_0606_0606_0606) & high) >> 4) != 0x3333_3333_3333_3333 { return false }
            i += 8
        }
        while i < tail.count {
            if tail[i] &- UInt8(ascii: "0") >= 10 { return false }
            i += 1
        }
        return true
    }
}
