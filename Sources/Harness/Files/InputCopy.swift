#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies a run's input (a file or a whole folder) into its sandbox as plain files and
/// folders only. A symbolic link anywhere in the source is followed for reading and never
/// kept: a link copied as a link would let the notebook write through it to the file
/// outside the project (issue 14, item 1). Anything that is neither a regular file nor a
/// folder (a FIFO, a device, a socket) is refused, since reading it could hang or never end;
/// a folder that links back to one of its own parents is refused instead of copied forever.
enum InputCopy {
    /// Copies `source` to `target` (which must not exist yet).
    /// - Throws: `HarnessError.io` naming the offending path inside `source`.
    static func copy(_ source: String, to target: String) throws {
        try copy(source, to: target, parents: [])
    }

    private struct Identity: Equatable {
        let device: UInt64
        let inode: UInt64
    }

    private static func copy(_ source: String, to target: String, parents: [Identity]) throws {
        var info = stat()
        guard stat(source, &info) == 0 else {
            let code = errno
            if code == ENOENT, lstat(source, &info) == 0 {
                throw HarnessError.io(path: source, reason: "is a symbolic link to nothing",
                                      hint: "fix or remove the link, or point the case's \"inputs\" elsewhere")
            }
            throw FileBytes.ioError(source, code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            try copyFile(source, to: target, mode: info.st_mode & 0o777)
        case S_IFDIR:
            let identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if parents.contains(identity) {
                throw HarnessError.io(path: source, reason: "is a link back to a folder that holds it (a cycle)",
                                      hint: "remove the link from the input folder")
            }
            guard mkdir(target, 0o755) == 0 else { throw FileBytes.ioError(target, errno) }
            for name in try entries(of: source) {
                try copy(source + "/" + name, to: target + "/" + name, parents: parents + [identity])
            }
        default:
            throw HarnessError.io(path: source, reason: "is not a regular file or folder (a FIFO, device or socket)",
                                  hint: "inputs are copied into the sandbox; give a regular file")
        }
    }

    private static func entries(of folder: String) throws -> [String] {
        guard let stream = opendir(folder) else { throw FileBytes.ioError(folder, errno) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Streams one file into a new file (never through an existing one: `O_EXCL`).
    private static func copyFile(_ source: String, to target: String, mode: mode_t) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard input >= 0 else { throw FileBytes.ioError(source, errno) }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode | 0o200)
        guard output >= 0 else { throw FileBytes.ioError(target, errno) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { SystemCall.read(input, $0.baseAddress, $0.count) }
            if count < 0 { throw FileBytes.ioError(source, errno) }
            if count == 0 { return }
            let written = buffer.withUnsafeBytes { SystemCall.writeAll(output, $0.baseAddress, count) }
            if !written { throw FileBytes.ioError(target, errno) }
        }
    }
}
