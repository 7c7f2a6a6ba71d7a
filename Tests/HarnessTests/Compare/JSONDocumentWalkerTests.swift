import Foundation
import Testing
@testable import Harness

/// The streamed comparison of JSON documents reports exactly what the whole comparison does,
/// on random documents and random changes to them (seeded, so a failure reproduces).
@Suite struct JSONDocumentWalkerTests {
    /// SplitMix64: a small seeded generator.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    indirect enum Value {
        case null, bool(Bool), number(String), string(String), array([Value]), object([(String, Value)])

        func text(_ random: inout Random) -> String {
            let space = [" ", "", "\n  ", "\t"][random.below(4)]
            switch self {
            case .null: return "null"
            case .bool(let value): return value ? "true" : "false"
            case .number(let text): return text
            case .string(let text): return text
            case .array(let items): return "[" + items.map { space + $0.text(&random) }.joined(separator: ",") + "]"
            case .object(let members):
                return "{" + members.map { space + $0.0 + space + ":" + $0.1.text(&random) }.joined(separator: ",") + space + "}"
            }
        }
    }

    static let keys = [#""a""#, #""b""#, #""c""#, #""d\u0065""#, #""ê""#, #""a b""#, #""x/y""#, #""t~1""#]
    static let numbers = ["1", "1.0", "2.5", "-3", "1e2", "100", "0.30000000000000004", "12345678901234567890"]
    static let strings = [#""x""#, #""y""#, #""\u0078""#, #""run-1a""#, #""run-2b""#, #""""#]

    static func value(_ random: inout Random, depth: Int) -> Value {
        switch random.below(depth > 3 ? 4 : 7) {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2: return .number(numbers[random.below(numbers.count)])
        case 3: return .string(strings[random.below(strings.count)])
        case 4, 5:
            return .object((0..<random.below(5)).map { _ in (keys[random.below(keys.count)], value(&random, depth: depth + 1)) })
        default:
            return .array((0..<random.below(6)).map { _ in value(&random, depth: depth + 1) })
        }
    }

    /// A copy with a few random changes: values changed, members dropped, added or moved,
    /// elements added or removed.
    static func changed(_ value: Value, _ random: inout Random, depth: Int) -> Value {
        if random.below(12) == 0 { return Self.value(&random, depth: depth) }
        switch value {
        case .array(var items):
            items = items.map { changed($0, &random, depth: depth + 1) }
            if random.below(6) == 0, !items.isEmpty { items.removeLast() }
            if random.below(6) == 0 { items.append(Self.value(&random, depth: depth + 1)) }
            return .array(items)
        case .object(var members):
            members = members.map { ($0.0, changed($0.1, &random, depth: depth + 1)) }
            if random.below(5) == 0, members.count > 1 { members.swapAt(0, members.count - 1) }
            if random.below(6) == 0, !members.isEmpty { members.remove(at: random.below(members.count)) }
            if random.below(6) == 0 { members.append((keys[random.below(keys.count)], Self.value(&random, depth: depth + 1))) }
            return .object(members)
        default:
            return value
        }
    }

    @Test func streamedReportsWhatWholeReports() throws {
        let folder = try TestSupport.temporaryFolder("json-walk")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expectedPath = folder + "/expected.json", actualPath = folder + "/actual.json"
        var relaxed = CompareOptions()
        relaxed.columns = [ColumnTolerance(name: "/*/c", rtol: 0.5, atol: 0)]
        relaxed.masks = [ValueMask(name: "/*", pattern: "run-[0-9a-z]+")]
        let optionChoices: [CompareOptions] = [
            CompareOptions(), CompareOptions(ignore: ["/*/a", "/b"], rtol: 0.01), CompareOptions(maxDiffs: 3), relaxed,
        ]
        var random = Random(state: 2026)
        var differing = 0
        for round in 0..<400 {
            // Roots that are containers, so there is structure to walk.
            let root: Value = random.below(2) == 0
                ? .array((0..<random.below(8)).map { _ in Self.value(&random, depth: 1) })
                : .object((0..<random.below(8)).map { _ in (Self.keys[random.below(Self.keys.count)], Self.value(&random, depth: 1)) })
            let other = random.below(5) == 0 ? root : Self.changed(root, &random, depth: 0)
            let expectedText = root.text(&random), actualText = other.text(&random)
            try TestSupport.write(expectedText, to: expectedPath)
            try TestSupport.write(actualText, to: actualPath)
            let options = optionChoices[round % optionChoices.count]
            let whole = try JSONComparator.compare(expected: expectedPath, actual: actualPath, options: options, streaming: .never)
            let limit = [0, 8, 64][round % 3]
            let streamed = try JSONComparator.streamed(expected: expectedPath, actual: actualPath, options: options,
                                                       ignore: try options.ignore.map(JSONPointerPattern.init),
                                                       rules: try JSONValueRules(options), threshold: 0, wholeLimit: limit)
            #expect(streamed == whole, "round \(round):\n\(expectedText)\n\(actualText)")
            if !whole.equal { differing += 1 }
        }
        // The changes are real: most pairs differ, some do not.
        #expect(differing > 150 && differing < 400)
    }

    @Test func aDocumentThatIsNotJSONIsReportedWhereItBreaks() throws {
        let folder = try TestSupport.temporaryFolder("json-walk")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for broken in ["[1, 2,]", "{\"a\": 1 \"b\": 2}", "[{\"a\": 1}, {\"a\": tru}]", "[1] 2", "{\"a\": [1, 2}"] {
            try TestSupport.write("[1, 2]", to: folder + "/good.json")
            try TestSupport.write(broken, to: folder + "/bad.json")
            let streaming = JSONComparator.Streaming(threshold: 0, wholeLimit: 0)
            #expect(throws: HarnessError.self, "\(broken)") {
                try JSONComparator.compare(expected: folder + "/good.json", actual: folder + "/bad.json",
                                           options: CompareOptions(), streaming: streaming)
            }
        }
    }
}
