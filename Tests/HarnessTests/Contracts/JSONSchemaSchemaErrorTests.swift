import Foundation
import Testing
@testable import Harness

/// A schema that cannot be checked as written is an error pointing at the schema file,
/// never a silent pass.
@Suite struct JSONSchemaSchemaErrorTests {
    /// Compiles `schema` from a file and returns the rendered error (or nil when it compiles).
    func error(for schema: String) throws -> String? {
        let folder = try TestSupport.temporaryFolder("jsonschema")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/schema.json"
        try TestSupport.write(schema, to: path)
        do {
            _ = try JSONSchema(JSONParser.parse(fileAt: path), path: path)
            return nil
        } catch {
            return DiagnosticRenderer.render(error).replacingOccurrences(of: folder + "/", with: "")
        }
    }

    @Test(arguments: [
        ("{\n  \"properties\": {\"a\": {\"maxLenght\": 3}}\n}", "schema.json:2:24: error: unknown JSON Schema keyword \"maxLenght\"\n  did you mean \"maxLength\"?"),
        ("{\"requried\": [\"id\"]}", "schema.json:1:2: error: unknown JSON Schema keyword \"requried\"\n  did you mean \"required\"?"),
        ("{\"additionalproperties\": false}", "did you mean \"additionalProperties\"?"),
        ("{\"minimun\": 0}", "did you mean \"minimum\"?"),
        ("{\"item\": {}}", "did you mean \"items\"?"),
    ])
    func misspeltKeywordSuggestsTheKnownOne(schema: String, expected: String) throws {
        let message = try #require(try error(for: schema))
        #expect(message.contains(expected), "\(message)")
    }

    /// The documented rule: near misses of a keyword are typos, other names annotations.
    @Test(arguments: [
        ("maxLenght", "maxLength"), ("Type", "type"), ("enums", "enum"), ("id", "$id"), ("patternProperty", "patternProperties"),
        ("units", nil), ("note", nil), ("x-maxLength", nil), ("ui:widget", nil), ("example", nil), ("category", nil), ("unique", nil),
    ] as [(String, String?)])
    func nearMissRule(name: String, suggestion: String?) {
        #expect(SchemaVocabulary.nearMiss(name) == suggestion)
    }

    @Test func unknownTypeSuggestsTheNearest() throws {
        let message = try #require(try error(for: "{\"type\": [\"null\", \"strng\"]}"))
        #expect(message.hasPrefix("schema.json:1:2: error: unknown JSON Schema type \"strng\"\n  did you mean \"string\"?"))
    }

    @Test func invalidRegexIsNamedWhereItIs() throws {
        let message = try #require(try error(for: "{\"patternProperties\": {\n  \"^ok$\": true,\n  \"([a-z]\": true}}"))
        #expect(message.hasPrefix("schema.json:3:3: error: \"patternProperties\": \"([a-z]\" is not a valid regular expression"))
    }

    @Test func remoteReferenceIsNotFetched() throws {
        let message = try #require(try error(for: "{\"properties\": {\"a\": {\"$ref\": \"https://example.com/address.json#/street\"}}}"))
        #expect(message.hasPrefix("schema.json:1:23: error: \"$ref\" \"https://example.com/address.json#/street\" refers to \"https://example.com/address.json\", which is not part of this schema"))
    }

    @Test func referenceToNothingIsAnError() throws {
        let message = try #require(try error(for: "{\"$ref\": \"#/$defs/missing\", \"$defs\": {}}"))
        #expect(message.contains("the JSON Pointer \"/$defs/missing\" leads to nothing"))
    }

    @Test(arguments: [
        ("{\"minLength\": -1}", "\"minLength\" must be a non-negative integer, found -1"),
        ("{\"minimum\": \"5\"}", "\"minimum\" must be a number, found \"5\""),
        ("{\"required\": \"id\"}", "\"required\" must be an array of property names"),
        ("{\"items\": [{\"type\": \"string\"}]}", "a schema must be an object or a boolean, found array"),
        ("{\"type\": \"string\", \"type\": \"number\"}", "keyword \"type\" appears twice in one schema"),
        ("{\"additionalItems\": false}", "\"additionalItems\" is not a draft 2020-12 keyword"),
        ("{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}", "is not draft 2020-12"),
        ("{\"multipleOf\": 0}", "\"multipleOf\" must be a number greater than 0"),
    ])
    func invalidKeywordValuesAreErrors(schema: String, expected: String) throws {
        let message = try #require(try error(for: schema))
        #expect(message.contains(expected), "\(message)")
    }

    @Test func draft7CompatibilityKeywordsStillCheck() throws {
        #expect(try error(for: "{\"definitions\": {\"a\": {\"type\": \"string\"}}, \"dependencies\": {\"a\": [\"b\"]}}") == nil)
        let schema = try JSONSchema(JSONParser.parse(Array(#"{"dependencies": {"a": ["b"], "c": {"required": ["d"]}}}"#.utf8), path: "t"), path: nil)
        #expect(try schema.isValid(JSONParser.parse(Array(#"{"a": 1, "c": 2}"#.utf8), path: "t")) == false)
        #expect(try schema.validate(JSONParser.parse(Array(#"{"a": 1, "c": 2}"#.utf8), path: "t"), maxFailures: 10).count == 2)
    }
}
