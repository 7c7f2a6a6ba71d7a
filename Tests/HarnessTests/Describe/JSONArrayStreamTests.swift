import Testing
@testable import Harness

@Suite("describe streams a top-level JSON array")
struct JSONArrayStreamTests {
    static let documents = [
        #"[{"id": 1, "name": "a, [b]", "tags": ["x", "y"]}, {"id": 2, "name": "q\"}, ]", "tags": []}, {"id": 3.5, "extra": null}]"#,
        "  [ 1 , 2,3 ,\n 4 ]  \n",
        "[]",
        #"[[1, [2, {"a": "]"}]], "s\\", {"b": true}]"#,
        #"{"not": "an array"}"#,
        "[1, 2] trailing",
        "[1,,2]",
        "[1, 2,]",
    ]

    /// Streamed or whole, the drafted schema is the same (or the same error), whatever the
    /// chunk size cuts through.
    @Test(arguments: documents)
    func streamedShapeEqualsWholeShape(text: String) throws {
        let folder = try TestSupport.temporaryFolder("json-stream")
        let path = folder + "/data.json"
        try AtomicFile.write(text, to: path)
        var whole = JSONShape()
        let parsed = try? JSONParser.parse(fileAt: path)
        if let parsed { whole.merge(parsed, enumLimit: 20) }
        for chunk in [1, 3, 7, 1 << 20] {
            let streamed = try? JSONDescriber.documentShape(path: path, enumLimit: 20, chunkSize: chunk)
            #expect((streamed == nil) == (parsed == nil), "chunk \(chunk)")
            if let streamed {
                #expect(streamed.schema(options: DescribeOptions()) == whole.schema(options: DescribeOptions()), "chunk \(chunk)")
            }
        }
    }

    @Test("an array's elements are handed out one by one; other documents are refused")
    func elementsOneByOne() throws {
        let folder = try TestSupport.temporaryFolder("json-stream")
        try AtomicFile.write(#"[{"a": "x,]"}, [1, 2], "s"]"#, to: folder + "/a.json")
        var seen: [String] = []
        let outcome = try JSONArrayStream.forEachElement(path: folder + "/a.json", chunkSize: 4) { seen.append($0.compactText) }
        #expect(outcome == .done)
        #expect(seen == [#"{"a":"x,]"}"#, "[1,2]", #""s""#])
        try AtomicFile.write(#"{"a": 1}"#, to: folder + "/o.json")
        #expect(try JSONArrayStream.forEachElement(path: folder + "/o.json") { _ in } == .notAnArray)
    }
}
