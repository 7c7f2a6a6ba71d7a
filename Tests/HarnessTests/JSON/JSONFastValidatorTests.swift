import Foundation
import Testing
@testable import Harness

/// `JSONFastValidator` may leave a text to the scanner, but must never accept one the scanner
/// rejects; and it must decide the well-formed texts the fast paths see, or it saves nothing.
@Suite struct JSONFastValidatorTests {
    /// What may follow a text in the callers' buffers: bytes that would extend a number, a
    /// literal or a string if the validator read past the end as if it were text.
    static let paddings: [[UInt8]] = [
        Array(repeating: ASCII.zero + 7, count: JSONFastValidator.padding),
        Array(repeating: ASCII.quote, count: JSONFastValidator.padding),
        Array(repeating: ASCII.closeBracket, count: JSONFastValidator.padding),
        Array("e\"ue,:]}".utf8) + Array(repeating: 0, count: JSONFastValidator.padding - 8),
    ]

    static func accepts(_ text: [UInt8], padding: [UInt8] = paddings[0]) -> Bool {
        var padded = text + padding
        return padded.withUnsafeMutableBufferPointer { buffer in
            JSONFastValidator.acceptsDocument(UnsafeMutableBufferPointer(rebasing: buffer[0..<text.count]), padding: padding.count)
        }
    }

    static func records(_ lines: [UInt8], padding: [UInt8] = paddings[0]) -> Int? {
        var padded = lines + padding
        return padded.withUnsafeMutableBufferPointer { buffer in
            JSONFastValidator.records(inLines: UnsafeMutableBufferPointer(rebasing: buffer[0..<lines.count]), padding: padding.count, maximumLine: 1 << 20)
        }
    }

    static func scanAccepts(_ text: [UInt8]) -> Bool {
        JSONValidationTests.verdicts(text).scan == nil
    }

    /// Checks `text` and each of its prefixes under every padding: accepted only if the
    /// scanner accepts; returns whether the whole text was accepted.
    @discardableResult
    static func checkAgainstScanner(_ text: [UInt8], _ comment: @autoclosure () -> String) -> Bool {
        for padding in paddings {
            for end in stride(from: text.count, through: max(0, text.count - 24), by: -1) {
                let prefix = Array(text[0..<end])
                if accepts(prefix, padding: padding) {
                    #expect(scanAccepts(prefix), "accepted what the scanner rejects: prefix \(end) of \(comment())")
                }
            }
        }
        return accepts(text)
    }

