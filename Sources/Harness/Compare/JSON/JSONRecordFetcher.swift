/// Re-reads records of a file by offset and length (`pread`), for keyed JSON Lines
/// matching, which remembers where each expected record is rather than the record.
/// Records asked for in file order (the usual case: both files mostly in the same order)
/// are served from a read-ahead window, so they cost no system call each; others are
/// read on their own. The window is read from the second request in a row that follows
/// the one before: a lone request that happens to follow (keyed matching trying the record
/// at the same place in shuffled files) does not read a window for one record.
final class JSONRecordFetcher {
    static let defaultWindowSize = 1 << 20

    let path: String
    private let windowSize: Int
    private let file: ReadOnlyFile
    /// Bytes read ahead: `window[0..<windowCount]` hold the file from `windowOffset`.
    private var window: [UInt8] = []
    private var windowCount = 0
    private var windowOffset = 0
    private var single: [UInt8] = []
    /// Where the last record asked for ended: a request starting there is sequential.
    private var lastEnd = -1
    /// Sequential requests in a row, this one included.
    private var sequentialRun = 0

    /// Opens `path`; records asked for in order are read `windowSize` bytes at a time.
    /// - Throws: `HarnessError.io` when the file cannot be opened.
    init(path: String, windowSize: Int = JSONRecordFetcher.defaultWindowSize) throws {
        self.path = path
        self.windowSize = max(1, windowSize)
        file = try ReadOnlyFile(path: path)
    }

    /// Calls `body` with the `length` bytes at `offset`.
    /// - Throws: `HarnessError.io` when the read fails or the file got shorter.
    func withRecord<Result>(offset: Int, length: Int, _ body: (ByteRun) throws -> Result) throws -> Result {
        let end = offset + length
        let sequential = offset >= lastEnd && offset - lastEnd <= 4_096
        sequentialRun = sequential ? sequentialRun + 1 : 0
        defer { lastEnd = end }
        if offset < windowOffset || end > windowOffset + windowCount {
            // A sequential reader moves the window on; a random one reads just its record.
            guard sequentialRun >= 2 else {
                guard try read(into: &single, offset: offset, count: length) == length else { throw changed(offset) }
                return try ByteRun.with(single) { try body($0.run(0..<length)) }
            }
            windowCount = try read(into: &window, offset: offset, count: max(length, windowSize))
            windowOffset = offset
            guard windowCount >= length else { throw changed(offset) }
        }
        let start = offset - windowOffset
        return try ByteRun.with(window) { try body($0.run(start..<(start + length))) }
    }

    private func changed(_ offset: Int) -> HarnessError {
        .io(path: path, reason: "the file changed while it was being compared (the record at byte \(offset) is gone)")
    }

    /// Reads up to `count` bytes at `offset` into `storage` (grown if needed).
    /// - Returns: how many were read; fewer only at the end of the file.
    private func read(into storage: inout [UInt8], offset: Int, count: Int) throws -> Int {
        if storage.count < count { storage = [UInt8](repeating: 0, count: count) }
        return try file.read(at: offset, into: &storage, count: count)
    }
}
