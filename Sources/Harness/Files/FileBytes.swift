#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads for small inputs (configs, contracts, JSON documents). Large data is
/// streamed by the comparators and validators instead.
public enum FileBytes {
    /// Reads the whole file, which must be a regular file of at most `ReadLimit.bytes`.
    /// - Throws: `HarnessError.io` naming the path and the system's reason, or saying that it
    ///   is a folder, not a regular file (a FIFO, a device), or over the limit.
    public static func read(_ path: String) throws -> [UInt8] {
        let file = try ReadOnlyFile(path: path)
        let status = file.status
        if status.isFolder {
            throw HarnessError.io(path: path, reason: "is a folder, expected a file")
        }
        let limit = ReadLimit.bytes
        if status.size > limit { throw ReadLimit.exceeded(path, "the file") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(status.size + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }
            if count == 0 { break }
            // A file that grows while it is read (or reports size 0, as /proc does).
            if bytes.count + count > limit { throw ReadLimit.exceeded(path, "the file") }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The system's words for `code`, as an `io` error about `path`.
    public static func ioError(_ path: String, _ code: Int32) -> HarnessError {
        let reason = String(cString: strerror(code)).lowercased()
        switch code {
        case ENOENT: return .io(path: path, reason: "no such file", hint: "check the path (relative paths start from the current folder)")
        case EACCES: return .io(path: path, reason: "permission denied")
        default: return .io(path: path, reason: reason)
        }
    }

    /// Whether `path` names an existing regular file or folder.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
