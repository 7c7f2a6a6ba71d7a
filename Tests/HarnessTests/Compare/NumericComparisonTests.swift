import Testing
@testable import Harness

@Suite struct NumericComparisonTests {
    static func compare(_ expected: String, _ actual: String, rtol: Double = 0, atol: Double = 0) -> NumericResult {
        NumericComparison.compare(expected: expected, actual: actual, rtol: rtol, atol: atol)
    }

    @Test(arguments: [
        ("1", "1.0"), ("1", "1e0"), ("1", "1."), ("1", "+1"), ("1", "10e-1"), ("1", "0.1e1"), ("1.000", "1E+0"),
        ("-0", "0"), ("0.0", "-0.0"), ("0e5", ".0"), ("-1.5", "-15e-1"), ("1200", "1.2e3"),
        ("9007199254740993", "9007199254740993.0"), ("123456789012345678901234567890", "1.23456789012345678901234567890e29"),
        ("inf", "Infinity"), ("+inf", "INF"), ("-inf", "-Infinity"),
        ("", "NaN"), ("nan", ""), ("NaN", "nan"), ("NAN", "-nan"),
        // Different text, the same double: equal at zero tolerance.
        ("0.1", "0.10000000000000001"), ("5e-324", "4.9406564584124654e-324"),
        ("1", "1.00000000000000000000001"),
    ])
    func equalBothWays(first: String, second: String) {
        #expect(Self.compare(first, second) == .equal)
        #expect(Self.compare(second, first) == .equal)
    }

    @Test(arguments: [
        ("9007199254740993", "9007199254740992", 1.0),
        ("123456789012345678901234567891", "123456789012345678901234567890", 1.0),
        ("-12345678901234567890", "12345678901234567890", 24691357802469135780.0),
        ("0.1", "0.1000000000000001", 9.71445146547012e-17),
        ("1", "2", 1.0), ("2.5", "-2.5", 5.0), ("1e10", "1.0000001e10", 1000.0),
    ])
    func differBothWays(first: String, second: String, absolute: Double) {
        for (expected, actual) in [(first, second), (second, first)] {
            guard case .differ(let difference, _) = Self.compare(expected, actual) else {
                Issue.record("\(expected) vs \(actual) should differ")
                continue
            }
            #expect(difference == absolute, "\(expected) vs \(actual)")
        }
    }

    @Test(arguments: [("inf", "-inf"), ("inf", "1e308"), ("", "0"), ("NaN", "1"), ("1e400", "2e400")])
    func differWithoutAFiniteDifference(first: String, second: String) {
        #expect(Self.compare(first, second) == .differ(absolute: nil, relative: nil))
        #expect(Self.compare(second, first) == .differ(absolute: nil, relative: nil))
    }

    @Test(arguments: ["abc", "1,5", "1e", ".", "-", " 1", "1 ", "0x10", "1_000", "--1", "1e5.0", "infinite", "nano", "e5"])
    func notNumbers(text: String) {
        #expect(Self.compare(text, "1") == .notNumbers)
        #expect(Self.compare("1", text) == .notNumbers)
        #expect(Self.compare(text, text) == .notNumbers)
    }

    @Test func toleranceIsRelativeToTheExpectedValue() {
        #expect(Self.compare("100", "100.5", atol: 0.5) == .equal)
        #expect(Self.compare("100", "100.5", atol: 0.49) == .differ(absolute: 0.5, relative: 0.005))
        // |101 - 100| = 1: within 0.00995 * 101 but not within 0.00995 * 100.
        #expect(Self.compare("101", "100", rtol: 0.00995) == .equal)
        #expect(Self.compare("100", "101", rtol: 0.00995) == .differ(absolute: 1, relative: 0.01))
        #expect(Self.compare("1.1", "1.2", atol: 0.1) == .equal)
        #expect(Self.compare("0", "1e-12", atol: 1e-12) == .equal)
        #expect(Self.compare("0", "2e-12", atol: 1e-12) == .differ(absolute: 2e-12, relative: nil))
    }

