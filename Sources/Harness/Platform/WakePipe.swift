#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A self-pipe that one thread waits on (with a timeout) and any thread wakes: how a run
/// waits for its process without racing a blocking `waitpid` against a timeout or an
/// interrupt. Both ends are close-on-exec (no child inherits them) and non-blocking.
final class WakePipe: @unchecked Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    /// - Throws: `HarnessError.io` when the process is out of file descriptors.
    init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw FileBytes.ioError("pipe", errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Waits until woken or `milliseconds` pass (-1: no limit), then drains the wake-ups.
    func wait(milliseconds: Int32) {
        var entry = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        if poll(&entry, 1, milliseconds) > 0 {
            var scratch = [UInt8](repeating: 0, count: 64)
            _ = scratch.withUnsafeMutableBytes { SystemCall.read(readEnd, $0.baseAddress, $0.count) }
        }
    }

    /// Wakes the waiting thread (async-signal-safe: one `write`).
    func wake() {
        var byte: UInt8 = 1
        _ = SystemCall.writeAll(writeEnd, &byte, 1)
    }
}
