#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// The write end of the self-pipe; set once, before the handlers are installed, and only
// read afterwards (by the handlers), so the unchecked global is safe.
nonisolated(unsafe) private var interruptPipeWrite: Int32 = -1

/// Ctrl-C, SIGTERM and SIGHUP (the terminal closed, CI cancelled) while runs are live: stop every process group and let the runs return
/// `.interrupted`, instead of dying and leaving children and sandboxes behind.
///
/// The handler only writes the signal number to a pipe (async-signal-safe); a thread reads
/// it and does the work. With no live run, or at the second signal, the default action is
/// restored and the signal raised again, so the tool still stops when nothing needs
/// cleaning (the library never calls `exit`).
enum InterruptSignal {
    private static let installed: Bool = {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        interruptPipeWrite = fds[1]
        let reader = fds[0]
        let thread = Thread { listen(reader) }
        thread.stackSize = 256 * 1024
        thread.start()
        // Orphans of a run (a double fork) come back to harness instead of init, so a stop
        // can find and reap them.
        ProcessTree.becomeSubreaper()
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(interruptPipeWrite, &byte, 1)
            }
        }
        return true
    }()

    /// Installs the handlers once per process (the first run does it).
    static func install() {
        _ = installed
    }

    private static func listen(_ fd: Int32) {
        // A parent may start harness with these signals blocked (Foundation's `Process` does;
        // the mask is inherited through exec): unblocked in this thread, they reach the
        // handler whatever the other threads block.
        var handled = sigset_t()
        sigemptyset(&handled)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&handled, number) }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        var seen = 0
        while true {
            var byte: UInt8 = 0
            let count = SystemCall.read(fd, &byte, 1)
            if count <= 0 { return }
            seen += 1
            let stopped = ProcessGroupRegistry.shared.interruptAll()
            if stopped == 0 || seen > 1 {
                signal(Int32(byte), SIG_DFL)
                raise(Int32(byte))
            }
        }
    }
}