    @Test func acceptsOnlyWhatTheScannerAcceptsOnTheSamples() {
        var accepted = 0
        for sample in JSONValidationTests.samples {
            let bytes = Array(sample.utf8)
            for end in 0...bytes.count {
                let prefix = Array(bytes[0..<end])
                for padding in Self.paddings where Self.accepts(prefix, padding: padding) {
                    accepted += 1
                    #expect(Self.scanAccepts(prefix), "prefix \(end) of \(sample)")
                }
            }
            // Every well-formed sample is decided here, not left to the scanner.
            if Self.scanAccepts(bytes) { #expect(Self.accepts(bytes), "left to the scanner: \(sample)") }
        }
        #expect(accepted > 0)
    }

    @Test func edgesOfTheGrammar() {
        let cases: [(String, Bool)] = [
            ("0", true), ("-0", true), ("01", false), ("-", false), ("1.", false), ("1.5", true), ("1e", false),
            ("1e+", false), ("1E-7", true), ("-01", false), ("12345678901234567890", true), ("1.2345678901234567e-300", true),
            ("true", true), ("tru", false), ("false", true), ("fals", false), ("falsy", false), ("null", true), ("nul", false),
            ("\"\\ud83d\\ude00\"", true), ("\"\\ud83d\"", false), ("\"\\ude00\"", false), ("\"\\ud83d\\u0041\"", false),
            ("\"\\u00e9\"", true), ("\"\\u00G9\"", false), ("\"\\x\"", false), ("\"tab\there\"", false),
            ("\"0123456789abcdef\"", true), ("\"0123456\\\"89abcdef\"", true), ("{\"a\"  :  [ ] , \"b\":{}}", true),
            ("{\"a\":1,}", false), ("[1,]", false), ("[,1]", false), ("{,}", false), ("{\"a\"}", false), ("[1]]", false),
            ("\u{FEFF}{}", true), ("{} \r\n\t", true), ("", false), ("  ", false), ("\"é\"", true),
        ]
        for (text, expected) in cases {
            let bytes = Array(text.utf8)
            #expect(Self.scanAccepts(bytes) == expected, "the scanner on \(text)")
            #expect(Self.accepts(bytes) == expected, "\(text)")
        }
        // Invalid UTF-8 inside a string (an overlong form, a surrogate, a cut sequence).
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF]] {
            #expect(!Self.accepts(Array("[\"abcdefgh".utf8) + bad + Array("\"]".utf8)))
        }
        // The scanner's nesting limit, with and without content at the deepest level.
        let limit = JSONParser.maximumDepth
        for (depth, inner) in [(limit, ""), (limit, "1"), (limit + 1, ""), (limit + 1, "1")] {
            let text = Array((String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)).utf8)
            #expect(Self.accepts(text) == Self.scanAccepts(text), "depth \(depth) holding '\(inner)'")
            #expect(Self.accepts(text) == (depth <= limit))
        }
    }

    /// Every one-byte replacement, deletion and repetition of a record like the benchmark's.
    @Test func everyOneByteMutationOfARecord() {
        let record = Array(#"{"id": 10, "user": "u_1", "score": -0.125e-3, "ok": [true, false, null], "tags": ["back\\slash", "\u00e9\ud83d\ude00"], "m": {"a": {}}}"#.utf8)
        #expect(Self.accepts(record))
        let replacements = Array("{}[]\",:\\ \n0-1.eE+tfnu".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xFF]
        var rejected = 0
        for at in 0..<record.count {
            var variants: [[UInt8]] = replacements.map { var text = record; text[at] = $0; return text }
            variants.append({ var text = record; text.remove(at: at); return text }())
            variants.append({ var text = record; text.insert(record[at], at: at); return text }())
            for text in variants {
                let accepted = Self.accepts(text)
                if !accepted { rejected += 1 }
                if accepted { #expect(Self.scanAccepts(text), "\(String(decoding: text, as: UTF8.self))") }
                // The scanner's well-formed variants are decided here too.
                if Self.scanAccepts(text) { #expect(accepted, "left to the scanner: \(String(decoding: text, as: UTF8.self))") }
            }
        }
        #expect(rejected > 1000)
    }

    @Test(.needsCorpus("json-schema-test-suite")) func decidesTheCorpusFilesAndTheirMutations() throws {
        let folder = PublicCorpora.folder + "/json-schema-test-suite"
        let files = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty)
        var random = SystemRandomNumberGenerator()
        let replacements = Array("{}[]\",:\\ \n0-1.eE+tfnu".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xFF]
        for file in files.prefix(60) {
            let text = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))
            #expect(Self.checkAgainstScanner(text, file) == Self.scanAccepts(text), "\(file)")
            for _ in 0..<40 where !text.isEmpty {
                let (at, mutated) = JSONValidationTests.mutation(of: text, replacements: replacements, using: &random)
                if Self.accepts(mutated) { #expect(Self.scanAccepts(mutated), "mutation at \(at) of \(file)") }
            }
        }
    }

    /// Byte-equal documents read in windows of 1 to 16 bytes, cut in two halves from 4
    /// windows up: the verdict is the scanner's, wherever the windows and the cut fall (inside
    /// a string, a number, an escape; in an object or an array; at any depth).
    @Test func byteEqualDocumentsInWindowsAndHalves() throws {
        let folder = try TestSupport.temporaryFolder("json-fast")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (a, b) = (folder + "/a.json", folder + "/b.json")
        var texts = JSONValidationTests.samples.map { Array($0.utf8) }
        texts += [
            #"{"runs": [{"id": 1, "s": "a,b"}, {"id": 2, "s": "c, \"d\": 1"}], "n": [1, [2, [3, {"k": [4, 5]}]]]}"#,
            #"[{"a": {"b": [1, 2, 3]}}, {"a": {"b": []}}, "x,y", {"c,": ",d"}, [[[], {}], -1.5e3]]"#,
            #"{"a": 1, "b": {"c": [1, 2], "d": {"e": "f,g"}}, "h": [true, false, null]}  "#,
            // Wrong only after the middle, or only in how the halves fit together.
            #"[{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}, {"a": 5}, {"a": 6}} "#,
            #"{"a": [1, 2, 3, 4, 5, 6, 7, 8], "b": [1, 2, 3, 4, 5, 6, 7, 8]]"#,
            #"[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, "a": 1]"#,
            #"{"a": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]}]"#,
            #"[[[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]]], 0]"#,
        ].map { Array($0.utf8) }
        let nested = String(repeating: "[", count: JSONParser.maximumDepth - 1) + "1, 2, 3, 4, 5, [6], 7, 8, 9, 10" + String(repeating: "]", count: JSONParser.maximumDepth - 1)
        texts.append(Array(nested.utf8))
        texts.append(Array(nested.replacingOccurrences(of: "[6]", with: "[[6]]").utf8))
        var decided = 0
        for text in texts where !text.isEmpty {
            try Data(text).write(to: URL(fileURLWithPath: a))
            try Data(text).write(to: URL(fileURLWithPath: b))
            let expected = Self.scanAccepts(text)
            for chunkSize in [1, 2, 3, 5, 8, 13, 16] {
                let checked = try ByteEqualDocument.check(expected: a, actual: b, chunkSize: chunkSize)
                #expect(checked == expected, "chunks of \(chunkSize): \(String(decoding: text.prefix(80), as: UTF8.self))")
                if checked { decided += 1 }
            }
        }
        #expect(decided > 100)
        // The cut after every comma of documents whose second half closes into containers it
        // then opens again (the records of what it closed must survive that).
        let records = [
            #"{"runs": [{"id": 1, "tags": ["a", "b"], "w": {"x": 1, "y": [2, 3]}}, {"id": 2, "tags": ["c"], "w": {"x": [], "y": {}}}], "n": 2}"#,
            #"[[1, [2, {"a": [3, 4]}], 5], {"b": [6, {"c": 7}]}, [8], {"d": {"e": [9, 10]}}]"#,
            // Wrong only in how the halves fit: a bracket of the wrong kind far from the cut.
            #"{"runs": [{"id": 1, "tags": ["a", "b"], "w": {"x": 1, "y": [2, 3]}}, {"id": 2, "tags": ["c"], "w": {"x": [], "y": {}}}} "#,
            #"[{"runs": [{"id": 1, "tags": ["a", "b"], "w": {"x": 1, "y": [2, 3]}}, {"id": 2, "tags": ["c"], "w": {"x": [], "y": {}}}]]]"#,
            #"{"a": [1, 2, {"b": [3, "x,y", 4]}, 5], "c": {"d": 6, "e": [7, {"f": 8}]}]"#,
            // Closed early: the second half closes the outermost container, then goes on
            // after a comma (the halves' open and closed containers still match).
            #"{"a": 1, "b": [2, 3]}, {"c": 4}"#,
            #"[{"a": 1, "b": [2, 3]}], [{"c": [4, 5]}]"#,
        ].map { Array($0.utf8) }
        var cutsDecided = 0
        for text in records {
            try Data(text).write(to: URL(fileURLWithPath: a))
            try Data(text).write(to: URL(fileURLWithPath: b))
            let expected = Self.scanAccepts(text)
            for cut in 1..<text.count {
                for chunkSize in [4, 7] {
                    let checked = try ByteEqualDocument.check(expected: a, actual: b, chunkSize: chunkSize, cut: cut)
                    #expect(checked == expected, "cut from \(cut), chunks of \(chunkSize): \(String(decoding: text, as: UTF8.self))")
                    if checked { cutsDecided += 1 }
                }
            }
        }
        #expect(cutsDecided > 400)
        // A difference anywhere is found by whichever half holds it.
        let text = Array(texts[JSONValidationTests.samples.count]) 
        try Data(text).write(to: URL(fileURLWithPath: a))
        for at in [0, text.count / 2, text.count - 2] {
            var changed = text
            changed[at] = changed[at] == ASCII.space ? ASCII.tab : ASCII.space
            try Data(changed).write(to: URL(fileURLWithPath: b))
            #expect(try !ByteEqualDocument.check(expected: a, actual: b, chunkSize: 4), "changed at \(at)")
        }
    }

    @Test func countsJSONLinesRecords() {
        #expect(Self.records(Array("{\"a\":1}\n\n  \r\n[2]\r\n\"x\"".utf8)) == 3)
        #expect(Self.records(Array("1\n2\n".utf8)) == 2)
        #expect(Self.records([]) == 0)
        // A value across two lines is two malformed lines, as the scanner reads them.
        #expect(Self.records(Array("{\"a\":\n1}\n".utf8)) == nil)
        #expect(Self.records(Array("[1] [2]\n".utf8)) == nil)
        #expect(Self.records(Array("[1,\n".utf8)) == nil)
        // Left to the scanner: a byte-order mark, a line longer than the limit.
        #expect(Self.records(Array("\u{FEFF}[1]\n".utf8)) == nil)
        let long = Array(("[" + String(repeating: "1,", count: 10) + "1]\n").utf8)
        var padded = long + Self.paddings[0]
        let counted = padded.withUnsafeMutableBufferPointer {
            JSONFastValidator.records(inLines: UnsafeMutableBufferPointer(rebasing: $0[0..<long.count]), padding: JSONFastValidator.padding, maximumLine: 8)
        }
        #expect(counted == nil)
    }
}
