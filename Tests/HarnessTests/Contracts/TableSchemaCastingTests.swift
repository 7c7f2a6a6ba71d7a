import Foundation
import Testing
@testable import Harness

/// Casting cell text to each v2 type, on strings: what is a value, what is a type error.
@Suite("Table Schema casting")
struct TableSchemaCastingTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        var field: String
        var text: String
        var valid: Bool
        var testDescription: String { "\(field) \"\(text)\" \(valid ? "valid" : "type error")" }
    }

    static func sample(_ field: String, _ text: String, _ valid: Bool) -> Sample { Sample(field: field, text: text, valid: valid) }

    static let samples: [Sample] = [
        sample(#"{"type": "integer"}"#, "42", true), sample(#"{"type": "integer"}"#, "-7", true),
        sample(#"{"type": "integer"}"#, "+7", true), sample(#"{"type": "integer"}"#, "1.5", false),
        sample(#"{"type": "integer"}"#, "01", false), sample(#"{"type": "integer"}"#, "0", true),
        sample(#"{"type": "integer"}"#, "123456789012345678901234567890", true),
        sample(#"{"type": "integer"}"#, "12a", false),
        sample(#"{"type": "integer", "groupChar": ","}"#, "1,000,000", true),
        sample(#"{"type": "integer", "bareNumber": false}"#, "€95", true),
        sample(#"{"type": "number"}"#, "3.14", true), sample(#"{"type": "number"}"#, "-1e-3", true),
        sample(#"{"type": "number"}"#, "NaN", true), sample(#"{"type": "number"}"#, "-INF", true),
        sample(#"{"type": "number"}"#, "1,5", false), sample(#"{"type": "number"}"#, "007.5", false),
        sample(#"{"type": "number"}"#, "0.5", true), sample(#"{"type": "number"}"#, ".5", true),
        sample(#"{"type": "number", "decimalChar": ",", "groupChar": "."}"#, "1.234,5", true),
        sample(#"{"type": "number", "decimalChar": ","}"#, "1.5", false),
        sample(#"{"type": "number", "bareNumber": false}"#, "95%", true),
        sample(#"{"type": "boolean"}"#, "true", true), sample(#"{"type": "boolean"}"#, "0", true),
        sample(#"{"type": "boolean"}"#, "yes", false),
        sample(#"{"type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]}"#, "yes", true),
        sample(#"{"type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]}"#, "true", false),
        sample(#"{"type": "date"}"#, "2024-02-29", true), sample(#"{"type": "date"}"#, "2023-02-29", false),
        sample(#"{"type": "date"}"#, "2024-1-5", true), sample(#"{"type": "date"}"#, "24-01-05", false),
        sample(#"{"type": "date", "format": "%d/%m/%Y"}"#, "31/12/2024", true),
        sample(#"{"type": "date", "format": "%d/%m/%Y"}"#, "2024-12-31", false),
        sample(#"{"type": "date", "format": "%d %b %Y"}"#, "5 Mar 2024", true),
        sample(#"{"type": "date", "format": "any"}"#, "03/15/2024", true),
        sample(#"{"type": "time"}"#, "15:00:00", true), sample(#"{"type": "time"}"#, "15:00", false),
        sample(#"{"type": "time"}"#, "25:00:00", false), sample(#"{"type": "time"}"#, "15:00:00.250+02:00", true),
        sample(#"{"type": "time", "format": "%I:%M %p"}"#, "03:15 PM", true),
        sample(#"{"type": "datetime"}"#, "2024-01-26T15:00:00", true),
        sample(#"{"type": "datetime"}"#, "2024-01-26T15:00:00.300-05:00", true),
        sample(#"{"type": "datetime"}"#, "2024-01-26T15:00:00Z", true),
        sample(#"{"type": "datetime"}"#, "2024-01-26", false), sample(#"{"type": "datetime"}"#, "2024-13-26T15:00:00", false),
        sample(#"{"type": "datetime", "format": "%d/%m/%Y %H:%M:%S"}"#, "12/11/2018 09:15:32", true),
        sample(#"{"type": "year"}"#, "2024", true), sample(#"{"type": "year"}"#, "24", false),
        sample(#"{"type": "yearmonth"}"#, "2024-02", true), sample(#"{"type": "yearmonth"}"#, "2024-13", false),
        sample(#"{"type": "duration"}"#, "P1Y2M10DT2H30M", true), sample(#"{"type": "duration"}"#, "PT1.5S", true),
        sample(#"{"type": "duration"}"#, "P", false), sample(#"{"type": "duration"}"#, "1Y", false),
        sample(#"{"type": "object"}"#, #"{"a": 1}"#, true), sample(#"{"type": "object"}"#, "[1]", false),
        sample(#"{"type": "array"}"#, "[1, 2]", true), sample(#"{"type": "array"}"#, "{}", false),
        sample(#"{"type": "list"}"#, "a,b,c", true),
        sample(#"{"type": "list", "itemType": "integer"}"#, "1,2,3", true),
        sample(#"{"type": "list", "itemType": "integer", "delimiter": ";"}"#, "1;x", false),
        sample(#"{"type": "string", "format": "email"}"#, "ana@example.org", true),
        sample(#"{"type": "string", "format": "email"}"#, "ana@example", false),
        sample(#"{"type": "string", "format": "uri"}"#, "https://example.org/a?b=c", true),
        sample(#"{"type": "string", "format": "uri"}"#, "not a uri", false),
        sample(#"{"type": "string", "format": "uuid"}"#, "123e4567-e89b-12d3-a456-426614174000", true),
        sample(#"{"type": "string", "format": "uuid"}"#, "123e4567-e89b-12d3-a456", false),
        sample(#"{"type": "string", "format": "binary"}"#, "aGVsbG8=", true),
        sample(#"{"type": "string", "format": "binary"}"#, "aGVsbG8", false),
        sample(#"{"type": "geopoint"}"#, "90.5, 45.5", true), sample(#"{"type": "geopoint"}"#, "190, 45", false),
        sample(#"{"type": "geopoint", "format": "array"}"#, "[90.5, 45.5]", true),
        sample(#"{"type": "geopoint", "format": "object"}"#, #"{"lon": 90.5, "lat": 45.5}"#, true),
        sample(#"{"type": "geojson"}"#, #"{"type": "Point", "coordinates": [1, 2]}"#, true),
        sample(#"{"type": "geojson"}"#, #"{"type": "Blob"}"#, false),
        sample(#"{"type": "any"}"#, "anything at all", true),
    ]

    /// Casts through the whole loader, so the field descriptor is read as a contract would be.
    static func caster(_ descriptor: String) throws -> CellCaster {
        let text = #"{"fields": [{"name": "f", "# + descriptor.dropFirst() + "]}"
        let document = try JSONParser.parse(Array(text.utf8), path: "test.json")
        return try TableContractLoader(path: "test.json", source: Array(text.utf8)).contract(document).schema.fields[0].caster
    }

    @Test(arguments: samples)
    func castsAsTheSpecSays(_ sample: Sample) throws {
        let caster = try Self.caster(sample.field)
        #expect((caster.cast(text: sample.text) != nil) == sample.valid)
    }

    /// The quick decimal reader is exact when it says so, and its approximate value within
    /// two units in the last place, against the full reader (strtod) on random decimal texts.
    @Test func quickDecimalsAgreeWithTheFullReader() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let whole = String(UInt64.random(in: 0...UInt64(1) << UInt64.random(in: 1...60, using: &generator), using: &generator))
            let fraction = String((0..<Int.random(in: 0...18, using: &generator)).map { _ in "0123456789".randomElement()! })
            let text = (Bool.random() ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
            // Digits after the cell, where the word reads of the quick reader land.
            let bytes = Array(text.utf8) + Array("9999999999999999".utf8)
            ByteRun.with(bytes) { buffer in
                let raw = buffer.run(0..<text.utf8.count)
                guard let full = CellCaster.parseDecimal(raw) else {
                    Issue.record("full reader refused \(text)")
                    return
                }
                guard let digits = CellCaster.quickDecimal(raw) else { return }
                if let exact = digits.exact { #expect(exact == full, "\(text)") }
                #expect(abs(digits.approximate - full) <= 2 * full.magnitude.ulp, "\(text)")
            }
        }
    }

    /// The word-at-a-time reader accepts exactly what the byte-at-a-time one does, with
    /// the same value, whatever bytes follow the cell.
    @Test func quickDecimalAcceptsWhatTheByteReaderAccepts() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-+e a".utf8)
        var texts = ["", "-", ".", "-.", "1.", ".5", "-.5", "1.2.3", "12a", "--1", "+1", "0", "-0", "1e5", " 1", "1 ",
                     "1234567.", "12345678.", "12345678.9", "1234567.123456789012", "1234567.1234567890123",
                     "123456789012345678.9", "0.1234567890123456789", "0.12345678901234567890", "9999999999999999999"]
        for _ in 0..<20_000 {
            texts.append(String(decoding: (0..<Int.random(in: 1...24, using: &generator)).map { _ in
                // Mostly digits, so that many texts are numbers.
                Int.random(in: 0..<4, using: &generator) == 0 ? alphabet.randomElement(using: &generator)! : UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &generator)
            }, as: UTF8.self))
        }
        for text in texts {
            for after in ["", "0123456789", ".5", "x"] {
                let bytes = Array(text.utf8) + Array(after.utf8) + Array("1234567812345678".utf8)
                ByteRun.with(bytes) { buffer in
                    let raw = buffer.run(0..<text.utf8.count)
                    let words = CellCaster.quickDecimal(raw), single = CellCaster.quickDecimalByBytes(raw)
                    #expect(words == single, "\(text) followed by \(after)")
                    // With nothing readable after the cell, the word reads see zeros there.
                    let unpadded = ByteRun.with(Array(text.utf8)) { CellCaster.quickDecimal($0) }
                    #expect(unpadded == single, "\(text) with no padding")
                    // The range reader accepts the same cells (but those with 8 or more
                    // integer digits, which it leaves to quickDecimal), around their value.
                    let range = CellCaster.decimalRange(raw)
                    if let range, let value = single?.exact ?? single?.approximate {
                        #expect(range.low <= value && value <= range.high, "\(text): \(range)")
                    }
                    if single != nil && range == nil {
                        let integerDigits = text.drop { $0 == "-" }.prefix { $0.isNumber }.count
                        #expect(integerDigits >= 8, "\(text) followed by \(after)")
                    }
                    if single == nil { #expect(range == nil, "\(text) followed by \(after)") }
                }
            }
        }
    }

    /// Month lengths against the calendar: every month of 1600-2400 (leap centuries too).
    @Test func daysInMonthMatchTheCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!  // `!`: UTC always exists
        for year in 1600...2400 {
            for month in 1...12 {
                let date = calendar.date(from: DateComponents(year: year, month: month, day: 1))!  // `!`: a valid day
                let expected = calendar.range(of: .day, in: .month, for: date)?.count
                #expect(TemporalText.daysInMonth(year, month) == expected, "\(year)-\(month)")
            }
        }
    }

    @Test func equalNumbersShareAFingerprintAndOrder() throws {
        let number = try Self.caster(#"{"type": "number"}"#)
        let a = try #require(number.cast(text: "1")), b = try #require(number.cast(text: "1.0")), c = try #require(number.cast(text: "1e0"))
        #expect(a == b && b == c)
        let empty = ByteRun.empty
        #expect(Fingerprint.of(a, bytes: empty) == Fingerprint.of(c, bytes: empty))
        let datetime = try Self.caster(#"{"type": "datetime"}"#)
        // The same instant written in two offsets is one value.
        #expect(datetime.cast(text: "2024-01-01T12:00:00+02:00") == datetime.cast(text: "2024-01-01T10:00:00Z"))
        let big = try Self.caster(#"{"type": "integer"}"#)
        let x = try #require(big.cast(text: "98765432109876543210")), y = try #require(big.cast(text: "98765432109876543211"))
        #expect(CellValue.compare(x, y) == -1)
    }
}
