/// How the columns of the expected file line up with the actual file's, by header name.
struct CSVColumnMapping {
    struct Pair {
        var expected: Int
        var actual: Int
    }

    let expectedNames: [String]
    let actualNames: [String]
    /// Columns compared, in expected order (ignored and unmatched columns left out).
    let pairs: [Pair]
    /// Not ignored, in expected only / in actual only, in header order.
    let missing: [String]
    let extra: [String]
    /// Key column indexes in each file, in key order.
    let expectedKey: [Int]
    let actualKey: [Int]
    /// Whether both headers are the same names in the same order, so a record's raw bytes
    /// being equal means every cell is equal.
    let isIdentity: Bool

    /// - Throws: `HarnessError` for a column named twice in a header, or a key or ignored
    ///   column that neither file has (with the nearest name), or a key missing from one file.
    init(expected: CSVReader, actual: CSVReader, options: CompareOptions) throws {
        expectedNames = expected.header
        actualNames = actual.header
        let expectedIndex = try Self.index(expected)
        let actualIndex = try Self.index(actual)
        let known = expectedNames + actualNames.filter { expectedIndex[$0] == nil }
        for name in options.ignore where !name.hasPrefix("/") {
            if expectedIndex[name] == nil && actualIndex[name] == nil {
                throw HarnessError.unknownName(nil, kind: "column", name: name, known: known,
                                               hint: "--ignore takes column names from the header")
            }
        }
        var keyE: [Int] = []
        var keyA: [Int] = []
        for name in options.key {
            guard let e = expectedIndex[name], let a = actualIndex[name] else {
                if expectedIndex[name] == nil && actualIndex[name] == nil {
                    throw HarnessError.unknownName(nil, kind: "key column", name: name, known: known,
                                                   hint: "--key takes column names from the header")
                }
                let path = expectedIndex[name] == nil ? expected.path : actual.path
                throw HarnessError.invalid(SourceLocation(path: path, line: expected.headerLine),
                                           message: "key column \"\(name)\" is not in this file's header",
                                           hint: "rows can only be matched by columns both files have")
            }
            keyE.append(e)
            keyA.append(a)
        }
        expectedKey = keyE
        actualKey = keyA
        let ignored = Set(options.ignore)
        pairs = expectedNames.enumerated().compactMap { index, name in
            guard !ignored.contains(name), let other = actualIndex[name] else { return nil }
            return Pair(expected: index, actual: other)
        }
        missing = expectedNames.filter { !ignored.contains($0) && actualIndex[$0] == nil }
        extra = actualNames.filter { !ignored.contains($0) && expectedIndex[$0] == nil }
        isIdentity = expectedNames == actualNames
    }

    /// Name to column index; a name twice in one header makes matching by name ambiguous.
    private static func index(_ reader: CSVReader) throws -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, name) in reader.header.enumerated() {
            if let first = index[name] {
                throw HarnessError.malformed(SourceLocation(path: reader.path, line: reader.headerLine),
                                             message: "column \"\(name)\" appears twice in the header (columns \(first + 1) and \(position + 1))",
                                             hint: "rename one of them; columns are matched by name")
            }
            index[name] = position
        }
        return index
    }
}
