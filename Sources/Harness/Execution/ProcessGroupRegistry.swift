/// Every live run's process group, so that Ctrl-C (or SIGTERM) can stop them all.
///
/// Runs on several threads add and remove their groups; an interrupt marks the registry
/// interrupted for good (runs that start later return `.interrupted` at once), sends
/// SIGTERM to every group and wakes the runs, which then finish the stop (grace, SIGKILL)
/// themselves on their own threads.
final class ProcessGroupRegistry: @unchecked Sendable {
    static let shared = ProcessGroupRegistry()

    private let lock = Lock()
    private var live: [Int32: ChildProcess] = [:]
    private var interruptedFlag = false

    var interrupted: Bool { lock.withLock { interruptedFlag } }
    var liveCount: Int { lock.withLock { live.count } }

    func add(_ child: ChildProcess) {
        let late = lock.withLock { () -> Bool in
            live[child.pid] = child
            return interruptedFlag
        }
        // Spawned while an interrupt was being handled: it must not escape the stop.
        if late { child.requestStop() }
    }

    func remove(_ child: ChildProcess) {
        lock.withLock { live[child.pid] = nil }
    }

    /// Stops every live group. Returns how many there were.
    @discardableResult
    func interruptAll() -> Int {
        lock.withLock {
            interruptedFlag = true
            for child in live.values { child.requestStop() }
            return live.count
        }
    }

    /// Forgets an interrupt (tests; a long-lived host that handled it).
    func reset() {
        lock.withLock { interruptedFlag = false }
    }
}
