/// Checks a CSV file against a Tabular Data Resource or a bare Table Schema (v2).
///
/// Streams the file once through `CSVReader` with bounded memory: only counters, the
/// first `maxErrors` violations and 8-byte fingerprints for uniqueness are kept.
public enum TableSchemaValidator {
    /// - Throws: `HarnessError` when the contract is unknown, misspelled or unsupported, or
    ///   the data cannot be read as CSV.
    /// - Returns: complete counts per error type and the first violations.
    public static func validate(data: String, contract: JSONValue, contractPath: String, options: ValidateOptions) throws -> ValidationReport {
        let compiled = try TableContractLoader.load(contract, path: contractPath)
        if let report = try validateInParallel(data: data, contract: compiled, contractPath: contractPath, options: options) {
            return report
        }
        let dialect = compiled.dialect
        let reader = try CSVReader(path: data, dialect: readerDialect(dialect))
        let checker = TableChecker(contract: compiled, maxErrors: options.maxErrors,
                                   expectedRows: estimateRows(data))
        let headerRows = dialect.header ? Set(dialect.headerRows) : []
        let lastHeaderRow = headerRows.max() ?? 0
        let commentRows = Set(dialect.commentRows)
        var labels: [String] = []
        var sawRecord = false
        while let record = try reader.next() {
            sawRecord = true
            let number = record.number
            if commentRows.contains(number) || isComment(record, dialect.commentChar) { continue }
            if number <= lastHeaderRow {
                if headerRows.contains(number) { labels = join(labels, record.strings, with: dialect.headerJoin) }
                if number == lastHeaderRow { try checker.checkHeader(labels, contractPath: contractPath) }
                continue
            }
            checker.checkRow(record, rowNumber: number)
        }
        if !sawRecord {
            checker.add(.sourceError, row: nil, field: nil, severity: .error, message: "the file is empty: no header and no rows")
        } else if reader.recordCount < lastHeaderRow {
            try checker.checkHeader(labels, contractPath: contractPath)
        }
        checker.finish(byteCount: reader.offset)
        var report = ValidationReport(dataPath: data, contractPath: contractPath)
        report.rowsChecked = checker.rowsChecked
        report.counts = checker.log.counts
        report.warningCounts = checker.log.warningCounts
        report.errors = checker.log.samples
        return report
    }

    /// The reader's dialect: headers and comments are the validator's business (they count
    /// as rows, as frictionless numbers them), and quoting is lenient as Python's `csv` is.
    static func readerDialect(_ dialect: TableDialect) -> CSVDialect {
        CSVDialect(delimiter: dialect.delimiter, quoteChar: dialect.quoteChar, doubleQuote: dialect.doubleQuote,
                   escapeChar: dialect.escapeChar, skipInitialSpace: dialect.skipInitialSpace,
                   header: false, commentChar: nil, strictQuotes: false)
    }

    /// Labels of a multi-row header, joined column by column (`headerJoin`).
    static func join(_ labels: [String], _ row: [String], with separator: String) -> [String] {
        guard !labels.isEmpty else { return row }
        return (0..<max(labels.count, row.count)).map { index in
            let parts = [index < labels.count ? labels[index] : "", index < row.count ? row[index] : ""].filter { !$0.isEmpty }
            return parts.joined(separator: separator)
        }
    }

    static func isComment(_ record: CSVRecord, _ prefix: [UInt8]?) -> Bool {
        guard let prefix, record.bytes.count >= prefix.count else { return false }
        return record.bytes.prefix(prefix.count).elementsEqual(prefix)
    }

    /// Rows in the file, estimated from the line length of its first 256 KiB, so that the
    /// uniqueness sets are sized once instead of growing (and doubling memory) on the way.
    static func estimateRows(_ path: String) -> Int {
        guard let file = try? ReadOnlyFile(path: path) else { return 0 }
        let size = file.status.size
        var sample = [UInt8](repeating: 0, count: 1 << 18)
        let count = (try? file.read(at: 0, into: &sample)) ?? 0
        guard count > 0 else { return 0 }
        let lines = sample[0..<count].reduce(0) { $0 + ($1 == ASCII.newline ? 1 : 0) }
        guard lines > 0 else { return 1 }
        return Int(Double(size) / (Double(count) / Double(lines)) * 1.05) + 16
    }
}

extension CSVRecord: TableRecord {
    var cellCount: Int { fieldCount }

    @inline(__always)
    func cell(_ index: Int) -> ByteRun {
        field(index)
    }
}
