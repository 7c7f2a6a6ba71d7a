import Foundation
import Testing
@testable import Harness

@Suite struct JSONLineReaderTests {
    struct Line: Equatable {
        var text: String
        var number: Int
        var offset: Int
    }

    func lines(_ content: [UInt8], chunkSize: Int) throws -> [Line] {
        let folder = try TestSupport.temporaryFolder("lines")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.write(content, to: folder + "/f.jsonl")
        let reader = try JSONLineReader(path: folder + "/f.jsonl", chunkSize: chunkSize)
        var found: [Line] = []
        while let line = try reader.nextLine() {
            found.append(Line(text: String(decoding: line.bytes, as: UTF8.self), number: line.number, offset: line.offset))
        }
        return found
    }

    static let sample: [UInt8] = Array("{\"a\":1}\n\n  \t\r\n{\"b\":\"a long line that spans several small chunks\"}\r\n[]\n\n".utf8)

    /// Fed whole, in one-byte chunks and at every chunk size in between: the same lines.
    @Test func everyChunkSizeGivesTheSameLines() throws {
        let expected = [
            Line(text: "{\"a\":1}", number: 1, offset: 0),
            Line(text: "{\"b\":\"a long line that spans several small chunks\"}\r", number: 4, offset: 14),
            Line(text: "[]", number: 5, offset: 67),
        ]
        for chunkSize in 1...(Self.sample.count + 1) {
            #expect(try lines(Self.sample, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
        let got = try lines(Self.sample, chunkSize: JSONLineReader.defaultChunkSize)
        #expect(got == expected, "\(got)")
    }

    @Test func lastLineNeedsNoNewlineAndEmptyFilesHaveNoLines() throws {
        for chunkSize in [1, 2, 3, 64] {
            #expect(try lines(Array("1\n2".utf8), chunkSize: chunkSize).map(\.text) == ["1", "2"])
            #expect(try lines([], chunkSize: chunkSize).isEmpty)
            #expect(try lines(Array("\n \n".utf8), chunkSize: chunkSize).isEmpty)
        }
    }

    @Test func missingFileAndFolderAreIOErrors() throws {
        #expect(throws: HarnessError.self) { try JSONLineReader(path: "/nonexistent/x.jsonl") }
        do {
            _ = try JSONLineReader(path: NSTemporaryDirectory())
            Issue.record("expected an error for a folder")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("is a folder"))
        }
    }
}
