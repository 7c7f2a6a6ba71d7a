#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
public enum ProcessTermination: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
}

/// The process system calls of a run: `posix_spawn` into a new process group, waiting for
/// the leader without reaping it, reaping it, and signalling its group.
///
/// Kept here so that `ChildProcess` (what a run does with its process) holds no system call,
/// and a port to another C library changes this file, `SignalPipe.swift`, `WakePipe.swift`
/// and `ProcessTree.swift` only.
enum ProcessSpawn {
    /// Starts `executable` (an absolute path) as the leader of a new process group, stdin from
    /// /dev/null and stdout/stderr to the given files (no pipe to drain, no deadlock past
    /// 64 KiB), with default signal dispositions and an empty mask whatever ours are.
    /// - Returns: the child's pid (its group id too).
    /// - Throws: `HarnessError.io` naming the executable when it cannot be started.
    static func spawnGroupLeader(executable: String, arguments: [String], environment: [String: String],
                                 workingDirectory: String, stdoutPath: String, stderrPath: String) throws -> pid_t {
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
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw spawnError(executable, status, workingDirectory: workingDirectory) }
        return pid
    }

    /// Blocks until `pid` has ended, leaving it a zombie (`waitid` with `WNOWAIT`): while it
    /// is not reaped, its pid and process group id cannot be reused, so the group can still
    /// be signalled safely.
    static func waitUntilEndedKeepingZombie(_ pid: pid_t) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
    }

    /// Reaps `pid` (blocking) and says how it ended.
    static func reap(_ pid: pid_t) -> ProcessTermination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
    }

    /// Sends `signal` to the process group `group`.
    static func signalGroup(_ group: pid_t, _ signal: Int32) {
        _ = killpg(group, signal)
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
