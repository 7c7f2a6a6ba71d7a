import Foundation
import Testing
@testable import Harness

/// The shortcuts of keyed JSON Lines matching must agree with the slow way: a quick key read
/// with a scan and `read`, a lockstep "equal" with the structural differ.
@Suite struct JSONLockstepTests {
    /// Differences the structural differ counts between two JSON texts.
    func differences(_ expected: String, _ actual: String, rtol: Double, atol: Double = 0) throws -> Int {
        var differ = JSONStructuralDiffer(collector: JSONDiffCollector(report: DiffReport(format: .jsonl, expectedPath: "e", actualPath: "a"),
                                                                      maxDiffs: 0),
                                          ignore: [], rtol: rtol, atol: atol)
        var expectedTape = JSONTape()
        var actualTape = JSONTape()
        return try ByteRun.with(expected) { e in
            try ByteRun.with(actual) { a in
                try expectedTape.scan(e, path: "e")
                try actualTape.scan(a, path: "a")
                return JSONTape.views(expectedTape, over: e, actualTape, over: a) { differ.compare($0, $1) }
            }
        }
    }

    func lockstep(_ expected: String, _ actual: String, rtol: Double, atol: Double = 0) -> Bool {
        ByteRun.with(expected) { e in
            ByteRun.with(actual) { a in
                JSONLockstep.equal(e, a, tolerance: NumericTolerance(rtol: rtol, atol: atol))
            }
        }
    }

    func wellFormed(_ text: String) -> Bool {
        var tape = JSONTape()
        return ByteRun.with(text) { (try? tape.scan($0, path: "a")) != nil }
    }

