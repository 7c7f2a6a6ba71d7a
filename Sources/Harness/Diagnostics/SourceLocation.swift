/// Where in which file a problem is: a path, and a 1-based line and column when known.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`, leaving out what is unknown.
    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let line = line, line > 0, let column { text += ":\(column)" }
        return text
    }

    /// Computes line and column of a byte offset; called only when a problem is reported,
    /// so hot paths track offsets and never lines.
    public static func of(offset: Int, in bytes: some Collection<UInt8>, path: String,
                          firstLine: Int = 1) -> SourceLocation {
        var line = firstLine
        var column = 1
        var index = 0
        for byte in bytes {
            if index >= offset { break }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Counts characters, not UTF-8 continuation bytes.
                column += 1
            }
            index += 1
        }
        return SourceLocation(path: path, line: line, column: column)
    }
}
