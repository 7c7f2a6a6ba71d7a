import Foundation

// Design note. Keyed matching reads expected once to build a `JSONRecordIndex` (key hash →
// where the record is, ~11 bytes a record; on two threads, one checking that every record
// is well-formed while the other reads keys from the records' first bytes), then streams
// actual: each record's key is looked up, the expected record re-read by offset
// (`JSONRecordFetcher`), keys confirmed byte for byte (a hash collision is then just a
// miss), and the pair compared: equal bytes settle it, then `JSONLockstep` (numbers within
// tolerance, no scan of either record), then the structural walk. Unclaimed expected
// records are the missing ones. Memory: the index (~11 bytes a record) plus the longest
// record, never the file. Repeated keys pair up in file order (first with first).
//
// Two lanes. Matching costs far more than reading (a lookup, a re-read by offset, a scan and
// a walk per record), so from `Lanes.minimumBytes` of actual on two processors, two threads
// each read all of actual and match the records whose key hash falls in their lane (its top
// bit): records with one key stay in one lane, in file order, so repeated keys pair up as
// before. Each lane has its own readers, tapes, claims and collector; the collectors are
// merged as one collector fed every record in order (`JSONDiffCollector.merged`). A record
// whose key `JSONRecordKey.quickRead` takes from its first bytes is scanned only by its own
// lane, and only when neither equal bytes nor the lockstep walk settle it against its
// well-formed expected record (either proves it well-formed); any other record is scanned
// by both. So every malformed or keyless record stops at least its own lane at its line,
// and of two lanes' errors the one at the earlier line of actual is thrown: the first.

extension JSONLinesComparator {
    /// When keyed matching takes two threads (for matching actual, and for indexing
    /// expected); tests force one or two.
    struct Lanes: Sendable {
        static let minimumBytes = 8 << 20
        var forced: Int?

        /// Threads for a file at `path`: two from `minimumBytes` on two processors.
        func count(forFileAt path: String) -> Int {
            if let forced { return max(1, min(forced, 2)) }
            guard ProcessInfo.processInfo.activeProcessorCount >= 2,
                  let size = try? ReadOnlyFile(path: path).status.size, size >= Self.minimumBytes else { return 1 }
            return 2
        }
    }

    static func compareKeys(_ files: inout RecordFiles, _ differ: inout JSONStructuralDiffer, key fields: [String],
                            chunkSize: Int, lanes: Lanes) throws {
        let index = try indexExpected(&files, key: fields, chunkSize: chunkSize, lanes: lanes)
        var expectedKey = JSONRecordKey(fields: fields)
        let expectedPath = files.expected.path

        let laneCount = lanes.count(forFileAt: files.actual.path)
        var claims: JSONRecordIndex.Claims
        if laneCount == 1 {
            var lane = KeyedLane(number: 0, of: 1, index: index, fields: fields, differ: differ)
            try lane.match(&files)
            differ = lane.differ
            claims = lane.claims
        } else {
            (differ, claims) = try matchInLanes(laneCount, index: index, fields: fields, differ: differ,
                                                paths: (expectedPath, files.actual.path), chunkSize: chunkSize)
        }

        let fetcher = try JSONRecordFetcher(path: expectedPath)
        for entry in 0..<index.count where !claims.isMatched(entry) {
            guard differ.collector.wantsDetail else {
                differ.collector.countRecord(extra: false)
                continue
            }
            let location = index.location(entry)
            try fetcher.withRecord(offset: location.offset, length: location.length) { bytes in
                let line = JSONLine(bytes: bytes, number: location.line, offset: location.offset)
                try files.expectedTape.scan(bytes, path: expectedPath, firstLine: line.number)
                try files.expectedTape.view(over: bytes) { try expectedKey.read($0, path: expectedPath, line: line.number) }
                keepWholeRecord(.missingRow, line, files.expectedTape, key: keyText(files.expectedTape, bytes, expectedKey), &differ)
            }
        }
    }

