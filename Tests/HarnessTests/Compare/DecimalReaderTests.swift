import Testing
@testable import Harness

/// `NumericText` is the one reader of decimal text; the Table Schema caster
/// (`CellCaster.parseDecimal`), JSON Schema's exact numbers (`ExactDecimal`) and the JSON
/// Lines key (`JSONDecimal`) are built on it. Each is checked here against an oracle that
/// does not share its code: Swift's correctly rounded `Double(String)`, and a decimal
/// normalisation written with strings.
@Suite struct DecimalReaderTests {
    static func parse(_ text: String) -> Double? {
        ByteRun.with(text) { CellCaster.parseDecimal($0) }
    }

    /// Sign, significant digits and power of ten by string operations only.
    static func normalised(_ text: String) -> (negative: Bool, digits: [UInt8], exponent: Int) {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if body.hasPrefix("-") || body.hasPrefix("+") { body = body.dropFirst() }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(body[body.index(after: e)...])!
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array((String(parts[0]) + fraction).utf8).map { $0 - UInt8(ascii: "0") }
        exponent -= fraction.count
        while digits.first == 0 { digits.removeFirst() }
        while digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        return digits.isEmpty ? (false, [], 0) : (negative, digits, exponent)
    }

    static func randomNumberText(_ generator: inout SystemRandomNumberGenerator, json: Bool) -> String {
        func digits(_ range: ClosedRange<Int>) -> String {
            String((0..<Int.random(in: range, using: &generator)).map { _ in "0000123456789".randomElement(using: &generator)! })
        }
        var text = Bool.random(using: &generator) ? "-" : ""
        if !json && Bool.random(using: &generator) { text = "+" }
        var whole = digits(1...25)
        if json, whole.count > 1, whole.hasPrefix("0") { whole = "1" + whole.dropFirst() }
        text += whole
        if Bool.random(using: &generator) { text += "." + digits(1...25) }
        if Bool.random(using: &generator) {
            text += ["e", "E"].randomElement(using: &generator)! + ["", "+", "-"].randomElement(using: &generator)!
            text += String(Int.random(in: 0...340, using: &generator))
        }
        return text
    }

