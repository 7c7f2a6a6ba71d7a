#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the fuzz targets share: a scratch folder for inputs that the library reads from
/// files, and invariants that abort (so libFuzzer keeps the input) when broken.
enum FuzzCheck {
    static let folder: String = {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/harness-fuzz-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("cannot make a scratch folder in \(base)") }
        return String(cString: made)
    }()

    /// Writes `bytes` to `name` in the scratch folder and returns its path.
    static func file(_ name: String, _ bytes: ArraySlice<UInt8>) -> String {
        let path = folder + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        precondition(fd >= 0, "cannot write \(path)")
        _ = bytes.withUnsafeBytes { SystemCall.writeAll(fd, $0.baseAddress, $0.count) }
        close(fd)
        return path
    }

    /// Splits an input in two at the first `0xFF` byte (never in UTF-8 text), so one input
    /// carries two documents: a contract and its data, or two sides of a diff.
    static func split(_ bytes: [UInt8]) -> (ArraySlice<UInt8>, ArraySlice<UInt8>) {
        guard let cut = bytes.firstIndex(of: 0xFF) else { return (bytes[...], bytes[...]) }
        return (bytes[..<cut], bytes[(cut + 1)...])
    }

    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            let text = "invariant broken: \(message())\n"
            _ = text.utf8CString.withUnsafeBufferPointer { SystemCall.writeAll(2, $0.baseAddress, $0.count - 1) }
            abort()
        }
    }
}
