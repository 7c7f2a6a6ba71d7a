/// Comparators: a file equals itself, and at zero tolerance the verdict on two files does
/// not depend on which one is called expected.
enum CSVCompareFuzz {
    static func run(_ bytes: [UInt8]) {
        let (left, right) = FuzzCheck.split(bytes)
        let a = FuzzCheck.file("a.csv", left), b = FuzzCheck.file("b.csv", right)
        // A key column named in the input's first header cell, when the first byte says so.
        var options = CompareOptions(maxDiffs: 5, format: .csv)
        if bytes.first.map({ $0 & 1 == 1 }) ?? false, let header = left.split(separator: UInt8(ascii: "\n")).first,
           let first = header.split(separator: UInt8(ascii: ",")).first {
            options.key = [String(decoding: first, as: UTF8.self)]
        }
        FuzzComparison.check(a, b, options)
        if options.key.isEmpty {
            // Split between two threads after two records (the cut found while the first
            // thread compares on), the same report or the same error as on one thread.
            let split = CSVPositionalComparison.SplitPolicy(decisionRecords: 2, minimumBytes: 0, pollRecords: 1, cutFraction: 0.55)
            var tolerant = options
            tolerant.rtol = 1e-6
            FuzzComparison.same({ try CSVComparator.compare(expected: a, actual: b, options: tolerant, dialect: CSVDialect(), split: .never).report },
                                { try CSVComparator.compare(expected: a, actual: b, options: tolerant, dialect: CSVDialect(), split: split).report },
                                "one thread and a split")
        } else {
            // The expected file indexed in two parts (the cut found while the first part
            // reads, accepted or declined), the same report or the same error as in one.
            let split = CSVPositionalComparison.SplitPolicy(indexMinimumBytes: 0)
            FuzzComparison.same({ try CSVComparator.compare(expected: a, actual: b, options: options, dialect: CSVDialect(), split: .never).report },
                                { try CSVComparator.compare(expected: a, actual: b, options: options, dialect: CSVDialect(), split: split).report },
                                "a keyed index in one part and in two")
        }
    }
}

enum JSONCompareFuzz {
    static func run(_ bytes: [UInt8]) {
        let (left, right) = FuzzCheck.split(bytes)
        let lines = bytes.first.map { $0 & 1 == 1 } ?? false
        let a = FuzzCheck.file(lines ? "a.jsonl" : "a.json", left), b = FuzzCheck.file(lines ? "b.jsonl" : "b.json", right)
        var options = CompareOptions(maxDiffs: 5, format: lines ? .jsonl : .json)
        if lines && bytes.first.map({ $0 & 2 == 2 }) ?? false { options.key = ["id"] }
        FuzzComparison.check(a, b, options)
        if !options.key.isEmpty {
            // Keyed matching on two lanes gives one lane's report, or its error.
            FuzzComparison.same({ try JSONLinesComparator.compare(expected: a, actual: b, options: options, chunkSize: 64, lanes: .init(forced: 1)) },
                                { try JSONLinesComparator.compare(expected: a, actual: b, options: options, chunkSize: 64, lanes: .init(forced: 2)) },
                                "one lane and two")
        } else if lines {
            // By position, the lockstep walk settling number-only differences gives the
            // scans' report, or their error, at zero tolerance and within one.
            var tolerant = options
            tolerant.rtol = 1e-3
            for options in [options, tolerant] {
                FuzzComparison.same({ try JSONLinesComparator.compare(expected: a, actual: b, options: options, chunkSize: 64, lockstep: false) },
                                    { try JSONLinesComparator.compare(expected: a, actual: b, options: options, chunkSize: 64) },
                                    "by position with the lockstep walk and without")
            }
        }
        if lines { JSONShortcutFuzz.check(left, right) }
    }
}

