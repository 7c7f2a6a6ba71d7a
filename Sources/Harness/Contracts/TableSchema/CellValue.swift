/// The logical value of one cell after casting, as Table Schema defines it.
///
/// Text stays in the row buffer: `.text` means "the cell's own bytes", so string and
/// `any` cells are never copied. Temporal values are normalised to integers so that
/// they compare and hash without calendars.
enum CellValue: Equatable, Sendable {
    case null
    /// A string or `any` value: its bytes are the cell's bytes.
    case text
    /// An owned string, for constraint values (enum members, bounds) read from the contract.
    case ownedText([UInt8])
    case integer(Int)
    /// An integer beyond 64 bits: sign and decimal digits without leading zeros.
    case bigInteger(negative: Bool, digits: [UInt8])
    case number(Double)
    case boolean(Bool)
    /// Days since 1970-01-01.
    case date(Int)
    /// Nanoseconds since midnight (UTC when the value had an offset).
    case time(Int)
    /// Seconds since 1970-01-01T00:00:00 (UTC when the value had an offset) and nanoseconds.
    case datetime(seconds: Int, nanos: Int)
    case year(Int)
    /// year * 12 + (month - 1).
    case yearmonth(Int)
    /// Months and seconds, kept apart because a month has no fixed length.
    case duration(months: Int, seconds: Double)
    case json(JSONValue)
    case list([CellValue])
    case geopoint(longitude: Double, latitude: Double)

    /// Orders two values of the same type; nil when they do not compare.
    /// Durations compare by their length with an average month (30.436875 days).
    static func compare(_ a: CellValue, _ b: CellValue) -> Int? {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.integer, .bigInteger), (.bigInteger, .integer), (.bigInteger, .bigInteger):
            return compareIntegers(a, b)
        case (.number(let x), .number(let y)): return order(x, y)
        case (.integer(let x), .number(let y)): return order(Double(x), y)
        case (.number(let x), .integer(let y)): return order(x, Double(y))
        case (.date(let x), .date(let y)), (.time(let x), .time(let y)),
             (.year(let x), .year(let y)), (.yearmonth(let x), .yearmonth(let y)):
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.datetime(let s1, let n1), .datetime(let s2, let n2)):
            if s1 != s2 { return s1 < s2 ? -1 : 1 }
            return n1 < n2 ? -1 : (n1 > n2 ? 1 : 0)
        case (.duration(let m1, let s1), .duration(let m2, let s2)):
            return order(Double(m1) * averageMonthSeconds + s1, Double(m2) * averageMonthSeconds + s2)
        default: return nil
        }
    }

    static let averageMonthSeconds = 2_629_746.0

    private static func order(_ x: Double, _ y: Double) -> Int? {
        if x.isNaN || y.isNaN { return nil }
        return x < y ? -1 : (x > y ? 1 : 0)
    }

    private static func compareIntegers(_ a: CellValue, _ b: CellValue) -> Int {
        func parts(_ value: CellValue) -> (Bool, [UInt8]) {
            switch value {
            case .integer(let x): return (x < 0, Array(String(x.magnitude).utf8))
            case .bigInteger(let negative, let digits): return (negative, digits)
            default: return (false, [])
            }
        }
        let (negativeA, digitsA) = parts(a), (negativeB, digitsB) = parts(b)
        if negativeA != negativeB { return negativeA ? -1 : 1 }
        var magnitude = 0
        if digitsA.count != digitsB.count {
            magnitude = digitsA.count < digitsB.count ? -1 : 1
        } else if digitsA != digitsB {
            magnitude = digitsA.lexicographicallyPrecedes(digitsB) ? -1 : 1
        }
        return negativeA ? -magnitude : magnitude
    }
}