    @Test func perturbedFloatsAreDecidedLikeDoubles() {
        // Seventeen-digit values (as Python's repr writes them) take the approximate path.
        let pairs = [("0.12345678901234568", "0.12345678901234579"), ("-734.1235467891234", "-734.1235467891261"),
                     ("1.7976931348623157e308", "1.7976931348623155e308"), ("2.2250738585072014e-308", "2.2250738585072019e-308")]
        for (expected, actual) in pairs {
            let b = Double(expected)!, a = Double(actual)!  // `!`: literals above are valid numbers
            let difference = abs(a - b)
            for rtol in [0, 1e-16, 1e-15, 1e-14, 1e-9] {
                let equal = difference <= rtol * abs(b)
                let result = Self.compare(expected, actual, rtol: rtol)
                #expect((result == .equal) == equal, "\(expected) vs \(actual) rtol \(rtol)")
            }
        }
    }

    @Test func bigIntegersUseTheirExactDifferenceWithTolerance() {
        #expect(Self.compare("9007199254740993", "9007199254740995", atol: 2) == .equal)
        #expect(Self.compare("9007199254740993", "9007199254740995", atol: 1) == .differ(absolute: 2, relative: 2 / 9007199254740993.0))
        #expect(Self.compare("9007199254740993", "9007199254740992.5") == .differ(absolute: 0.5, relative: 0.5 / 9007199254740993.0))
    }

