/// Where `JSONScanner` puts the tokens it finds: a tape keeps them, a count only counts
/// them (which is all the scanner's own checks need).
protocol JSONTokenSink {
    /// Tokens appended so far.
    var count: Int { get }
    mutating func append(_ token: JSONToken)
    /// The container opened at token `open` ends before byte `end`.
    mutating func close(_ open: Int, end: Int)
}

extension Array: JSONTokenSink where Element == JSONToken {
    @inline(__always)
    mutating func close(_ open: Int, end: Int) {
        self[open].length = UInt32(truncatingIfNeeded: end - Int(self[open].offset))
        self[open].span = count - open
    }
}

/// Counts tokens and keeps none: a scan into it only checks well-formedness.
struct JSONTokenCount: JSONTokenSink {
    private(set) var count = 0

    @inline(__always)
    mutating func append(_ token: JSONToken) { count += 1 }

    @inline(__always)
    mutating func close(_ open: Int, end: Int) {}
}
