import Foundation
import Testing
@testable import Harness

/// `JSONTape.validate` (the scanner writing no tokens) must accept exactly what a tape scan
/// accepts and reject the rest with the same message: byte-equal files are only validated.
@Suite struct JSONValidationTests {
    /// The rendered error of a tape scan and of a validation of `bytes` (nil: accepted).
    static func verdicts(_ bytes: [UInt8]) -> (scan: String?, validate: String?) {
        bytes.withUnsafeBufferPointer { buffer in
            var tape = JSONTape()
            var scan: String?
            var validate: String?
            do { try tape.scan(buffer, path: "t.json", firstLine: 3) } catch { scan = DiagnosticRenderer.render(error) }
            do { try JSONTape.validate(buffer, path: "t.json", firstLine: 3) } catch { validate = DiagnosticRenderer.render(error) }
            return (scan, validate)
        }
    }

    static let samples: [String] = [
        #"{"a": [1, -0.5e+3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"], "b": {}}"#,
        "[]", " 1 ", "\u{FEFF}[1]", "\"é😀\"", "[[[[]]]]", #"{"":0}"#, "-0", "1E5", "0.0e-0",
        "", " ", "[1,]", "{\"a\":1,}", "01", "1.", "1e", "-", "+1", ".5", "[1 2]", "{\"a\" 1}", "{1:2}",
        "[tru]", "nul", "NaN", "Infinity", "\"\\q\"", "\"\\u12G4\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
        "\"a\nb\"", "\"unterminated", "[1] x", "{\"a\":[}", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ]

    @Test func agreesWithTheTapeScanOnSamplesAndTheirPrefixes() {
        for sample in Self.samples {
            let bytes = Array(sample.utf8)
            for end in 0...bytes.count {
                let (scan, validate) = Self.verdicts(Array(bytes[0..<end]))
                #expect(scan == validate, "prefix \(end) of \(sample)")
            }
        }
        // Both kinds of verdict are exercised (a comparison of two no-ops would pass too).
        #expect(Self.verdicts(Array("[1]".utf8)).validate == nil)
        #expect(Self.verdicts(Array("[1,]".utf8)).validate?.hasPrefix("t.json:3:4: error: unexpected ']'") == true)
    }

    @Test func agreesOnInvalidUTF8() {
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let bytes = Array("[\"ab".utf8) + bad + Array("cdefghij\"]".utf8)
            let (scan, validate) = Self.verdicts(bytes)
            #expect(scan != nil)
            #expect(scan == validate)
        }
    }

    /// `text` (not empty) with one byte, chosen at random, replaced by one of `replacements`,
    /// removed or repeated; and where.
    static func mutation(of text: [UInt8], replacements: [UInt8], using random: inout SystemRandomNumberGenerator) -> (at: Int, text: [UInt8]) {
        var mutated = text
        let at = Int.random(in: 0..<mutated.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: mutated[at] = replacements.randomElement(using: &random) ?? 0
        case 1: mutated.remove(at: at)
        default: mutated.insert(mutated[at], at: at)
        }
        return (at, mutated)
    }

    /// Random mutations (a byte replaced, removed or repeated) of the JSON-Schema-Test-Suite's
    /// files and of the samples: every verdict the same.
    @Test(.needsCorpus("json-schema-test-suite")) func agreesOnMutatedCorpusFiles() throws {
        let folder = PublicCorpora.folder + "/json-schema-test-suite"
        let files = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty)
        var texts = Self.samples.map { Array($0.utf8) }
        for file in files.prefix(60) {
            texts.append(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))))
        }
        var random = SystemRandomNumberGenerator()
        let replacements = Array("{}[]\",:\\ \n0-1.eE+tfnu\u{7F}".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]
        var rejected = 0
        for text in texts where !text.isEmpty {
            #expect(Self.verdicts(text).scan == Self.verdicts(text).validate)
            for _ in 0..<40 {
                let (at, mutated) = Self.mutation(of: text, replacements: replacements, using: &random)
                let (scan, validate) = Self.verdicts(mutated)
                if scan != nil { rejected += 1 }
                #expect(scan == validate, "mutation at \(at) of \(String(decoding: text.prefix(60), as: UTF8.self))")
            }
        }
        #expect(rejected > 0)
    }
}
