import Foundation

// Design note. A large file is cut into stretches at line ends and each stretch is checked
// by its own thread and `TableChecker`. A cut is only guessed to fall between records (a
// line end can sit inside a quoted field): each stretch's reader starts where the one
// before it was cut, so stretch 0 starts at a true record start, and a stretch that ends
// inside a quoted field throws (unterminated quote at its end). So when no stretch throws,
// every cut was a record boundary; when one does, the whole file is checked again by one
// thread, which also reports any real error with its true line. Rows repeating a value of
// an earlier stretch are found in a second, lighter pass over the later stretches (only
// the unique and key fields are read), so the first occurrence in file order still wins.

extension TableSchemaValidator {
    /// Checks `data` with several threads; nil when the file or contract is not suited
    /// (small file, row-numbered dialect options, foreign keys) or a cut was not a record
    /// boundary, in which case the caller checks it with one thread.
    static func validateInParallel(data: String, contract: TableContract, contractPath: String,
                                   options: ValidateOptions) throws -> ValidationReport? {
        let dialect = contract.dialect
        let workers = options.workers > 0 ? options.workers : min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard workers >= 2, dialect.commentRows.isEmpty, dialect.escapeChar == nil, contract.schema.foreignKeys.isEmpty,
              !dialect.header || dialect.headerRows == [1] else { return nil }
        guard let size = FileStatus.size(data), size >= max(options.parallelMinimumBytes, 1) else { return nil }
        let csvDialect = readerDialect(dialect)
        let expected = estimateRows(data)
        let template = TableChecker(contract: contract, maxErrors: options.maxErrors, expectedRows: expected)
        let header = try CSVReader(path: data, dialect: csvDialect)
        var headerRecords = 0
        if dialect.header {
            while let record = try header.next() {
                headerRecords = record.number
                if isComment(record, dialect.commentChar) { continue }
                try template.checkHeader(record.strings, contractPath: contractPath)
                break
            }
            guard headerRecords > 0 else { return nil }
        }
        let dataStart = header.offset
        guard let cuts = try cutPoints(data, from: dataStart, to: size, parts: workers) else { return nil }
        let stretches = zip([dataStart] + cuts, cuts + [size]).map { ($0, $1) }
        let checkers = stretches.map { _ in
            TableChecker(template: template, maxErrors: options.maxErrors, expectedRows: expected / stretches.count + 1024)
        }
        let outcomes = stretches.map { _ in StretchOutcome() }
        DispatchQueue.concurrentPerform(iterations: stretches.count) { index in
            do {
                let (start, end) = stretches[index]
                let reader = try CSVReader(source: FileRangeSource(path: data, start: start, end: end), path: data,
                                           dialect: csvDialect, chunkSize: 1 << 18)
                let checker = checkers[index]
                while let record = try reader.next() {
                    if isComment(record, dialect.commentChar) { continue }
                    checker.checkRow(record, rowNumber: record.number)
                }
                outcomes[index].records = reader.recordCount
            } catch {
                outcomes[index].failed = true
            }
        }
        guard !outcomes.contains(where: \.failed) else { return nil }
        var offsets: [Int] = []
        var next = headerRecords
        for outcome in outcomes {
            offsets.append(next)
            next += outcome.records
        }
        let crossLogs = try crossCheck(data: data, stretches: stretches, checkers: checkers, offsets: offsets,
                                       dialect: csvDialect, commentChar: dialect.commentChar, maxErrors: options.maxErrors)
        let summary = TableChecker(template: template, maxErrors: options.maxErrors, expectedRows: 0)
        for (index, checker) in checkers.enumerated() {
            summary.absorbCounters(from: checker, extraDuplicates: crossLogs.duplicates[index])
        }
        summary.finish(byteCount: size)
        var rowViolations: [ContractViolation] = []
        for (index, checker) in checkers.enumerated() {
            rowViolations += checker.log.samples.map { violation in
                var shifted = violation
                shifted.row = violation.row.map { $0 + offsets[index] }
                return shifted
            }
        }
        rowViolations += crossLogs.logs.flatMap(\.samples)
        let ordered = inRowOrder(rowViolations, checker: template)
        var report = ValidationReport(dataPath: data, contractPath: contractPath)
        report.rowsChecked = summary.rowsChecked
        let logs = [template.log] + checkers.map(\.log) + crossLogs.logs + [summary.log]
        for log in logs {
            report.counts.merge(log.counts, uniquingKeysWith: +)
            report.warningCounts.merge(log.warningCounts, uniquingKeysWith: +)
        }
        report.errors = Array((template.log.samples + ordered + summary.log.samples).prefix(options.maxErrors))
        return report
    }