    @Test func numbersWithinToleranceAreEqualAndAnythingElseIsLeftToTheDiffer() throws {
        let equal: [(String, String)] = [
            (#"{"id": 1, "x": 0.1, "y": [1.5, 2]}"#, #"{"id": 1, "x": 0.10000000001, "y": [1.5000000001, 2.0]}"#),
            (#"{"x": 1.55}"#, #"{"x": 1.5500000000001}"#),
            (#"{"x": 1.5500000000001}"#, #"{"x": 1.55}"#),
            ("12.000000001", "12"),
            (#"[1e3, -0, "a1"]"#, #"[1000, 0, "a1"]"#),
        ]
        for (e, a) in equal {
            #expect(lockstep(e, a, rtol: 1e-9), "\(e) | \(a)")
            #expect(try differences(e, a, rtol: 1e-9) == 0)
        }
        let unsure: [(String, String)] = [
            (#"{"x": 1.5}"#, #"{"x": 1.6}"#),                 // a real change
            (#"{"x": 1, "y": 2}"#, #"{"y": 2, "x": 1}"#),     // another member order
            (#"{"x": 1}"#, #"{"x":1}"#),                      // whitespace
            (#"{"x": "a1"}"#, #"{"x": "a2"}"#),               // digits in a string
            (#"{"x": "A"}"#, #"{"x": "\u0041"}"#),            // an escape
            (#"[1 ,2]"#, #"[1,2]"#),                          // parting after a number
            (#"{"x": 1}"#, #"{"x": true}"#),
            (#"{"x": 1}"#, #"{"x": 1, "y": 2}"#),
            (#"{"x": "a 12"}"#, #"{"x": "a 12.0000000001"}"#),  // a number-like part of a string
            (#"{"x": "q\" 12", "y": 1}"#, #"{"x": "q\" 12.0000000001", "y": 1}"#),  // after an escaped quote
            (#"{"x": "\\", "y": "7"}"#, #"{"x": "\\", "y": "7.0000000001"}"#),  // after an escaped backslash
        ]
        for (e, a) in unsure {
            #expect(!lockstep(e, a, rtol: 1e-9), "\(e) | \(a)")
        }
        // Actual written with a number JSON does not allow: not well-formed, never equal.
        let malformed: [(String, String)] = [
            (#"{"x": 1.5}"#, #"{"x": 1.5.0}"#), (#"{"x": 1.5}"#, #"{"x": 01.5}"#), (#"{"x": 1}"#, #"{"x": 1.}"#),
            (#"{"x": 1}"#, #"{"x": 1e}"#), (#"{"x": 1}"#, #"{"x": 1e+}"#), (#"{"x": -1}"#, #"{"x": --1}"#),
            (#"{"x": 10}"#, #"{"x": 1-0}"#), (#"[2]"#, #"[2e-0-]"#), ("7", "7.0e"), (#"{"x": 1}"#, #"{"x": +1}"#),
        ]
        for (e, a) in malformed {
            #expect(!wellFormed(a), "\(a)")
            #expect(!lockstep(e, a, rtol: 0.5), "\(e) | \(a)")
        }
    }

    /// Random records and random changes, well-formed or not: whenever the walk says equal,
    /// actual is well-formed and the differ counts no difference; and the walk says so for
    /// most records that differ only in digits.
    @Test func lockstepEqualMeansWellFormedAndNoDifference() throws {
        var random = SplitMix(seed: 19)
        var saidEqual = 0
        var cases = 0
        var malformed = 0
        for _ in 0..<6_000 {
            let expected = randomRecord(&random, depth: 0)
            let actual = mutate(expected, &random, keepWellFormed: random.next(2) == 0)
            let rtol = [0, 1e-9, 1e-3, 0.5][random.next(4)]
            cases += 1
            let valid = wellFormed(actual)
            if !valid { malformed += 1 }
            guard lockstep(expected, actual, rtol: rtol) else { continue }
            saidEqual += 1
            #expect(valid, "\(expected) | \(actual): equal to a malformed record")
            guard valid else { continue }
            #expect(try differences(expected, actual, rtol: rtol) == 0, "\(expected) | \(actual) | rtol \(rtol)")
        }
        #expect(saidEqual > cases / 5, "the walk settled \(saidEqual) of \(cases)")
        #expect(malformed > cases / 20, "only \(malformed) malformed records of \(cases)")
    }

    /// `quickRead` gives `read`'s key whenever it gives one, and never traps on junk.
    @Test func quickKeyReadsAgreeWithScannedReads() throws {
        var random = SplitMix(seed: 7)
        var quick = JSONRecordKey(fields: ["id"])
        var slow = JSONRecordKey(fields: ["id"])
        var agreed = 0
        let values = ["0", "-0", "12", "-12", "007", "1.5", "1e3", "10", "\"a\"", "\"a\\\"b\"", "\"é1\"", "\"\"", "true", "null",
                      "[1]", "{\"id\": 2}", "-", "1.", "\"open"]
        for _ in 0..<5_000 {
            var text = random.next(6) == 0 ? " " : ""
            text += "{" + (random.next(5) == 0 ? " " : "")
            let first = random.next(6) == 0 ? "\"name\"" : "\"id\""
            text += first + (random.next(4) == 0 ? " : " : ": ") + values[random.next(values.count)]
            for _ in 0..<random.next(3) {
                let name = ["\"id\"", "\"v\"", "\"w\""][random.next(3)]
                text += ", " + name + ": " + values[random.next(values.count)]
            }
            text += random.next(10) == 0 ? "" : "}"
            let gotQuick = ByteRun.with(text) { quick.quickRead($0) }
            var tape = JSONTape()
            let read: Bool = ByteRun.with(text) { bytes in
                guard (try? tape.scan(bytes, path: "r")) != nil else { return false }
                return tape.view(over: bytes) { (try? slow.read($0, path: "r", line: 1)) != nil }
            }
            if gotQuick && read {
                #expect(quick.canonical == slow.canonical, "\(text)")
                #expect(quick.hash == slow.hash)
                agreed += 1
            }
        }
        #expect(agreed > 500)
        var several = JSONRecordKey(fields: ["id", "v"])
        #expect(!ByteRun.with(#"{"id": 1, "v": 2}"#) { several.quickRead($0) })
    }

    /// The quick read's search for a repeated name, eight places at a time, against a plain
    /// search, at every start, on bytes made mostly of the needles' own bytes.
    @Test func nameSearchFindsWhatAPlainSearchFinds() {
        var random = SplitMix(seed: 23)
        let alphabet = Array("\"\"\"iidx ,:".utf8)
        var found = 0
        for _ in 0..<4_000 {
            let bytes = (0..<random.next(40)).map { _ in alphabet[random.next(alphabet.count)] }
            let needle = [Array("\"id\"".utf8), Array("\"\"".utf8), Array("\"i\"".utf8)][random.next(3)]
            let start = random.next(bytes.count + 1)
            let plain = start + needle.count <= bytes.count
                && (start...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
            let quick = ByteRun.with(bytes) { JSONRecordKey.contains($0, needle, from: start) }
            #expect(quick == plain, "\(String(decoding: bytes, as: UTF8.self)) from \(start)")
            if plain { found += 1 }
        }
        #expect(found > 400)
    }

    // MARK: random JSON

    func randomRecord(_ random: inout SplitMix, depth: Int) -> String {
        let members = (0..<(1 + random.next(5))).map { _ in
            "\"" + ["id", "a", "b1", "note", "x"][random.next(5)] + "\": " + randomValue(&random, depth: depth + 1)
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    func randomValue(_ random: inout SplitMix, depth: Int) -> String {
        switch random.next(depth > 2 ? 6 : 8) {
        case 0: return String(random.next(2_000) - 1_000)
        case 1: return ["0.1", "1.55", "-2.5e3", "3E-2", "0", "-0", "123456789012345678", "1.0"][random.next(8)]
        case 2: return "\"" + ["a1", "b", "x\\\"y", "12", "\\u0041", "é", "q\\\" 3", "\\\\", "a 1.5"][random.next(9)] + "\""
        case 3: return ["true", "false", "null"][random.next(3)]
        case 4, 5: return String(Double(random.next(1_000_000)) / 997)
        case 6: return "[" + (0..<random.next(4)).map { _ in randomValue(&random, depth: depth + 1) }.joined(separator: ", ") + "]"
        default: return randomRecord(&random, depth: depth)
        }
    }

    /// A copy of `text` with a few changes: digits nudged, appended or changed, a zero, plus
    /// or point added, a space dropped, a byte changed; with `keepWellFormed`, the text itself when they break it.
    func mutate(_ text: String, _ random: inout SplitMix, keepWellFormed: Bool) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<random.next(4) {
            let position = random.next(bytes.count)
            let byte = bytes[position]
            switch random.next(6) {
            case 4 where byte >= ASCII.zero && byte <= ASCII.nine:
                // The same value written as JSON does not allow: a leading zero or plus, a
                // bare point.
                switch random.next(3) {
                case 0: bytes.insert(ASCII.zero, at: position)
                case 1: bytes.insert(ASCII.plus, at: position)
                default: bytes.insert(ASCII.period, at: position + 1)
                }
            case 0 where byte >= ASCII.zero && byte <= ASCII.nine:
                bytes.insert(contentsOf: Array("00000001".utf8), at: position + 1)
            case 1 where byte >= ASCII.zero && byte <= ASCII.nine:
                bytes[position] = ASCII.zero + UInt8(random.next(10))
            case 2 where byte == ASCII.space:
                bytes.remove(at: position)
            case 3:
                let replacements = Array("0 1,{}\"e.-+E\\".utf8)
                bytes[position] = replacements[random.next(replacements.count)]
            default:
                break
            }
        }
        let mutated = String(decoding: bytes, as: UTF8.self)
        return !keepWellFormed || wellFormed(mutated) ? mutated : text
    }
}

/// A small seeded generator, so a failure can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
