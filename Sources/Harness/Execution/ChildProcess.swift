#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How a child process ended.
public enum ProcessTermination: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
}

/// One spawned process, leader of a process group of its own, so that everything it starts
/// can be stopped with it.
///
/// Design (see STYLE.md "Subprocesses"): `posix_spawn` with `POSIX_SPAWN_SETPGROUP`, output to
/// files (no pipe to drain, no deadlock past 64 KiB), stdin from /dev/null. A dedicated thread
/// blocks in `waitid(WNOWAIT)`: when the leader exits it is still a zombie, so its group id
/// cannot be reused yet; the thread then kills whatever the leader left behind in the group,
/// takes the group out of the registry, reaps the leader and wakes the waiting run through a
/// pipe. The run waits with `poll` on that pipe, so a timeout or an interrupt never races a
/// blocking wait. This file, `InterruptSignal.swift` and `Platform/ProcessTree.swift` hold the
/// process system calls; the last finds what left the group (a new session, a double fork).
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    /// In the run's environment (`ProcessTree.tokenName`), inherited by its descendants, so
    /// that those that leave the group and the tree are still found (`ProcessTree`).
    let token: String
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let lock = Lock()
    private var ended: ProcessTermination?
    private var leaderGone = false
    /// Members of the tree signalled so far: reaped once they end (`ProcessTree.reap`).
    private var signalled: Set<pid_t> = []

    private init(pid: pid_t, token: String, wakeRead: Int32, wakeWrite: Int32) {
        self.pid = pid
        self.token = token
        self.wakeRead = wakeRead
        self.wakeWrite = wakeWrite
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Starts `executable` (an absolute path) in a new process group.
    /// - Throws: `HarnessError.io` naming the executable when it cannot be started.
    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      workingDirectory: String, stdoutPath: String, stderrPath: String) throws -> ChildProcess {
        // Before the first child exists, so Ctrl-C can never leave one behind (pip included).
        InterruptSignal.install()
        var fds: [Int32] = [-1, -1]
        guard makePipe(&fds) else { throw FileBytes.ioError("pipe", errno) }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var executable = executable
        var arguments = arguments
        if let addChdir = addChdir {
            _ = addChdir(&actions, workingDirectory)
        } else {
            // A C library without the chdir file action (glibc before 2.29): a shell changes
            // folder and replaces itself with the program.
            arguments = ["sh", "-c", "cd -- \"$0\" && exec \"$@\"", workingDirectory, executable] + arguments.dropFirst()
            executable = "/bin/sh"
        }

        // The child starts with default dispositions and an empty mask, whatever ours are
        // (we catch SIGINT/SIGTERM to clean up; the child must not inherit that).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGPIPE, SIGALRM, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments.dropFirst()).map { strdup($0) } + [nil]
        let token = ProcessTree.newToken()
        var environment = environment
        environment[ProcessTree.tokenName] = token
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(fds[0])
            close(fds[1])
            throw spawnError(executable, status, workingDirectory: workingDirectory)
        }
        let child = ChildProcess(pid: pid, token: token, wakeRead: fds[0], wakeWrite: fds[1])
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
            var entry = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, timeout) > 0 {
                var scratch = [UInt8](repeating: 0, count: 64)
                _ = scratch.withUnsafeMutableBytes { SystemCall.read(wakeRead, $0.baseAddress, $0.count) }
            }
        }
    }

    /// Wakes a `wait` so that it checks its stop condition again.
    func wake() {
        var byte: UInt8 = 1
        _ = SystemCall.writeAll(wakeWrite, &byte, 1)
    }

    /// Sends `signal` to every process of the group (while the leader is not reaped, the
    /// group id is still ours) and of the run's tree: descendants that left the group, and
    /// orphans reparented to harness (`ProcessTree`).
    func signalGroup(_ signal: Int32) {
        lock.withLock {
            if !leaderGone {
                _ = killpg(pid, signal)
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
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        // The leader is a zombie: no orphan may outlive the run, so the rest of its group
        // goes now, before the reap frees the group id for reuse.
        lock.withLock {
            _ = killpg(pid, SIGKILL)
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
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let result: ProcessTermination = (status & 0x7f) == 0
            ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
        lock.withLock { ended = result }
        wake()
    }

    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        return true
    }

    #if canImport(Glibc)
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    #else
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t?>, UnsafePointer<CChar>) -> Int32
    #endif

    /// `posix_spawn_file_actions_addchdir_np`, looked up at run time: the C headers hide it
    /// behind feature macros that Swift's module map does not set.
    private static let addChdir: AddChdir? = {
        #if canImport(Glibc)
        let everywhere: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT
        #else
        let everywhere = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
        #endif
        guard let symbol = dlsym(everywhere, "posix_spawn_file_actions_addchdir_np") else { return nil }
        // unsafeBitCast: the symbol is that C function, whose signature is fixed by POSIX.
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    private static func spawnError(_ executable: String, _ code: Int32, workingDirectory: String) -> HarnessError {
        switch code {
        case ENOENT where !FileBytes.exists(workingDirectory):
            return .io(path: workingDirectory, reason: "working folder does not exist")
        case ENOENT: return .io(path: executable, reason: "cannot run: no such file")
        case EACCES: return .io(path: executable, reason: "cannot run: permission denied", hint: "make it executable (chmod +x)")
        case ENOEXEC: return .io(path: executable, reason: "cannot run: not an executable format")
        default: return .io(path: executable, reason: "cannot run: " + String(cString: strerror(code)).lowercased())
        }
    }
}

/// Monotonic seconds, for deadlines (wall-clock jumps must not fire or delay a timeout).
enum Clock {
    static var now: Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
