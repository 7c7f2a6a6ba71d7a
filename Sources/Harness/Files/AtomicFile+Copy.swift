#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// Copies `source` over `destination` atomically, streaming in chunks so a large file
    /// never has to fit in memory: temporary file beside the target, fsync, rename.
    /// - Throws: `HarnessError.io`; the destination is then untouched.
    public static func copy(from source: String, to destination: String) throws {
        let temporary = try stage(from: source, beside: destination)
        try install(temporary, at: destination)
    }

    /// Copies `source` into a new temporary file beside `destination` and fsyncs it, so
    /// that a later `install` is one rename. Missing parent folders are created.
    /// - Throws: `HarnessError.io` (a full disk among them); no temporary file is left then.
    /// - Returns: the temporary file's path.
    public static func stage(from source: String, beside destination: String) throws -> String {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw FileBytes.ioError(source, errno) }
        defer { close(input) }
        let folder = parentFolder(of: destination)
        try makeFolders(folder)
        let temporary = temporaryPath(for: destination)
        let output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw FileBytes.ioError(temporary, errno) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var failure: HarnessError?
        while failure == nil {
            let count = buffer.withUnsafeMutableBytes { SystemCall.read(input, $0.baseAddress, $0.count) }
            if count < 0 { failure = FileBytes.ioError(source, errno); break }
            if count == 0 { break }
            let written = buffer.withUnsafeBytes { SystemCall.writeAll(output, $0.baseAddress, count) }
            if !written { failure = FileBytes.ioError(destination, errno) }
        }
        if failure == nil && fsync(output) != 0 { failure = FileBytes.ioError(destination, errno) }
        if close(output) != 0 && failure == nil { failure = FileBytes.ioError(destination, errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        return temporary
    }

    /// Renames a staged temporary file over `destination` and fsyncs the folder, so the
    /// rename itself survives a power cut.
    /// - Throws: `HarnessError.io`; the temporary file is removed and the destination untouched.
    public static func install(_ temporary: String, at destination: String) throws {
        guard rename(temporary, destination) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileBytes.ioError(destination, code)
        }
        syncFolder(parentFolder(of: destination))
    }

    static func syncFolder(_ folder: String) {
        let folderFD = open(folder, O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// A fresh temporary name beside `destination`: hidden, and recognisable by
    /// `isTemporaryName` so an interrupted write can be found and removed later.
    static func temporaryPath(for destination: String) -> String {
        parentFolder(of: destination) + "/.\(baseName(of: destination))\(temporaryMarker)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    static let temporaryMarker = ".tmp-"

    /// Whether a file name is one of our temporary files (a write in progress or interrupted).
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(temporaryMarker)
    }
}
