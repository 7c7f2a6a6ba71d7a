import Testing
@testable import Harness

/// JSON numbers go through the CSV comparator's `NumericComparison`; these are the JSON
/// comparator's number cases, kept against the shared code.
@Suite struct JSONNumberComparisonTests {
    func equal(_ expected: String, _ actual: String, rtol: Double = 0, atol: Double = 0) -> Bool {
        let left = Array(expected.utf8)
        let right = Array(actual.utf8)
        return ByteRun.with(left) { e in
            ByteRun.with(right) { a in NumericComparison.compare(expected: e, actual: a, rtol: rtol, atol: atol) == .equal }
        }
    }

    func canonical(_ text: String) -> String {
        var out: [UInt8] = []
        ByteRun.with(text) { JSONDecimal($0).appendCanonical(to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func canonicalExponentsAreWrittenInDecimal() {
        #expect(canonical("1") == "1e0")
        #expect(canonical("-12.5") == "-125e-1")
        #expect(canonical("1e123") == "1e123")
        for value in [0, 7, -12, 1_000_000, Int.max, Int.min] {
            var out: [UInt8] = []
            JSONDecimal.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    @Test(arguments: [
        ["1", "1.0", "1e0", "10e-1", "0.1e1", "1.000E+0", "100e-2"],
        ["0", "-0", "0.0", "0e5", "-0.000e-9"],
        ["-12.5", "-125e-1", "-1.25E1"],
        ["123456789012345678901234567890", "1.2345678901234567890123456789e29"],
    ])
    func equalValuesHaveOneCanonicalText(texts: [String]) {
        let forms = Set(texts.map(canonical))
        #expect(forms.count == 1, "\(forms)")
        for text in texts { #expect(equal(texts[0], text)) }
    }

    @Test func canonicalTextKeepsSignDigitsAndScale() {
        #expect(canonical("-12.50") == "-125e-1")
        #expect(canonical("1200") == "12e2")
        #expect(canonical("0") == "0")
        #expect(canonical("1e00000000000000000000000000001") != canonical("1e2"))
    }

    @Test(arguments: [
        ("9007199254740993", "9007199254740992"), ("1e400", "2e400"), ("0.30000000000000004", "0.3"),
    ])
    func differentValuesDifferExactly(expected: String, actual: String) {
        #expect(!equal(expected, actual))
        #expect(!equal(actual, expected))
    }

    /// As DESIGN.md says for every format: numbers are parsed, so decimals that are the same
    /// double are equal (only integers beyond 2^53 compare exactly); JSON and CSV agree.
    @Test(arguments: [("1e-400", "2e-400"), ("1", "1.0000000000000000000001")])
    func decimalsOfTheSameDoubleAreEqual(expected: String, actual: String) {
        #expect(equal(expected, actual))
        #expect(equal(actual, expected))
    }

    @Test func toleranceUsesTheExpectedValue() {
        // |a - b| <= atol + rtol * |b|, b expected: asymmetric on purpose.
        #expect(equal("100", "110", rtol: 0.1))
        #expect(!equal("110", "100", rtol: 0.09))
        #expect(equal("-5", "-5.5", atol: 0.5))
        #expect(!equal("-5", "-5.51", atol: 0.5))
        #expect(equal("0", "1e-12", atol: 1e-12))
        #expect(!equal("0", "1e-12", rtol: 0.5))
        #expect(equal("0.1", "0.10000000000000001", rtol: 1e-15))
        // Beyond the range of Double there is no finite difference to bound.
        #expect(!equal("1e400", "2e400", rtol: 1))
        #expect(equal("1e400", "10e399", rtol: 1))
    }

    /// Decisions follow IEEE doubles of the texts (like the CSV comparator and numpy), even
    /// when the fast conversion is not correctly rounded and the decision is at the limit.
    @Test func decisionsAtTheLimitFollowCorrectlyRoundedDoubles() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<5_000 {
            let base = Double.random(in: -1e6...1e6, using: &generator)
            let other = base * (1 + Double.random(in: -1e-9...1e-9, using: &generator))
            let expected = "\(base)"
            let actual = "\(other)"
            guard let b = Double(expected), let a = Double(actual) else { continue }
            let distance = abs(a - b)
            for atol in [distance, distance.nextDown, distance.nextUp] {
                #expect(equal(expected, actual, atol: atol) == (abs(a - b) <= atol), "\(expected) \(actual) \(atol)")
                checked += 1
            }
        }
        #expect(checked == 15_000)
    }

    @Test func bigIntegersUseTheirExactDifference() {
        #expect(!equal("123456789012345678901", "123456789012345678903", atol: 1.5))
        #expect(equal("123456789012345678901", "123456789012345678902", atol: 1))
        #expect(!equal("9007199254740993", "9007199254740992.0", atol: 0.5))
        #expect(equal("1e20", "100000000000000000001", atol: 1))
        #expect(!equal("1e20", "100000000000000000002", atol: 1))
    }

    @Test func differenceIsExactForBigIntegers() throws {
        func difference(_ expected: String, _ actual: String) -> (absolute: Double, relative: Double?)? {
            guard case .differ(let absolute?, let relative) = NumericComparison.compare(expected: expected, actual: actual, rtol: 0, atol: 0)
            else { return nil }
            return (absolute, relative)
        }
        let big = try #require(difference("12345678901234567890", "12345678901234567893"))
        #expect(big.absolute == 3)
        #expect(big.relative == 3 / 12345678901234567890.0)
        let zero = try #require(difference("0", "-2.5"))
        #expect(zero.absolute == 2.5)
        #expect(zero.relative == nil)
        #expect(difference("1e400", "2e400") == nil)
    }
}