/// The shortcuts of keyed JSON Lines matching against the slow way, line pair by line pair:
/// `JSONLockstep` says equal only to a well-formed record in which the structural differ
/// finds no difference, and `JSONRecordKey.quickRead` gives the key that a scan and `read` give.
enum JSONShortcutFuzz {
    static func check(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) {
        let newline = UInt8(ascii: "\n")
        for (expected, actual) in zip(left.split(separator: newline), right.split(separator: newline)) {
            let e = Array(expected), a = Array(actual)
            ByteRun.with(e) { e in
                ByteRun.with(a) { a in
                    var quick = JSONRecordKey(fields: ["id"]), slow = JSONRecordKey(fields: ["id"])
                    let quickRead = quick.quickRead(a)  // on any bytes, well-formed or not
                    var expectedTape = JSONTape(), actualTape = JSONTape()
                    // The walk's answer means something for a well-formed expected only, but on
                    // any bytes it must stay inside both runs (by position it runs first).
                    _ = JSONLockstep.equal(e, a, tolerance: NumericTolerance(rtol: 1e-3, atol: 0))
                    guard (try? expectedTape.scan(e, path: "e")) != nil else { return }
                    let actualWellFormed = (try? actualTape.scan(a, path: "a")) != nil
                    for rtol in [0, 1e-3] {
                        let equal = JSONLockstep.equal(e, a, tolerance: NumericTolerance(rtol: rtol, atol: 0))
                        guard equal else { continue }
                        FuzzCheck.require(actualWellFormed, "the lockstep walk says equal to a malformed record")
                        guard actualWellFormed else { continue }
                        var differ = JSONStructuralDiffer(collector: JSONDiffCollector(report: DiffReport(format: .jsonl, expectedPath: "e", actualPath: "a"),
                                                                                      maxDiffs: 0),
                                                          ignore: [], rtol: rtol, atol: 0)
                        let found = JSONTape.views(expectedTape, over: e, actualTape, over: a) { differ.compare($0, $1) }
                        FuzzCheck.require(found == 0, "the lockstep walk says equal, the differ finds \(found) differences")
                    }
                    if quickRead, actualWellFormed, actualTape.view(over: a, { (try? slow.read($0, path: "a", line: 1)) != nil }) {
                        FuzzCheck.require(quick.canonical == slow.canonical, "a quick key read differs from a scanned one")
                    }
                }
            }
        }
    }
}

enum FuzzComparison {
    static func check(_ a: String, _ b: String, _ options: CompareOptions) {
        let same = verdict(a, a, options)
        FuzzCheck.require(same != false, "a file differs from itself")
        let forward = verdict(a, b, options), backward = verdict(b, a, options)
        if let forward, let backward {
            FuzzCheck.require(forward == backward, "diff(a, b) says \(forward), diff(b, a) says \(backward)")
        }
    }

    /// Requires two ways of comparing to give the same report (but for its time), or the
    /// same error message.
    static func same(_ one: () throws -> DiffReport, _ two: () throws -> DiffReport, _ ways: String) {
        func outcome(_ body: () throws -> DiffReport) -> Result<DiffReport, FuzzFailure> {
            do {
                var report = try body()
                report.seconds = 0
                return .success(report)
            } catch {
                return .failure(FuzzFailure(message: DiagnosticRenderer.render(error)))
            }
        }
        let first = outcome(one), second = outcome(two)
        FuzzCheck.require(first == second, "\(ways) differ: \(first) against \(second)")
    }

    /// Whether the files are equal; nil when one of them is rejected as malformed.
    static func verdict(_ expected: String, _ actual: String, _ options: CompareOptions) -> Bool? {
        do {
            return try FileComparator.compare(expected: expected, actual: actual, options: options).equal
        } catch is HarnessError {
            return nil
        } catch {
            FuzzCheck.require(false, "the comparator threw a non-HarnessError: \(error)")
            return nil
        }
    }
}

/// An error's message, compared as text.
struct FuzzFailure: Error, Equatable {
    let message: String
}
