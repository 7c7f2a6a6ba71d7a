/// 64-bit fingerprints of logical values, for uniqueness and primary-key checks with
/// bounded memory: a set of 8-byte fingerprints instead of every value's text.
///
/// Trade-off: two different values share a fingerprint with probability about
/// n² / 2^65 over n distinct values (3e-6 for ten million). Such a collision would
/// report one spurious duplicate; it can never hide a real one.
enum Fingerprint {
    private static let p0: UInt64 = 0xa076_1d64_78bd_642f
    private static let p1: UInt64 = 0xe703_7ed1_a0b4_28db
    private static let p2: UInt64 = 0x8ebc_6af0_9c88_c6e3

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Hash of raw bytes: the one byte hasher, seeded by what the bytes stand for.
    @inline(__always)
    static func of(bytes: ByteRun, seed: UInt64 = 0) -> UInt64 {
        ByteHasher.hash(bytes, seed: seed)
    }

    static func of(_ array: [UInt8], seed: UInt64 = 0) -> UInt64 {
        ByteRun.with(array) { of(bytes: $0, seed: seed) }
    }

    @inline(__always)
    static func of(word: UInt64, tag: UInt64) -> UInt64 {
        mix(word ^ p0, (tag &+ 1) &* p1) ^ mix(word ^ p2, p0)
    }

    /// Combines the fingerprints of a composite key, in order.
    @inline(__always)
    static func combine(_ state: UInt64, _ next: UInt64) -> UInt64 {
        mix(state ^ p1, next ^ p2)
    }

    /// The fingerprint of a cast value; `bytes` are the cell's text, used for `.text`.
    static func of(_ value: CellValue, bytes: ByteRun) -> UInt64 {
        switch value {
        case .null: return 0
        case .text: return of(bytes: bytes, seed: 1)
        case .ownedText(let text): return of(text, seed: 1)
        case .integer(let x):
            return of(word: UInt64(bitPattern: Int64(x)), tag: 2)
        case .bigInteger(let negative, let digits): return of(digits, seed: negative ? 3 : 4)
        case .number(let x):
            // 1 and 1.0 are the same number; -0 is 0; every NaN is one value.
            if x.isNaN { return of(word: 0x7ff8_0000_0000_0000, tag: 5) }
            if x == 0 { return of(word: 0, tag: 5) }
            return of(word: x.bitPattern, tag: 5)
        case .boolean(let flag): return of(word: flag ? 1 : 0, tag: 6)
        case .date(let x): return of(word: UInt64(bitPattern: Int64(x)), tag: 7)
        case .time(let x): return of(word: UInt64(bitPattern: Int64(x)), tag: 8)
        case .datetime(let seconds, let nanos):
            return combine(of(word: UInt64(bitPattern: Int64(seconds)), tag: 9), UInt64(nanos))
        case .year(let x): return of(word: UInt64(bitPattern: Int64(x)), tag: 10)
        case .yearmonth(let x): return of(word: UInt64(bitPattern: Int64(x)), tag: 11)
        case .duration(let months, let seconds):
            return combine(of(word: UInt64(bitPattern: Int64(months)), tag: 12), seconds.bitPattern)
        case .json(let json): return of(Array(json.canonicalText.utf8), seed: 13)
        case .list(let items):
            var state = of(word: UInt64(items.count), tag: 14)
            for item in items { state = combine(state, of(item, bytes: bytes)) }
            return state
        case .geopoint(let longitude, let latitude):
            return combine(of(word: longitude.bitPattern, tag: 15), latitude.bitPattern)
        }
    }
}

extension JSONValue {
    /// Compact text with object keys sorted, so equal JSON values print alike.
    var canonicalText: String {
        switch self {
        case .object(let members):
            let sorted = members.sorted { $0.key < $1.key }
            return "{" + sorted.map { JSONValue.string($0.key).compactText + ":" + $0.value.canonicalText }
                .joined(separator: ",") + "}"
        case .array(let items):
            return "[" + items.map(\.canonicalText).joined(separator: ",") + "]"
        case .number(let text):
            if let value = Double(text) { return "\(value)" }
            return text
        default:
            return compactText
        }
    }
}
