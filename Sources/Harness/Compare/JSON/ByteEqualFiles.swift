/// What the byte-equal fast paths (`ByteEqualDocument`, `ByteEqualLines`) share: they apply
/// only to two regular files of one size, which must not grow while they are read.
enum ByteEqualFiles {
    /// Both files opened, with their common size; nil when they cannot be byte-equal
    /// (different sizes) or are not for a fast path (a folder, an empty file).
    /// - Throws: `HarnessError.io` when a file cannot be opened.
    static func open(expected: String, actual: String) throws -> (expected: ReadOnlyFile, actual: ReadOnlyFile, size: Int)? {
        let expectedFile = try ReadOnlyFile(path: expected)
        let actualFile = try ReadOnlyFile(path: actual)
        let (expectedStatus, actualStatus) = (expectedFile.status, actualFile.status)
        guard !expectedStatus.isFolder, !actualStatus.isFolder, expectedStatus.size == actualStatus.size,
              expectedStatus.size > 0 else { return nil }
        return (expectedFile, actualFile, expectedStatus.size)
    }

    /// Whether `file` holds bytes beyond `size` (it grew after it was measured).
    /// - Throws: `HarnessError.io` when it cannot be read.
    static func hasMore(_ file: ReadOnlyFile, than size: Int) throws -> Bool {
        var probe: [UInt8] = [0]
        return try file.read(at: size, into: &probe) > 0
    }
}