    @Test func theCasterIsCorrectlyRoundedOnRandomDecimals() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = Self.randomNumberText(&generator, json: false)
            #expect(Self.parse(text) == Double(text), "\(text)")
        }
    }

    @Test(arguments: [
        ("1", 1.0), ("-2.5", -2.5), ("+7", 7.0), ("5.", 5.0), (".5", 0.5), ("-.5", -0.5), (" 12 ", 12.0),
        ("1E5", 1e5), ("1e-5", 1e-5), ("0.1", 0.1), ("0001.5000", 1.5), ("9007199254740993", 9007199254740992.0),
        ("1e22", 1e22), ("1e23", 1e23), ("1e-400", 0.0), ("1e400", Double.infinity),
        ("123456789012345678901234567890", 1.2345678901234568e29),
    ])
    func theCasterReadsPythonDecimals(text: String, value: Double) {
        #expect(Self.parse(text) == value, "\(text)")
    }

    @Test func theCasterReadsWordsAndRefusesWhatDecimalRefuses() {
        #expect(Self.parse("inf") == .infinity)
        #expect(Self.parse("-Infinity") == -.infinity)
        #expect(Self.parse("NaN")?.isNaN == true)
        #expect(Self.parse("sNaN")?.isNaN == true)
        for text in ["", " ", "-", "+", ".", "-.", "e5", "1e", "1e+", "1.2.3", "12a", "--1", "1 2", "0x10", "infinite", "1_000"] {
            #expect(Self.parse(text) == nil, "\(text)")
        }
    }

    static func numericText(_ text: String, _ body: (NumericText, ByteRun) -> Void) {
        ByteRun.with(text) { body(NumericText($0), $0) }
    }

    /// Eisel-Lemire gives the correctly rounded double (Swift's `Double(String)`) whenever
    /// it gives one, and gives one for almost every text of up to 19 digits whose value is
    /// a normal double; `exact`, which falls back to the C library, is always right.
    @Test func eiselLemireIsCorrectlyRoundedWhenItAnswers() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["9007199254740993", "9007199254740992", "1.7976931348623157e308", "1.7976931348623159e308",
                     "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324",
                     "7.3177701707893310e15", "0.1", "0.3", "123456789012345678e-20", "9999999999999999999e-340",
                     "1e-348", "1e347", "5e-324", "1.0000000000000002", "0.30000000000000004", "1e23", "8.98846567431158e307"]
        for _ in 0..<200_000 {
            let digits = String(UInt64.random(in: 1...UInt64(9_999_999_999_999_999_999), using: &generator))
            let kept = String(digits.prefix(Int.random(in: 1...digits.count, using: &generator)))
            texts.append((Bool.random(using: &generator) ? "-" : "") + kept + "e" + String(Int.random(in: -360...330, using: &generator)))
        }
        var answered = 0
        var normal = 0
        for text in texts {
            if Double(text)?.isNormal == true { normal += 1 }
            Self.numericText(text) { number, bytes in
                guard let value = DecimalConversion.eiselLemire(number) else { return }
                answered += 1
                #expect(value == Double(text) && value.sign == Double(text)?.sign, "\(text): \(value) against \(String(describing: Double(text)))")
            }
            Self.numericText(text) { number, bytes in
                #expect(DecimalConversion.exact(number, bytes) == Double(text), "\(text)")
            }
        }
        // Only halfway-near products are left to the C library among normal doubles.
        #expect(answered >= normal * 99 / 100, "\(answered) answered of \(normal) normal doubles")
    }

    /// The validator's word-at-a-time reader is correctly rounded when it says it is exact,
    /// past 2^53 too (through Eisel-Lemire), and says so for almost every plain decimal.
    @Test func quickDecimalsAreCorrectlyRounded() {
        var generator = SystemRandomNumberGenerator()
        var answered = 0
        let count = 100_000
        for _ in 0..<count {
            let digits = String((0..<Int.random(in: 1...19, using: &generator)).map { _ in "0123456789".randomElement(using: &generator)! })
            let point = Int.random(in: 0...digits.count, using: &generator)
            var text = (Bool.random(using: &generator) ? "-" : "") + digits.prefix(point)
            if point < digits.count { text += (point == 0 ? "0." : ".") + digits.dropFirst(point) }
            // Bytes after the cell, where the word reads land.
            let bytes = Array(text.utf8) + Array("99999999999999".utf8)
            ByteRun.with(bytes) { buffer in
                let cell = buffer.run(0..<text.utf8.count)
                guard let exact = CellCaster.quickDecimal(cell)?.exact else { return }
                answered += 1
                #expect(exact == Double(text) && exact.sign == Double(text)?.sign, "\(text)")
            }
        }
        #expect(answered >= count * 9 / 10, "\(answered) of \(count)")
    }

    @Test func exactDecimalsMatchTheStringNormalisation() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = Self.randomNumberText(&generator, json: true)
            guard let number = ExactDecimal(text) else {
                Issue.record("refused \(text)")
                continue
            }
            let expected = Self.normalised(text)
            #expect(number.negative == expected.negative && number.digits == expected.digits
                    && number.exponent == expected.exponent, "\(text)")
        }
    }

    @Test func exactDecimalsAreValues() {
        #expect(ExactDecimal("1") == ExactDecimal("1.0"))
        #expect(ExactDecimal("1") == ExactDecimal("10e-1"))
        #expect(ExactDecimal("-0") == ExactDecimal.zero)
        #expect(ExactDecimal("0.000e5") == ExactDecimal.zero)
        #expect(ExactDecimal("9007199254740993")! > ExactDecimal("9007199254740992")!)
        #expect(ExactDecimal("1e999999999999999999999999")!.exponent == ExactDecimal.exponentLimit)
        #expect(ExactDecimal("3.0")!.isInteger && !ExactDecimal("3.5")!.isInteger)
        #expect(ExactDecimal("nan") == nil && ExactDecimal("") == nil && ExactDecimal("1x") == nil)
    }

    /// The JSON Lines key's quick loop for plain integers writes what the full reader
    /// writes for the same value spelled as a decimal.
    @Test func integerKeysAreCanonicalAsTheirDecimalSpelling() {
        func canonical(_ text: String) -> String {
            var out: [UInt8] = []
            ByteRun.with(text) { JSONDecimal($0).appendCanonical(to: &out) }
            return String(decoding: out, as: UTF8.self)
        }
        var generator = SystemRandomNumberGenerator()
        var texts = ["1", "10", "100", "-120", "7000000000000000000000000000", "9007199254740993"]
        for _ in 0..<2_000 {
            let digits = String(Int.random(in: 1...9, using: &generator))
                + String((0..<Int.random(in: 0...30, using: &generator)).map { _ in "0009".randomElement(using: &generator)! })
            texts.append((Bool.random(using: &generator) ? "-" : "") + digits)
        }
        for text in texts {
            #expect(canonical(text) == canonical(text + ".000"), "\(text)")
            #expect(canonical(text) == canonical(text + "0e-1"), "\(text)")
        }
        #expect(canonical("100") == "1e2" && canonical("-120") == "-12e1" && canonical("7") == "7e0")
    }

    /// The reader once stopped reading an exponent at 10^6, so 1e20000001 and 1e20000002
    /// were the same decimal to `harness diff`.
    @Test func exponentsPastAMillionStayApart() {
        #expect(NumericComparison.compare(expected: "1e20000001", actual: "1e20000002", rtol: 0, atol: 0) != .equal)
        #expect(ExactDecimal("1e20000001") != ExactDecimal("1e20000002"))
        #expect(NumericComparison.compare(expected: "1e20000001", actual: "10e20000000", rtol: 0, atol: 0) == .equal)
    }

    /// Past 2^40 the exponent is not read whole: only the same text is the same value.
    @Test func saturatedExponentsAreEqualOnlyAsTheSameText() {
        let huge = "1e99999999999999999999"
        #expect(NumericComparison.compare(expected: huge, actual: huge + "1", rtol: 0, atol: 0) != .equal)
        #expect(NumericComparison.compare(expected: huge, actual: huge, rtol: 0, atol: 0) == .equal)
        func canonical(_ text: String) -> [UInt8] {
            var out: [UInt8] = []
            ByteRun.with(text) { JSONDecimal($0).appendCanonical(to: &out) }
            return out
        }
        #expect(canonical(huge) != canonical(huge + "1"))
        #expect(canonical("1e20000001") != canonical("1e20000002"))
    }
}