    /// Pass 1: every record of expected checked to be well-formed, and its key's hash and
    /// place put in the index. On two threads (a file from `Lanes.minimumBytes` on two
    /// processors), the check runs on the second (`ByteEqualLines.wellFormedRecords`, the
    /// fast validator), while this one reads each key from the record's first bytes
    /// (`JSONRecordKey.quickRead`, which gives what `read` gives), scanning only records
    /// whose key it cannot read so. When the check finds a problem or cannot tell, expected
    /// is indexed again the one-thread way, which reports the first problem as it always has.
    private static func indexExpected(_ files: inout RecordFiles, key fields: [String], chunkSize: Int,
                                      lanes: Lanes) throws -> JSONRecordIndex {
        let path = files.expected.path
        guard lanes.count(forFileAt: path) == 2 else { return try indexKeys(files.expected, &files.expectedTape, fields, quick: false) }
        let (records, outcome) = checkingRecords(of: path) {
            try indexKeys(files.expected, &files.expectedTape, fields, quick: true)
        }
        if let records {
            if case .success(let index) = outcome, index.count == records { return index }
            // Every record is well-formed, so the key's error is the first problem.
            if case .failure(let keyError) = outcome { throw keyError }
        }
        return try indexKeys(JSONLineReader(path: path, chunkSize: chunkSize), &files.expectedTape, fields, quick: false)
    }

    /// Reads every record of `reader` into a sealed index: its key read from its first bytes
    /// when `quick` and possible, else from a scan (which also checks it is well-formed).
    private static func indexKeys(_ reader: JSONLineReader, _ tape: inout JSONTape, _ fields: [String],
                                  quick: Bool) throws -> JSONRecordIndex {
        let index = JSONRecordIndex()
        var key = JSONRecordKey(fields: fields)
        let path = reader.path
        while let line = try reader.nextLine() {
            if !(quick && key.quickRead(line.bytes)) {
                try tape.scan(line.bytes, path: path, firstLine: line.number)
                try tape.view(over: line.bytes) { try key.read($0, path: path, line: line.number) }
            }
            try index.insert(hash: key.hash, offset: line.offset, length: line.bytes.count, line: line.number, path: path)
        }
        index.seal()
        return index
    }

    /// Matches actual on `count` threads, a lane each; returns the merged differ and claims.
    private static func matchInLanes(_ count: Int, index: JSONRecordIndex, fields: [String], differ: JSONStructuralDiffer,
                                     paths: (expected: String, actual: String), chunkSize: Int)
        throws -> (JSONStructuralDiffer, JSONRecordIndex.Claims) {
        let outcomes = LaneOutcomes()
        let shared = LaneInputs(index: index, differ: differ)
        SecondThread.run(count: count) { number in
            var lane = KeyedLane(number: number, of: count, index: shared.index, fields: fields, differ: shared.differ)
            do {
                var files = RecordFiles(expected: try JSONLineReader(path: paths.expected, chunkSize: chunkSize),
                                        actual: try JSONLineReader(path: paths.actual, chunkSize: chunkSize))
                try lane.match(&files)
                outcomes.set(number, .success(lane))
            } catch {
                outcomes.set(number, .failure(LaneError(line: lane.line, error: error)))
            }
        }
        var finished: [KeyedLane] = []
        var failures: [LaneError] = []
        for number in 0..<count {
            switch outcomes.get(number) {
            case .success(let lane): finished.append(lane)
            case .failure(let failure): failures.append(failure)
            case nil: throw HarnessError.usage("internal error: lane \(number) of a keyed comparison did not finish")
            }
        }
        if let first = failures.min(by: { $0.line < $1.line }) { throw first.error }
        var merged = finished[0].differ
        merged.collector = JSONDiffCollector.merged(finished.map(\.differ.collector))
        var claims = finished[0].claims
        for lane in finished.dropFirst() { claims.formUnion(lane.claims) }
        return (merged, claims)
    }

    static func keyText(_ tape: JSONTape, _ bytes: ByteRun, _ key: JSONRecordKey) -> [String] {
        tape.view(over: bytes) { key.display($0) }
    }
}

/// One lane of keyed matching: the records of actual whose key hash is in lane `number`.
private struct KeyedLane {
    let number: Int
    let lanes: Int
    let index: JSONRecordIndex
    var claims: JSONRecordIndex.Claims
    var differ: JSONStructuralDiffer
    var expectedKey: JSONRecordKey
    var actualKey: JSONRecordKey
    /// Whether records may be settled equal by `JSONLockstep`: not when a pointer has its
    /// own tolerance, which the walk does not know (masks and ignores only make more equal).
    let lockstep: Bool
    /// The line of actual being matched (where an error stopped the lane).
    private(set) var line = 0
    /// Failed tries in a row after which `claimAlone` waits between tries.
    static let aloneGiveUp = 16

