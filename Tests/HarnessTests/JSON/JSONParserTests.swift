import Testing
@testable import Harness

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8), path: "t.json")
    }

    @Test func keepsNumberTextAndMemberOrder() throws {
        let value = try parse(#"{"b": 12345678901234567890123, "a": [1.50, -0, 1e3], "c": "\u00e9\ud83d\ude00"}"#)
        #expect(value.objectMembers?.map(\.key) == ["b", "a", "c"])
        #expect(value["b"] == .number("12345678901234567890123"))
        #expect(value["a"] == .array([.number("1.50"), .number("-0"), .number("1e3")]))
        #expect(value["c"] == .string("é😀"))
    }

    @Test(arguments: [
        (#"{"a": 1"#, "t.json:1:8: error: unexpected end of input inside an object, expected ',' or '}'"),
        ("[1, 2] x", "t.json:1:8: error: unexpected 'x' after the JSON value"),
        ("{\n  \"a\": 01}", "t.json:2:9: error: invalid number: leading zeros are not allowed"),
        (#"["\q"]"#, "t.json:1:4: error: invalid escape \"\\q\""),
        ("[tru]", "t.json:1:2: error: invalid literal, expected true"),
    ])
    func malformedInputNamesLineAndColumn(text: String, message: String) {
        #expect(throws: HarnessError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(DiagnosticRenderer.render(error).hasPrefix(message))
        }
    }

    @Test func invalidUTF8IsAnError() {
        let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect(throws: HarnessError.self) { try JSONParser.parse(bytes, path: "t.json") }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("nesting deeper than"))
        }
    }

    @Test func roundTripsThroughCompactText() throws {
        let text = #"{"a":[1,2.5e-3,"x\"y\n"],"b":null,"c":{"d":true}}"#
        #expect(try parse(text).compactText == text)
    }

    /// The number grammar the scanner and the lockstep walk share: a whole run is one number
    /// or it is not, and the scanner's messages name where it breaks.
    @Test func numberGrammarTakesWholeNumbersOnly() throws {
        for text in ["0", "-0", "1.5", "1e5", "1E+5", "-0.0e-0", "123456789012345678901234567890", "2.50E-300"] {
            #expect(ByteRun.with(text) { JSONNumberGrammar.isNumber($0) }, "\(text)")
        }
        for text in ["", "-", "01", "-01", "1.", ".5", "1e", "1e+", "1.5.3", "1e5e5", "+1", "1-", "--1", "1.5-3", "0x1", "1 "] {
            #expect(!ByteRun.with(text) { JSONNumberGrammar.isNumber($0) }, "\(text)")
        }
        #expect(throws: HarnessError.self) { try parse("[1.]") }
        do {
            _ = try parse("[1.5e+]")
            Issue.record("expected an error")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("t.json:1:7: error: invalid number: expected a digit in the exponent"))
        }
    }
}