    @Test func randomDecimalsReadLikeStrtod() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = String((0..<Int.random(in: 1...24, using: &generator)).map { _ in
                Character(String(Int.random(in: 0...9, using: &generator)))
            })
            let point = Int.random(in: 0...digits.count, using: &generator)
            var text = String(digits.prefix(point)) + (point < digits.count || Bool.random(using: &generator) ? "." : "")
                + String(digits.dropFirst(point))
            if text == "." { text = "0" }
            if Bool.random(using: &generator) { text += "e\(Int.random(in: -30...30, using: &generator))" }
            if Bool.random(using: &generator) { text = "-" + text }
            let reference = Double(text)!  // `!`: the generator writes valid decimals
            let parsed = ByteRun.with(text) { NumericText($0) }
            #expect(parsed.kind == .finite, "\(text)")
            if let approximate = DecimalConversion.approximate(parsed) {
                let error = abs(approximate.value - reference)
                #expect(approximate.exact ? error == 0 : error <= 4.5e-16 * abs(reference), "\(text)")
            }
            let padded = (text.hasPrefix("-") ? "-000" + text.dropFirst() : "000" + text)
            let longer = padded.contains("e") ? padded.replacingOccurrences(of: "e", with: (padded.contains(".") ? "" : ".") + "000e")
                : padded + (padded.contains(".") ? "000" : ".000")
            #expect(Self.compare(text, longer) == .equal, "\(text) vs \(longer)")
        }
    }

    @Test func decisionsAtTheToleranceBoundaryMatchDoubleArithmetic() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let b = Double.random(in: -1000...1000, using: &generator)
            let a = b * (1 + Double.random(in: -1e-6...1e-6, using: &generator))
            let difference = abs(a - b)
            let exact = difference / abs(b)
            for rtol in [exact.nextDown, exact, exact.nextUp, exact * (1 - 1e-15), exact * (1 + 1e-15)] {
                let truth = difference <= 0 + rtol * abs(b)
                let result = Self.compare("\(b)", "\(a)", rtol: rtol)
                #expect((result == .equal) == truth, "\(b) vs \(a) rtol \(rtol)")
            }
        }
    }

    @Test func sharedLeadingDigitsSettleSmallDifferencesExactlyLikeDoubles() {
        var generator = SystemRandomNumberGenerator()
        var settled = 0
        for _ in 0..<20_000 {
            let b = Double.random(in: -1000...1000, using: &generator)
            let a = b * (1 + Double.random(in: -1e-8...1e-8, using: &generator))
            let (expected, actual) = ("\(b)", "\(a)")
            for (rtol, atol) in [(1e-6, 0), (1e-8, 0), (2e-8, 0), (1e-9, 0), (0, 1e-6), (0, 1e-9), (1e-9, 1e-7)] {
                let truth = abs(a - b) <= atol + rtol * abs(b)
                let quick = Self.settledByText(expected, actual, rtol: rtol, atol: atol)
                if quick {
                    settled += 1
                    #expect(truth, "\(expected) vs \(actual) rtol \(rtol) atol \(atol) settled as equal")
                }
                #expect((Self.compare(expected, actual, rtol: rtol, atol: atol) == .equal) == truth,
                        "\(expected) vs \(actual) rtol \(rtol) atol \(atol)")
            }
        }
        #expect(settled > 10_000)  // the shortcut is taken, not just harmless
        #expect(Self.compare("12.3456789", "12.3456788", rtol: 1e-6) == .equal)
        #expect(Self.compare("-0.0012345", "-0.0012346", rtol: 1e-3) == .equal)
        #expect(Self.compare("1.5", "1.5x", rtol: 1) == .notNumbers)
        #expect(Self.compare("1.51", "1.5e3", rtol: 0.1) == .differ(absolute: 1498.49, relative: 1498.49 / 1.51))
    }

    /// Whether `closeByCommonPrefix` alone calls the two texts equal.
    static func settledByText(_ expected: String, _ actual: String, rtol: Double = 0, atol: Double = 0) -> Bool {
        ByteRun.with(expected) { e in
            ByteRun.with(actual) { a in
                NumericComparison.closeByCommonPrefix(e, a, tolerance: NumericTolerance(rtol: rtol, atol: atol))
            }
        }
    }

    @Test func digitsAgreeingBeyondTheSharedTextSettleRoundedValuesWithNoise() {
        // Where one text ends its digits are zeros; a carry turns nines into zeros.
        for (expected, actual) in [("607.42", "607.4200003023423"), ("607.4200003023423", "607.42"),
                                   ("7.3", "7.299999994521704"), ("-7.299999994521704", "-7.3"),
                                   ("0.14984021608220355", "0.14984021595759126"), ("203.17", "203.16999994732603")] {
            #expect(Self.settledByText(expected, actual, rtol: 1e-6), "\(expected) vs \(actual)")
        }
        // Not within tolerance, or not plain decimals.
        for (expected, actual, rtol) in [("7.3", "7.2999", 1e-6), ("7.3", "7.2999999", 1e-8), ("7.4", "7.2999999999", 1e-6),
                                         ("7.3", "7.2999909999", 1e-6),
                                         ("607.42", "607.4200003e1", 1e-6), ("607.42", "607.4200003x", 1e-6)] {
            #expect(!Self.settledByText(expected, actual, rtol: rtol), "\(expected) vs \(actual)")
        }
        var generator = SystemRandomNumberGenerator()
        var settled = 0
        for _ in 0..<20_000 {
            let places = Double([1, 10, 100, 1000].randomElement(using: &generator) ?? 1)
            let rounded = (Double.random(in: -1000...1000, using: &generator) * places).rounded() / places
            let noisy = rounded * (1 + Double.random(in: -1e-9...1e-9, using: &generator))
            for (b, a) in [(rounded, noisy), (noisy, rounded)] {
                for (rtol, atol) in [(1e-6, 0), (1e-8, 0), (1e-9, 0), (0, 1e-5), (0, 1e-7), (1e-9, 1e-7)] {
                    let truth = abs(a - b) <= atol + rtol * abs(b)
                    if Self.settledByText("\(b)", "\(a)", rtol: rtol, atol: atol) {
                        settled += 1
                        #expect(truth, "\(b) vs \(a) rtol \(rtol) atol \(atol) settled as equal")
                    }
                    #expect((Self.compare("\(b)", "\(a)", rtol: rtol, atol: atol) == .equal) == truth, "\(b) vs \(a)")
                }
            }
        }
        // About 67,000 of the 240,000 pairs (fewer are within the tighter tolerances); the
        // shared bytes alone settle none, as the rounded side always ends or carries.
        #expect(settled > 50_000, "\(settled)")
    }

    @Test func missingAndNumberPredicates() {
        var text = "NaN"
        #expect(ByteRun.with(text) { NumericComparison.isMissing($0) })
        text = "-1.5e3"
        #expect(ByteRun.with(text) { NumericComparison.isNumber($0) })
        text = "x"
        #expect(!ByteRun.with(text) { NumericComparison.isNumber($0) })
    }
}
