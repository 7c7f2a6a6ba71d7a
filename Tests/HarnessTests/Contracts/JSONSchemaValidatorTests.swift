import Foundation
import Testing
@testable import Harness

/// What a user sees when data breaks a JSON Schema: which values, where, and why.
@Suite struct JSONSchemaValidatorTests {
    func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8), path: "t.json")
    }

    func failures(_ schema: String, _ data: String, max: Int = 100) throws -> (count: Int, failures: [SchemaFailure]) {
        try JSONSchema(parse(schema), path: nil).validate(parse(data), maxFailures: max)
    }

    @Test func bigIntegersCompareExactly() throws {
        let schema = #"{"minimum": 9007199254740993, "maximum": 123456789012345678901234567890}"#
        #expect(try failures(schema, "9007199254740993").count == 0)
        // Both sides of the boundary round to the same Double; only exact comparison sees it.
        let below = try failures(schema, "9007199254740992")
        #expect(below.count == 1)
        #expect(below.failures.first?.message == "minimum: 9007199254740992 is less than the minimum 9007199254740993")
        #expect(try failures(schema, "123456789012345678901234567891").count == 1)
        #expect(try failures(schema, "1.23456789012345678901234567890e29").count == 0)
    }

    @Test(arguments: [
        ("19.99", 0), ("1.005", 1), ("100", 0), ("0.1", 0), ("1e-3", 1), ("12345678901234567890.01", 0),
    ])
    func multipleOfIsExactOnDecimals(value: String, expected: Int) throws {
        #expect(try failures(#"{"multipleOf": 0.01}"#, value).count == expected)
    }

    @Test func equalNumbersAreEqualWhateverTheirSpelling() throws {
        #expect(try failures(#"{"enum": [1, "a"]}"#, "1.0").count == 0)
        #expect(try failures(#"{"const": {"a": [10, null]}}"#, #"{"a": [1e1, null]}"#).count == 0)
        #expect(try failures(#"{"const": 1}"#, "true").count == 1)
        let duplicates = try failures(#"{"uniqueItems": true}"#, #"[{"x": 1, "y": 2}, 3, {"y": 2.0, "x": 1}]"#)
        #expect(duplicates.failures.map(\.message) == [#"uniqueItems: items 0 and 2 are equal ({"y":2.0,"x":1})"#])
    }

    @Test func integerTypeAcceptsWholeDecimals() throws {
        #expect(try failures(#"{"type": "integer"}"#, "3.0").count == 0)
        #expect(try failures(#"{"type": "integer"}"#, "1e400").count == 0)
        #expect(try failures(#"{"type": "integer"}"#, "3.5").failures.first?.message == "type: expected integer, got number")
    }

    @Test func everyFailingAssertionIsCountedWithItsPointer() throws {
        let schema = #"""
        {"type": "object", "required": ["id", "name"],
         "properties": {"items": {"type": "array", "items": {
            "type": "object", "additionalProperties": false,
            "properties": {"price": {"type": "number", "exclusiveMinimum": 0}, "sku": {"pattern": "^[A-Z]+$"}}}}}}
        """#
        let data = #"{"items": [{"price": 0, "sku": "ab"}, {"price": 2, "a/b~c": 1}]}"#
        let result = try failures(schema, data)
        #expect(result.count == 5)
        #expect(result.failures.map(\.pointer) == ["", "", "/items/0/price", "/items/0/sku", "/items/1/a~1b~0c"])
        #expect(result.failures.map(\.message) == [
            #"required: missing property "id""#,
            #"required: missing property "name""#,
            "exclusiveMinimum: 0 is not greater than 0",
            #"pattern: "ab" does not match "^[A-Z]+$""#,
            #"additionalProperties: property "a/b~c" is not allowed (not listed in "properties")"#,
        ])
    }

    @Test func samplesAreCappedButCountsStayComplete() throws {
        let data = "[" + (0..<50).map { _ in "\"x\"" }.joined(separator: ",") + "]"
        let result = try failures(#"{"items": {"type": "integer"}}"#, data, max: 3)
        #expect(result.count == 50)
        #expect(result.failures.map(\.pointer) == ["/0", "/1", "/2"])
    }

    @Test func failingAlternativesAreOneViolationThatSaysWhy() throws {
        let result = try failures(#"{"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]}"#, #""long""#)
        #expect(result.count == 1)
        #expect(result.failures.first?.message ==
            "anyOf: the value matches none of the 2 alternatives (#0: maxLength: the string has 4 characters, more than 3; #1: type: expected null, got string)")
        let twice = try failures(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "5")
        #expect(twice.failures.first?.message == "oneOf: the value matches 2 alternatives (#0, #1), exactly one is allowed")
    }

    @Test func aWrongValueIsNotAlsoReportedAsUnevaluated() throws {
        let schema = #"{"allOf": [{"properties": {"a": {"type": "string"}}}], "unevaluatedProperties": false}"#
        let result = try failures(schema, #"{"a": 5, "b": 1}"#)
        #expect(result.failures.map(\.message) == [
            "type: expected string, got integer",
            #"unevaluatedProperties: property "b" is not allowed (no other keyword accepts it)"#,
        ])
    }

    @Test func lengthsCountCodePoints() throws {
        // "é" precomposed and "😀" are one code point each, though more UTF-8 bytes.
        #expect(try failures(#"{"maxLength": 2}"#, #""é😀""#).count == 0)
        #expect(try failures(#"{"minLength": 3}"#, #""é😀""#).failures.first?.message == "minLength: the string has 2 characters, fewer than 3")
    }

    @Test func patternsFollowECMA262() throws {
        // ECMA-262's `$` does not match before a final newline, and `\d` is ASCII only.
        #expect(try failures(#"{"pattern": "^abc$"}"#, #""abc\n""#).count == 1)
        #expect(try failures(#"{"pattern": "^\\d+$"}"#, #""١٢٣""#).count == 1)
        #expect(try failures(#"{"pattern": "b"}"#, #""abc""#).count == 0)
    }

    @Test func unknownAnnotationsAreIgnored() throws {
        let schema = #"{"x-owner": "data team", "title": "t", "examples": [1], "example": 1, "nullable": true, "units": "m", "note": "n", "type": "integer"}"#
        #expect(try failures(schema, "1").count == 0)
        #expect(try failures(schema, "\"a\"").count == 1)
    }

    @Test func formatIsAnAnnotation() throws {
        #expect(try failures(#"{"format": "email"}"#, #""not an email""#).count == 0)
    }

    @Test func deepDataAgainstARecursiveSchemaPasses() throws {
        let depth = 500
        let data = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try failures(##"{"$defs": {"n": {"type": "array", "items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"}"##, data).count == 0)
    }

    @Test func aSchemaThatRecursesForeverIsAnErrorNotACrash() throws {
        let schema = try JSONSchema(parse(##"{"$ref": "#"}"##), path: nil)
        #expect(throws: HarnessError.self) { try schema.isValid(.null) }
        do {
            _ = try schema.isValid(.null)
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("a \"$ref\" cycle that never descends into the data"))
        }
    }
}
