#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads for small inputs (configs, contracts, JSON documents). Large data is
/// streamed by the comparators and validators instead.
public enum FileBytes {
    /// Reads the whole file.
    /// - Throws: `HarnessError.io` naming the path and the system's reason.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError(path, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ioError(path, errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw HarnessError.io(path: path, reason: "is a folder, expected a file")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { SystemCall.read(fd, $0.baseAddress, $0.count) }
            if count < 0 { throw ioError(path, errno) }
            if count == 0 { break }
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