    /// Sorts by row, and within a row in the order one thread reports: cell errors, extra
    /// cells, missing cells, repeated values by field, primary key, unique keys. Stable,
    /// so each stretch's own order is kept where these ranks tie.
    static func inRowOrder(_ violations: [ContractViolation], checker: TableChecker) -> [ContractViolation] {
        // Repeats are reported in slot (column) order, which is field order unless fields
        // are matched by name.
        let fieldIndex = Dictionary(checker.slots.enumerated().map { (checker.fields[$1.field].name, $0) },
                                    uniquingKeysWith: { first, _ in first })
        let keyIndex = Dictionary(checker.contract.schema.uniqueKeys.enumerated().map { (checker.keyName($1), $0) },
                                  uniquingKeysWith: { first, _ in first })
        func rank(_ violation: ContractViolation) -> (Int, Int) {
            switch violation.type {
            case .extraCell: return (1, 0)
            case .missingCell: return (2, 0)
            case .primaryKey: return (4, 0)
            case .uniqueError:
                if let field = violation.field, let index = fieldIndex[field] { return (3, index) }
                return (5, violation.field.flatMap { keyIndex[$0] } ?? 0)
            default: return (0, 0)
            }
        }
        return violations.enumerated().map { ($0.offset, $0.element, rank($0.element)) }
            .sorted { ($0.1.row ?? 0, $0.2.0, $0.2.1, $0.0) < ($1.1.row ?? 0, $1.2.0, $1.2.1, $1.0) }
            .map(\.1)
    }

    final class StretchOutcome: @unchecked Sendable {
        var records = 0
        var failed = false
    }

    struct CrossLogs {
        var logs: [ViolationLog]
        /// Per stretch: field → values repeating an earlier stretch.
        var duplicates: [[Int: Int]]
    }

    /// The second pass: rows of stretch j whose unique values or keys appeared in a stretch
    /// before j.
    private static func crossCheck(data: String, stretches: [(Int, Int)], checkers: [TableChecker], offsets: [Int],
                                   dialect: CSVDialect, commentChar: [UInt8]?, maxErrors: Int) throws -> CrossLogs {
        let logs = stretches.map { _ in ViolationLog(limit: maxErrors) }
        let duplicates = stretches.map { _ in DuplicateCounts() }
        let schema = checkers[0].contract.schema
        let tracked = schema.fields.contains { $0.constraints.unique || $0.quality.contains { $0.metric == .duplicateValues } }
        // Usually no stretch shares a value with an earlier one: the sets say so without
        // reading the file again.
        let shares = (1..<stretches.count).contains { index in checkers[0..<index].contains { checkers[index].mayShareValues(with: $0) } }
        guard (tracked || !schema.primaryKey.isEmpty || !schema.uniqueKeys.isEmpty) && shares else {
            return CrossLogs(logs: logs, duplicates: stretches.map { _ in [:] })
        }
        let outcomes = stretches.map { _ in StretchOutcome() }
        DispatchQueue.concurrentPerform(iterations: stretches.count - 1) { step in
            let index = step + 1
            do {
                let (start, end) = stretches[index]
                let reader = try CSVReader(source: FileRangeSource(path: data, start: start, end: end), path: data,
                                           dialect: dialect, chunkSize: ReadOnlyFile.streamingReadSize)
                var firsts = FingerprintSet(expectedCount: 1024)
                var counts: [Int: Int] = [:]
                let earlier = Array(checkers[0..<index])
                while let record = try reader.next() {
                    if isComment(record, commentChar) { continue }
                    checkers[index].crossCheck(record, row: record.number + offsets[index], earlier: earlier, firsts: &firsts,
                                               duplicates: &counts, into: logs[index])
                }
                duplicates[index].counts = counts
            } catch {
                outcomes[index].failed = true
            }
        }
        if outcomes.contains(where: \.failed) {
            throw HarnessError.io(path: data, reason: "the file changed while it was being checked", hint: "check it again")
        }
        return CrossLogs(logs: logs, duplicates: duplicates.map(\.counts))
    }

    final class DuplicateCounts: @unchecked Sendable {
        var counts: [Int: Int] = [:]
    }

    /// Offsets just past a line feed near each of `parts - 1` even cuts of `start..<end`.
    private static func cutPoints(_ path: String, from start: Int, to end: Int, parts: Int) throws -> [Int]? {
        let source = try FileRangeSource(path: path, start: 0, end: end)
        var cuts: [Int] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for part in 1..<parts {
            let guess = start + (end - start) / parts * part
            guard guess > (cuts.last ?? start) else { return nil }
            let count = try source.read(at: guess, into: &buffer)
            guard let newline = buffer[0..<count].firstIndex(of: ASCII.newline) else { return nil }
            let cut = guess + newline + 1
            guard cut < end && cut > (cuts.last ?? start) else { return nil }
            // A stretch may not start with a byte-order mark: the reader would drop it.
            if count >= newline + 4, buffer[newline + 1] == 0xEF, buffer[newline + 2] == 0xBB, buffer[newline + 3] == 0xBF { return nil }
            cuts.append(cut)
        }
        return cuts
    }
}
