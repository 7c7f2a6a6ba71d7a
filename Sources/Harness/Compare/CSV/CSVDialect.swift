/// How a CSV file is written: the bytes that separate, quote and escape fields.
///
/// The defaults are RFC 4180 (what pandas, polars and Python's `csv` write). Names follow
/// the Frictionless Table Dialect so a contract's `dialect` maps onto this one to one.
/// Records end at LF, CRLF or a lone CR, whichever the file uses (mixing is accepted).
public struct CSVDialect: Sendable, Equatable {
    /// Separates fields; `,` by default.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Opens and closes a quoted field; nil means fields are never quoted.
    public var quoteChar: UInt8? = UInt8(ascii: "\"")
    /// Whether `""` inside a quoted field stands for one `"`.
    public var doubleQuote = true
    /// A byte that makes the next byte literal (`\` in some exports); nil for none.
    public var escapeChar: UInt8?
    /// Whether spaces right after a delimiter are dropped.
    public var skipInitialSpace = false
    /// Whether the first record names the columns.
    public var header = true
    /// Records starting with this byte are skipped whole; nil for none.
    public var commentChar: UInt8?
    /// Strict (the default): a quote inside an unquoted field (`ab"c`) or text after a
    /// closing quote (`"ab"c`) is a malformed-input error with its location, because
    /// well-formed writers never produce it and it usually means a broken export.
    /// Lenient (`false`): both are kept as literal text, as Python's `csv` does.
    public var strictQuotes = true

    public init(delimiter: UInt8 = UInt8(ascii: ","), quoteChar: UInt8? = UInt8(ascii: "\""),
                doubleQuote: Bool = true, escapeChar: UInt8? = nil, skipInitialSpace: Bool = false,
                header: Bool = true, commentChar: UInt8? = nil, strictQuotes: Bool = true) {
        self.delimiter = delimiter
        self.quoteChar = quoteChar
        self.doubleQuote = doubleQuote
        self.escapeChar = escapeChar
        self.skipInitialSpace = skipInitialSpace
        self.header = header
        self.commentChar = commentChar
        self.strictQuotes = strictQuotes
    }

    /// Whether record ends can be found by counting quotes (RFC 4180 with `""` escapes and
    /// strict quoting): every quote then toggles "inside a quoted field", so a line end is
    /// a record end exactly when an even number of quotes precede it in the record. The
    /// comparator's bulk path over byte-identical stretches relies on it.
    var quoteParityFindsRecordEnds: Bool {
        quoteChar == UInt8(ascii: "\"") && doubleQuote && escapeChar == nil && strictQuotes
            && commentChar == nil && !skipInitialSpace && delimiter != UInt8(ascii: "\"")
            && delimiter != ASCII.newline && delimiter != ASCII.carriageReturn
    }
}
