#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// The write end of the self-pipe; set once, before the handlers are installed, and only
// read afterwards (by the handlers), so the unchecked global is safe.
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1

/// Termination signals turned into calls on an ordinary thread.
///
/// The handler only writes the signal number to a pipe (async-signal-safe); a thread of its
/// own reads it and calls `listener`, where anything may be done (taking locks, signalling
/// process groups). Installed at most once per process.
enum SignalPipe {
    /// The signals that stop harness from outside: Ctrl-C, `kill`, and SIGHUP (the terminal
    /// closed, CI cancelled).
    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs handlers for `terminationSignals` that call `listener` with the signal
    /// number, on a thread of its own. Returns false when no pipe could be made.
    static func install(listener: @escaping @Sendable (Int32) -> Void) -> Bool {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        signalPipeWrite = fds[1]
        let reader = fds[0]
        let thread = Thread { listen(reader, listener) }
        thread.stackSize = 256 * 1024
        thread.start()
        for number in terminationSignals {
            signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipeWrite, &byte, 1)
            }
        }
        return true
    }

    /// Restores the default action of `number` and raises it: the process ends as the
    /// signal would have ended it without a handler.
    static func raiseWithDefaultAction(_ number: Int32) {
        signal(number, SIG_DFL)
        raise(number)
    }

    private static func listen(_ fd: Int32, _ listener: (Int32) -> Void) {
        // A parent may start harness with these signals blocked (Foundation's `Process` does;
        // the mask is inherited through exec): unblocked in this thread, they reach the
        // handler whatever the other threads block.
        var handled = sigset_t()
        sigemptyset(&handled)
        for number in terminationSignals { sigaddset(&handled, number) }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        while true {
            var byte: UInt8 = 0
            let count = SystemCall.read(fd, &byte, 1)
            if count <= 0 { return }
            listener(Int32(byte))
        }
    }
}
