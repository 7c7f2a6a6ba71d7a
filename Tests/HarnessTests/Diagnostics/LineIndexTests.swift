import Foundation
import Testing
@testable import Harness

/// Line and column of many problems in one file, found without rescanning it per problem.
@Suite struct LineIndexTests {
    @Test func agreesWithAScanFromTheStartAtEveryOffset() {
        let bytes = Array("{\n  \"é\": 1,\r\n\n  \"b\": [1,\n 2]}\n".utf8)
        let index = LineIndex(bytes)
        for offset in 0...bytes.count {
            #expect(index.location(of: offset, in: bytes, path: "f") == SourceLocation.of(offset: offset, in: bytes, path: "f"),
                    "offset \(offset)")
        }
    }

    @Test func everyOneOfThousandsOfBadCasesIsReportedAtItsOwnLine() throws {
        // 3,000 cases, each on its own line with a misspelt key: 6,000 problems, which took
        // seconds per thousand when each location was found by scanning from the start.
        var text = "{\"cases\": {\n"
        for number in 0..<3_000 { text += "\"c\(number)\": {\"notebok\": \"x.ipynb\"},\n" }
        text += "\"last\": {\"notebook\": \"x.ipynb\"}}}\n"
        let folder = try TestSupport.temporaryFolder("config-many")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(text, to: folder + "/harness.json")
        try TestSupport.write("{\"cells\": [], \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}", to: folder + "/x.ipynb")
        var problems: [HarnessError] = []
        do { _ = try ConfigLoader.load(path: folder + "/harness.json") } catch let error as HarnessError { problems = error.problems }
        let unknown = problems.compactMap { problem -> Int? in
            if case .unknownName(let location, _, "notebok", _, _) = problem { return location?.line }
            return nil
        }
        #expect(unknown == Array(2...3_001))
    }
}
