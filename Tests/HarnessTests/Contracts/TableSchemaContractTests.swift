import Foundation
import Testing
@testable import Harness

/// A contract that says something unknown, misspelled or unsupported is refused with one
/// message naming it (exit 2), never silently passed.
@Suite("Table Schema contract errors")
struct TableSchemaContractTests {
    struct Bad: CustomTestStringConvertible, Sendable {
        var contract: String
        /// Text the rendered diagnostic must contain (the name, the nearest valid name).
        var mentions: [String]
        var testDescription: String { mentions.joined(separator: " / ") }
    }

    static let bad: [Bad] = [
        Bad(contract: #"{"fields": [{"name": "a", "type": "integr"}]}"#, mentions: ["unknown field type \"integr\"", "did you mean \"integer\""]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "integer", "constraints": {"minimun": 1}}]}"#,
            mentions: ["unknown constraint \"minimun\"", "did you mean \"minimum\""]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "string", "constraints": {"pattern": "[a-"}}]}"#,
            mentions: ["invalid regular expression \"[a-\"", "field \"a\""]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "string", "fromat": "email"}]}"#, mentions: ["unknown field property \"fromat\"", "did you mean \"format\""]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "string", "format": "emial"}]}"#, mentions: ["\"emial\"", "did you mean \"email\""]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "string", "constraints": {"minimum": 1}}]}"#,
            mentions: ["\"minimum\" does not apply to string field \"a\""]),
        Bad(contract: #"{"fields": [{"name": "a"}], "primaryKey": ["b"]}"#, mentions: ["unknown field in primaryKey \"b\""]),
        Bad(contract: #"{"fields": [{"name": "a"}], "fieldsMatch": "subsett"}"#, mentions: ["did you mean \"subset\""]),
        Bad(contract: #"{"fields": [{"name": "a"}], "contract:rowcount": {"mustBe": 1}}"#, mentions: ["did you mean \"contract:rowCount\""]),
        Bad(contract: #"{"fields": [{"name": "a", "contract:quality": [{"metric": "nullValue", "mustBe": 0}]}]}"#,
            mentions: ["unknown quality metric \"nullValue\"", "did you mean \"nullValues\""]),
        Bad(contract: #"{"fields": [{"name": "a", "contract:quality": [{"metric": "nullValues", "mustBeLesThan": 1}]}]}"#,
            mentions: ["did you mean \"mustBeLessThan\""]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "date", "format": "%d/%q/%Y"}]}"#, mentions: ["%q"]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "integer", "trueValues": ["y"]}]}"#, mentions: ["\"trueValues\" does not apply to integer field \"a\""]),
        Bad(contract: #"{"schema": {"fields": [{"name": "a"}]}, "dialect": {"delimeter": ";"}}"#, mentions: ["did you mean \"delimiter\""]),
        Bad(contract: #"{"schema": {"fields": [{"name": "a"}]}, "encoding": "latin-1"}"#, mentions: ["encoding \"latin-1\" is not supported"]),
        Bad(contract: #"{"name": "x", "scheme": {"fields": []}}"#, mentions: ["did you mean \"schema\""]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "integer", "constraints": {"maximum": "ten"}}]}"#, mentions: ["\"maximum\" value \"ten\" is not a valid integer"]),
        Bad(contract: #"{"fields": [{"name": "a", "type": "object", "constraints": {"jsonSchema": {}}}]}"#, mentions: ["\"jsonSchema\" is not supported"]),
    ]

    @Test(arguments: bad)
    func refusedWithItsName(_ item: Bad) throws {
        let folder = try TestSupport.temporaryFolder("contract")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write("a\n1\n", to: folder + "/data.csv")
        try TestSupport.write(item.contract, to: folder + "/contract.json")
        do {
            _ = try ContractValidator.validate(data: folder + "/data.csv", contract: folder + "/contract.json", options: ValidateOptions())
            Issue.record("accepted a bad contract")
        } catch {
            let text = DiagnosticRenderer.render(error)
            for mention in item.mentions { #expect(text.contains(mention), "\(text)") }
            #expect(text.hasPrefix(folder + "/contract.json:"), "the message starts with the contract's location: \(text)")
        }
    }

    @Test func errorPointsAtTheLineOfTheBadKey() throws {
        let folder = try TestSupport.temporaryFolder("contract")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write("a\n1\n", to: folder + "/data.csv")
        try TestSupport.write("{\n  \"fields\": [\n    {\"name\": \"a\",\n     \"tpye\": \"integer\"}\n  ]\n}\n", to: folder + "/contract.json")
        #expect(throws: HarnessError.self) {
            try ContractValidator.validate(data: folder + "/data.csv", contract: folder + "/contract.json", options: ValidateOptions())
        }
        do {
            _ = try ContractValidator.validate(data: folder + "/data.csv", contract: folder + "/contract.json", options: ValidateOptions())
        } catch {
            #expect(DiagnosticRenderer.render(error).hasPrefix(folder + "/contract.json:4:6: error: unknown field property \"tpye\""))
        }
    }

    @Test func schemaAndDialectMayBeFilesBesideTheResource() throws {
        let folder = try TestSupport.temporaryFolder("contract")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write("a;b\n1;x\n2;y\n", to: folder + "/data.csv")
        try TestSupport.write(#"{"fields": [{"name": "a", "type": "integer"}, {"name": "b"}]}"#, to: folder + "/schema.json")
        try TestSupport.write(#"{"delimiter": ";"}"#, to: folder + "/dialect.json")
        try TestSupport.write(#"{"name": "t", "path": "data.csv", "schema": "schema.json", "dialect": "dialect.json"}"#, to: folder + "/resource.json")
        let report = try ContractValidator.validate(data: folder + "/data.csv", contract: folder + "/resource.json", options: ValidateOptions())
        #expect(report.valid && report.rowsChecked == 2)
    }
}
