/// A Table Dialect (v2) for CSV: how the file's bytes become rows, and which rows are the
/// header or comments.
struct TableDialect: Sendable, Equatable {
    var header = true
    /// 1-based row numbers that make up the header, joined with `headerJoin`.
    var headerRows: [Int] = [1]
    var headerJoin = " "
    /// 1-based row numbers to skip.
    var commentRows: [Int] = []
    /// Rows starting with this text are skipped.
    var commentChar: [UInt8]?
    var delimiter = ASCII.comma
    /// nil when the dialect turns quoting off (`quoteChar` absent is `"`).
    var quoteChar: UInt8? = ASCII.quote
    var doubleQuote = true
    var escapeChar: UInt8?
    /// A cell with exactly this text is null, before and besides `missingValues`.
    var nullSequence: [UInt8]?
    var skipInitialSpace = false
    var lineTerminator = "\r\n"
    /// frictionless's `header_case`: whether labels must match names in case too.
    var caseSensitiveHeader = true

    /// The properties the spec defines for CSV sources (and the v1 names still read).
    static let properties = ["$schema", "header", "headerRows", "headerJoin", "commentRows", "commentChar",
                             "delimiter", "lineTerminator", "quoteChar", "doubleQuote", "escapeChar",
                             "nullSequence", "skipInitialSpace", "caseSensitiveHeader", "csvddfVersion",
                             "name", "title", "description"]
    /// Properties of the spec for JSON, spreadsheet and database sources, refused for CSV.
    static let otherSourceProperties = ["property", "itemType", "itemKeys", "sheetNumber", "sheetName", "table"]
}
