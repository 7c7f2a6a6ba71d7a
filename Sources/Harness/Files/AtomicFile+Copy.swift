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
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw FileBytes.ioError(source, errno) }
        defer { close(input) }
        let folder = parentFolder(of: destination)
        try makeFolders(folder)
        let temporary = folder + "/.\(baseName(of: destination)).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
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
        close(output)
        if failure == nil && rename(temporary, destination) != 0 { failure = FileBytes.ioError(destination, errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        let folderFD = open(folder, O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }
}