    init(number: Int, of lanes: Int, index: JSONRecordIndex, fields: [String], differ: JSONStructuralDiffer) {
        self.number = number
        self.lanes = lanes
        self.index = index
        claims = index.newClaims()
        self.differ = differ
        expectedKey = JSONRecordKey(fields: fields)
        actualKey = JSONRecordKey(fields: fields)
        lockstep = differ.rules.tolerances.isEmpty
    }

    /// Reads every record of actual and matches those of this lane (expected is only re-read
    /// by offset: its reader has been read to the end or is not read).
    mutating func match(_ files: inout JSONLinesComparator.RecordFiles) throws {
        let actual = files.actual
        let expectedPath = files.expected.path
        let fetcher = try JSONRecordFetcher(path: expectedPath)
        // Actual's records so far, and the claimed entry's place relative to its record's at
        // the last claim: files in the same order claim the record at the same place
        // (`claimAlone`) with no search. After 16 such tries in a row that fail, the lane
        // waits 64 of its records before the next, then 128, ... up to 4,096, until one
        // succeeds (a shuffled file pays almost nothing).
        var position = -1
        var shift = 0
        var aloneFailed = 0
        var aloneWait = 0
        var aloneBackoff = 0
        // Claimed here, in a local copy, while `offer` changes the rest of the lane.
        var claims = self.claims
        defer { self.claims = claims }
        while let record = try actual.nextLine() {
            line = record.number
            position += 1
            // A record's key is read from its first bytes when it can be: another lane's
            // record then costs no scan here (that lane scans it, and stops at it if it is
            // malformed), nor does one byte for byte equal to its well-formed expected record
            // or settled against it by the lockstep walk.
            var scanned = false
            if !actualKey.quickRead(record.bytes) {
                try Self.scan(record, &files, key: &actualKey)
                scanned = true
            }
            guard JSONRecordIndex.lane(of: actualKey.hash, lanes: lanes) == number else { continue }
            var claimed: Int?
            if aloneWait > 0 {
                aloneWait -= 1
            } else {
                claimed = try index.claimAlone(position + shift, in: &claims) {
                    try offer($0, record, fetcher, &files, scanned: &scanned)
                }
                if claimed != nil {
                    aloneFailed = 0
                    aloneBackoff = 0
                } else {
                    aloneFailed += 1
                    if aloneFailed >= Self.aloneGiveUp {
                        aloneBackoff = min(max(aloneBackoff * 2, 64), 4_096)
                        aloneWait = aloneBackoff
                    }
                }
            }
            if claimed == nil {
                claimed = try index.claim(hash: actualKey.hash, in: &claims) {
                    try offer($0, record, fetcher, &files, scanned: &scanned)
                }
            }
            if let claimed { shift = claimed - position }
            if claimed != nil {
                differ.collector.report.rowsCompared += 1
            } else {
                if !scanned { try Self.scan(record, &files, key: &actualKey) }
                let key = differ.collector.wantsDetail ? JSONLinesComparator.keyText(files.actualTape, record.bytes, actualKey) : nil
                JSONLinesComparator.keepWholeRecord(.extraRow, record, files.actualTape, key: key, &differ)
            }
        }
    }

