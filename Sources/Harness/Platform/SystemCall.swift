#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls whose names clash with Swift methods (`read`, `write`), wrapped once
/// so the rest of the library stays free of platform conditionals.
public enum SystemCall {
    /// `read(2)`, retried on EINTR. Returns bytes read, 0 at end of file, -1 with errno set.
    @inline(__always)
    public static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        while true {
            #if canImport(Glibc)
            let result = Glibc.read(fd, buffer, count)
            #else
            let result = Darwin.read(fd, buffer, count)
            #endif
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }

    /// Writes all of `count` bytes, retrying on EINTR and short writes. Returns false with
    /// errno set on failure.
    public static func writeAll(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard let buffer else { return count == 0 }
        var offset = 0
        while offset < count {
            #if canImport(Glibc)
            let result = Glibc.write(fd, buffer + offset, count - offset)
            #else
            let result = Darwin.write(fd, buffer + offset, count - offset)
            #endif
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += result
        }
        return true
    }
}
