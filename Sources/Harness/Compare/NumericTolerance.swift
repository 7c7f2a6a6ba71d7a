import Foundation

/// A tolerance (`|a - b| <= atol + rtol * |b|`) turned into digit counts, so that two
/// numbers sharing their leading digits can be called equal without converting them
/// (NumericComparison.closeByCommonPrefix).
///
/// With f shared fraction digits, |a - b| < 10^-f; with the first non-zero shared digit at
/// 10^p, 10^p <= |b| < 10^(p+1); rounding both to doubles moves the difference by less
/// than 4.5e-16 * 10^(p+1). The pair is within tolerance when 10^-f plus that is at most
/// half the tolerance, which holds when
/// - f + p >= `relativeDigits`, the smallest k with 10^-k <= 0.5 * rtol - 4.5e-15, or
/// - f >= `absoluteDigits` (10^-f <= 0.25 * atol) and p <= `absolutePlace`
///   (4.5e-15 * 10^p <= 0.25 * atol).
struct NumericTolerance: Sendable {
    let rtol: Double
    let atol: Double
    private let relativeDigits: Int?
    private let absoluteDigits: Int?
    private let absolutePlace: Int

    init(rtol: Double, atol: Double) {
        self.rtol = rtol
        self.atol = atol
        let relativeRoom = 0.5 * rtol - 4.5e-15
        relativeDigits = relativeRoom > 0 ? Self.digits(within: relativeRoom) : nil
        absoluteDigits = atol > 0 ? Self.digits(within: 0.25 * atol) : nil
        var place = Int.min
        if atol > 0 {
            // The largest p with 4.5e-15 * 10^p <= atol / 4 (log10 guesses, pow checks).
            // In logarithms, and clamped: `atol / 4.5e-15` overflows to infinity for a huge
            // atol (1e300), and `Int(infinity)` traps.
            let guess = (log10(0.25 * atol) - log10(4.5e-15)).rounded(.down)
            place = Int(min(400, max(-400, guess))) + 1
            while place > -400 && 4.5e-15 * pow(10, Double(place)) > 0.25 * atol { place -= 1 }
        }
        absolutePlace = place
    }

    /// The smallest k with 10^-k <= `room` (log10 guesses, pow checks).
    private static func digits(within room: Double) -> Int {
        var k = Int(min(400, max(-400, (-log10(room)).rounded(.down)))) - 1
        while k < 400 && pow(10, Double(-k)) > room { k += 1 }
        return k
    }

    /// Whether any shared-digit count can settle a comparison.
    var settlesByDigits: Bool { relativeDigits != nil || absoluteDigits != nil }

    func settles(sharedFractionDigits f: Int, leadingPlace p: Int) -> Bool {
        if let relativeDigits, f + p >= relativeDigits { return true }
        if let absoluteDigits, f >= absoluteDigits, p <= absolutePlace { return true }
        return false
    }
}