    /// Whether the expected record at `location` has `record`'s key; if so, the pair is
    /// compared (equal bytes, the lockstep walk, else scans and the structural walk).
    /// `scanned`: whether `record` is in actual's tape (scanned here when needed).
    private mutating func offer(_ location: JSONRecordIndex.Location, _ record: JSONLine, _ fetcher: JSONRecordFetcher,
                                _ files: inout JSONLinesComparator.RecordFiles, scanned: inout Bool) throws -> Bool {
        let expectedPath = files.expected.path
        return try fetcher.withRecord(offset: location.offset, length: location.length) { expectedBytes in
            let expectedLine = location.line
            if expectedBytes.same(as: record.bytes) { return true }
            // Keys read exactly on both sides: a mismatch is a fingerprint collision,
            // and a pair the walk settles is well-formed on both sides (expected was
            // checked in the first pass), so neither needs a scan.
            if expectedKey.quickRead(expectedBytes) {
                guard expectedKey.canonical == actualKey.canonical else { return false }
                if lockstep, JSONLockstep.equal(expectedBytes, record.bytes, tolerance: differ.tolerance) {
                    return true
                }
            }
            if !scanned {
                try Self.scan(record, &files, key: &actualKey)
                scanned = true
            }
            try files.expectedTape.scan(expectedBytes, path: expectedPath, firstLine: expectedLine)
            try files.expectedTape.view(over: expectedBytes) { try expectedKey.read($0, path: expectedPath, line: expectedLine) }
            guard expectedKey.canonical == actualKey.canonical else { return false }
            differ.collector.row = expectedLine
            differ.collector.actualRow = expectedLine == record.number ? nil : record.number
            differ.collector.key = differ.collector.wantsDetail
                ? JSONLinesComparator.keyText(files.actualTape, record.bytes, actualKey) : nil
            if JSONLinesComparator.compareTapes(files, expectedBytes, record.bytes, &differ) > 0 {
                differ.collector.report.differingRows += 1
            }
            return true
        }
    }
}

extension KeyedLane {
    /// Scans a record of actual into its tape and reads its key from the tape (which also
    /// knows where the key's values are, for reports).
    /// - Throws: `HarnessError.malformed` for a record that is not JSON; what `read` throws
    ///   for one without the key.
    fileprivate static func scan(_ record: JSONLine, _ files: inout JSONLinesComparator.RecordFiles,
                                 key: inout JSONRecordKey) throws {
        let path = files.actual.path
        try files.actualTape.scan(record.bytes, path: path, firstLine: record.number)
        try files.actualTape.view(over: record.bytes) { try key.read($0, path: path, line: record.number) }
    }
}

/// An error and the line of actual it stopped a lane at.
private struct LaneError: Error {
    let line: Int
    let error: any Error
}

/// What every lane starts from. `@unchecked Sendable`: the sealed index is only read (claims
/// are per lane), and each lane takes its own copy of the differ, which between records
/// holds no tape (its views are `.none`) and only values copied on write.
private final class LaneInputs: @unchecked Sendable {
    let index: JSONRecordIndex
    let differ: JSONStructuralDiffer
    init(index: JSONRecordIndex, differ: JSONStructuralDiffer) {
        self.index = index
        self.differ = differ
    }
}

extension JSONLinesComparator {
    /// Runs `body` here while a second thread checks every record of the JSON Lines file at
    /// `path` with the fast validator (`ByteEqualLines.wellFormedRecords`), as keyed indexing
    /// and comparison by position do with expected.
    /// - Returns: how many records the check found, all well-formed (nil: a problem, or it
    ///   could not tell, or could not read), and what `body` gave or threw.
    static func checkingRecords<Value>(of path: String, alongside body: () throws -> Value)
        -> (records: Int?, outcome: Result<Value, any Error>) {
        let check = CheckOutcome()
        var outcome: Result<Value, any Error>?
        SecondThread.run({ check.set(Result { try ByteEqualLines.wellFormedRecords(in: path) }) }, alongside: {
            outcome = Result { try body() }
        })
        guard let outcome else { preconditionFailure("SecondThread.run returns after both have run") }
        if case .success(let records?) = check.outcome { return (records, outcome) }
        return (nil, outcome)
    }
}

/// What the second thread's check found, read after it has finished.
private final class CheckOutcome: @unchecked Sendable {
    // Guarded by `lock`.
    private var result: Result<Int?, any Error>?
    private let lock = Lock()

    func set(_ outcome: Result<Int?, any Error>) { lock.withLock { result = outcome } }

    var outcome: Result<Int?, any Error>? { lock.withLock { result } }
}

/// The lanes' outcomes, written from their threads.
private final class LaneOutcomes: @unchecked Sendable {
    // Guarded by `lock`.
    private var results: [Int: Result<KeyedLane, LaneError>] = [:]
    private let lock = Lock()

    func set(_ lane: Int, _ result: Result<KeyedLane, LaneError>) {
        lock.withLock { results[lane] = result }
    }

    func get(_ lane: Int) -> Result<KeyedLane, LaneError>? {
        lock.withLock { results[lane] }
    }
}
