/// Ctrl-C, SIGTERM and SIGHUP (the terminal closed, CI cancelled) while runs are live: stop
/// every process group and let the runs return `.interrupted`, instead of dying and leaving
/// children and sandboxes behind.
///
/// The signals arrive on a thread of their own (`SignalPipe`). With no live run, or at the
/// second signal, the default action is restored and the signal raised again, so the tool
/// still stops when nothing needs cleaning (the library never calls `exit`).
enum InterruptSignal {
    private static let installed: Bool = {
        // Orphans of a run (a double fork) come back to harness instead of init, so a stop
        // can find and reap them.
        ProcessTree.becomeSubreaper()
        let seen = SignalCount()
        return SignalPipe.install { number in
            let count = seen.increment()
            let stopped = ProcessGroupRegistry.shared.interruptAll()
            if stopped == 0 || count > 1 {
                SignalPipe.raiseWithDefaultAction(number)
            }
        }
    }()

    /// Installs the handlers once per process (the first run does it).
    static func install() {
        _ = installed
    }

    /// Signals received so far (only the listener thread counts them).
    private final class SignalCount: @unchecked Sendable {
        private var value = 0

        func increment() -> Int {
            value += 1
            return value
        }
    }
}
