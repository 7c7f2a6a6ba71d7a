import Foundation

/// One spawned process, leader of a process group of its own, so that everything it starts
/// can be stopped with it.
///
/// Design (see STYLE.md "Subprocesses"): spawned as a group leader (`ProcessSpawn`), output to
/// files, stdin from /dev/null. A dedicated thread waits for the leader without reaping it:
/// when the leader exits it is still a zombie, so its group id cannot be reused yet; the
/// thread then kills whatever the leader left behind in the group, takes the group out of
/// the registry, reaps the leader and wakes the waiting run through a `WakePipe`. The run
/// waits on that pipe, so a timeout or an interrupt never races a blocking wait. The system
/// calls are in `Platform/` (`ProcessSpawn`, `WakePipe`, `ProcessTree`, `SignalPipe`); the
/// last two find what left the group (a new session, a double fork) and catch signals.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    /// In the run's environment (`ProcessTree.tokenName`), inherited by its descendants, so
    /// that those that leave the group and the tree are still found (`ProcessTree`).
    let token: String
    private let wakePipe: WakePipe
    private let lock = Lock()
    private var ended: ProcessTermination?
    private var leaderGone = false
    /// Members of the tree signalled so far: reaped once they end (`ProcessTree.reap`).
    private var signalled: Set<pid_t> = []

    private init(pid: pid_t, token: String, wakePipe: WakePipe) {
        self.pid = pid
        self.token = token
        self.wakePipe = wakePipe
    }

    /// Starts `executable` (an absolute path) in a new process group.
    /// - Throws: `HarnessError.io` naming the executable when it cannot be started.
    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      workingDirectory: String, stdoutPath: String, stderrPath: String) throws -> ChildProcess {
        // Before the first child exists, so Ctrl-C can never leave one behind (pip included).
        InterruptSignal.install()
        let wakePipe = try WakePipe()
        let token = ProcessTree.newToken()
        var environment = environment
        environment[ProcessTree.tokenName] = token
        let pid = try ProcessSpawn.spawnGroupLeader(executable: executable, arguments: arguments, environment: environment,
                                                    workingDirectory: workingDirectory, stdoutPath: stdoutPath,
                                                    stderrPath: stderrPath)
        let child = ChildProcess(pid: pid, token: token, wakePipe: wakePipe)
        ProcessGroupRegistry.shared.add(child)
        let thread = Thread { child.waitForLeader() }
        thread.stackSize = 256 * 1024
        thread.start()
        return child
    }

    /// How the process ended, once it has.
    var termination: ProcessTermination? { lock.withLock { ended } }

    /// Waits until the process ends, `deadline` (monotonic seconds) passes, or `stop()` says
    /// to give up. Returns the termination, or nil when it is still running.
    func wait(until deadline: Double?, stop: () -> Bool = { false }) -> ProcessTermination? {
        while true {
            if let ended = termination { return ended }
            if stop() { return nil }
            var timeout: Int32 = -1
            if let deadline {
                let left = deadline - Clock.now
                if left <= 0 { return nil }
                timeout = Int32(min(left * 1000 + 1, 3_600_000))
            }
            wakePipe.wait(milliseconds: timeout)
        }
    }

    /// Wakes a `wait` so that it checks its stop condition again.
    func wake() {
        wakePipe.wake()
    }

    /// Sends `signal` to every process of the group (while the leader is not reaped, the
    /// group id is still ours) and of the run's tree: descendants that left the group, and
    /// orphans reparented to harness (`ProcessTree`).
    func signalGroup(_ signal: Int32) {
        lock.withLock {
            if !leaderGone {
                ProcessSpawn.signalGroup(pid, signal)
                let members = ProcessTree.members(leader: pid, token: token)
                ProcessTree.signal(members, signal)
                signalled.formUnion(members)
            }
        }
    }

    /// Asks every Python process of the group to print where it is and end: with
    /// `PYTHONFAULTHANDLER` set, SIGABRT writes each thread's stack to stderr first. Used at
    /// a timeout, which stops the group anyway.
    func abortForStacks() {
        signalGroup(SIGABRT)
    }

    /// Asks the group to stop (SIGTERM) and wakes the run waiting on it.
    func requestStop() {
        signalGroup(SIGTERM)
        wake()
    }

    /// Stops the whole group: SIGTERM, `grace` seconds for it to clean up, then SIGKILL.
    @discardableResult
    func stop(grace: Double) -> ProcessTermination {
        signalGroup(SIGTERM)
        if let ended = wait(until: Clock.now + grace) { return ended }
        signalGroup(SIGKILL)
        // SIGKILL cannot be caught; only a process stuck in the kernel outlives it for long.
        return wait(until: nil) ?? .signaled(SIGKILL)
    }

    private func waitForLeader() {
        ProcessSpawn.waitUntilEndedKeepingZombie(pid)
        // The leader is a zombie: no orphan may outlive the run, so the rest of its group
        // goes now, before the reap frees the group id for reuse.
        lock.withLock {
            ProcessSpawn.signalGroup(pid, SIGKILL)
            leaderGone = true
        }
        // Its children were reparented to harness when it ended; they, and anything of the run
        // that left the group, carry the run's token. A process forking while it is killed
        // may leave one more: look again until none is left (bounded).
        var killed: [pid_t] = []
        for _ in 0..<5 {
            let members = ProcessTree.members(leader: pid, token: token)
            if members.isEmpty { break }
            ProcessTree.signal(members, SIGKILL)
            killed += members
        }
        ProcessTree.reap(killed + lock.withLock { Array(signalled) }, within: 2)
        ProcessGroupRegistry.shared.remove(self)
        let result = ProcessSpawn.reap(pid)
        lock.withLock { ended = result }
        wake()
    }
}
