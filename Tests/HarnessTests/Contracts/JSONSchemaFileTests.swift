import Foundation
import Testing
@testable import Harness

/// `harness validate` on JSON and JSON Lines files against a JSON Schema file.
@Suite struct JSONSchemaFileTests {
    static let schema = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "type": "object",
      "required": ["id"],
      "properties": {"id": {"type": "integer", "minimum": 1}, "tag": {"enum": ["a", "b"]}}
    }
    """

    /// Writes `files` into a new folder and returns its path.
    func folder(_ files: [String: String]) throws -> String {
        let folder = try TestSupport.temporaryFolder("jsonschema")
        for (name, text) in files { try TestSupport.write(text, to: folder + "/" + name) }
        return folder
    }

    @Test func jsonLinesRecordsAreRowsNumberedByLine() throws {
        let dir = try folder(["s.json": Self.schema,
                              "d.jsonl": "{\"id\": 1}\n\n{\"id\": 0, \"tag\": \"c\"}\r\n{\"tag\": \"a\"}\n{\"id\": 2}"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try ContractValidator.validate(data: dir + "/d.jsonl", contract: dir + "/s.json", options: ValidateOptions())
        #expect(report.rowsChecked == 4)
        #expect(report.counts == ["schema-error": 3])
        #expect(report.errors.map(\.row) == [3, 3, 4])
        #expect(report.errors.map(\.field) == ["/id", "/tag", ""])
        #expect(report.errors.map(\.cell) == ["0", "\"c\"", "{\"tag\":\"a\"}"])
        #expect(report.errors.allSatisfy { $0.type == .schemaError })
    }

    @Test func jsonLinesSplitAtEveryChunkBoundaryReadTheSame() throws {
        let text = "{\"a\": \"é😀\"}\n\n[1, 2]\r\n  \n\"last\""
        let dir = try folder(["d.jsonl": text])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var expected: [String] = []
        try JSONLineReader.forEachLine(in: dir + "/d.jsonl") { number, bytes in
            expected.append("\(number):" + String(decoding: bytes, as: UTF8.self))
        }
        #expect(expected == ["1:{\"a\": \"é😀\"}", "3:[1, 2]\r", "5:\"last\""])
        for chunk in 1...text.utf8.count {
            var lines: [String] = []
            try JSONLineReader.forEachLine(in: dir + "/d.jsonl", chunkSize: chunk) { number, bytes in
                lines.append("\(number):" + String(decoding: bytes, as: UTF8.self))
            }
            #expect(lines == expected, "chunk size \(chunk)")
        }
    }

    @Test func malformedRecordNamesItsLine() throws {
        let dir = try folder(["s.json": Self.schema, "d.jsonl": "{\"id\": 1}\n{\"id\": 2,}\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: HarnessError.self) {
            try ContractValidator.validate(data: dir + "/d.jsonl", contract: dir + "/s.json", options: ValidateOptions())
        }
        do {
            _ = try ContractValidator.validate(data: dir + "/d.jsonl", contract: dir + "/s.json", options: ValidateOptions())
        } catch {
            #expect(DiagnosticRenderer.render(error).hasPrefix(dir + "/d.jsonl:2:"))
        }
    }

    @Test func aTableSchemaForJSONDataIsRefusedNotPassed() throws {
        let dir = try folder(["table.json": #"{"fields": [{"name": "id", "type": "integer"}]}"#, "d.json": "[1]"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try ContractValidator.validate(data: dir + "/d.json", contract: dir + "/table.json", options: ValidateOptions())
            Issue.record("expected an error")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("looks like a Table Schema"))
        }
    }

    @Test func commandLineExitCodesFollowDiff() throws {
        let dir = try folder(["s.json": Self.schema, "good.json": "{\"id\": 12345678901234567890}",
                              "bad.json": "{\"id\": 0.5, \"tag\": \"z\"}", "typo.json": "{\"type\": \"object\", \"requird\": [\"id\"]}"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try TestSupport.runHarness(["validate", "good.json", "--contract", "s.json"], in: dir)
        #expect(good.status == 0, "\(good.stderr)")
        let bad = try TestSupport.runHarness(["validate", "bad.json", "--contract", "s.json", "--json", "r.json"], in: dir)
        #expect(bad.status == 1, "\(bad.stderr)")
        let json = try JSONParser.parse(fileAt: dir + "/r.json")
        #expect(json["valid"] == .bool(false))
        #expect(json["counts"]?["schema-error"] == .number("3"))
        #expect(json["errors"]?.arrayValue?.first?["message"] == .string("type: expected integer, got number"))
        let typo = try TestSupport.runHarness(["validate", "good.json", "--contract", "typo.json"], in: dir)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("typo.json:1:20: error: unknown JSON Schema keyword \"requird\""), "\(typo.stderr)")
        #expect(typo.stderr.contains("did you mean \"required\"?"))
    }
}
