#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run's processes beyond its process group: what a timeout or an interrupt must stop.
///
/// A process group is not enough: a grandchild started with `start_new_session=True`
/// (`setsid`) leaves it, and one started by a double fork is reparented away from the run.
/// So harness makes itself a child subreaper (`PR_SET_CHILD_SUBREAPER`): an orphan anywhere
/// below it is reparented to harness, not to init. Every run's environment carries a token
/// (`HARNESS_RUN_TOKEN`) that its descendants inherit. A run's tree is then the live
/// descendants of its leader, plus the orphans reparented to harness that carry its token,
/// with their descendants: found by reading `/proc`, killed, and reaped one pid at a time.
///
/// Reaping never waits on "any child" (`waitpid(-1)`): the run's leader is waited for by its
/// own thread, and a test process or a host has children of its own. Only the pids killed
/// here are reaped, with `WNOHANG`, for a bounded time. Linux only (`/proc`, `prctl`);
/// elsewhere the tree is the process group alone.
enum ProcessTree {
    static let tokenName = "HARNESS_RUN_TOKEN"

    /// A token no other run of this harness process has.
    static func newToken() -> String { "\(getpid())-\(tokens.next())" }

    private static let tokens = TokenCounter()

    private final class TokenCounter: @unchecked Sendable {
        private let lock = Lock()
        private var value = 0

        func next() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
    }

    /// Makes this process the subreaper of its descendants (once; Linux only).
    static func becomeSubreaper() {
        #if canImport(Glibc)
        // `prctl` is variadic in C and not in Swift's Glibc module: looked up by name and
        // called with the five words the kernel reads. 36 is PR_SET_CHILD_SUBREAPER
        // (linux/prctl.h, since Linux 3.4).
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard let symbol = dlsym(nil, "prctl") else { return }
        // unsafeBitCast: the symbol is that C function; its ABI passes these as words.
        _ = unsafeBitCast(symbol, to: Prctl.self)(36, 1, 0, 0, 0)
        #endif
    }

    /// The live processes of the run led by `leader` with `token`, leader excluded: its
    /// descendants, and the orphans reparented to harness that carry the token, with theirs.
    static func members(leader: pid_t, token: String) -> [pid_t] {
        #if canImport(Glibc)
        let parents = parentsByProcess()
        var children: [pid_t: [pid_t]] = [:]
        for (child, parent) in parents { children[parent, default: []].append(child) }
        let marker = Array("\(tokenName)=\(token)\0".utf8)
        let ours = getpid()
        var roots = children[leader] ?? []
        for orphan in children[ours] ?? [] where orphan != leader && environment(of: orphan, holds: marker) {
            roots.append(orphan)
        }
        var found: [pid_t] = []
        var seen: Set<pid_t> = [leader, ours]
        while let next = roots.popLast() {
            guard seen.insert(next).inserted else { continue }
            found.append(next)
            roots += children[next] ?? []
        }
        return found
        #else
        return []
        #endif
    }

    /// Sends `signal` to each of `pids`.
    static func signal(_ pids: [pid_t], _ signal: Int32) {
        for pid in pids { _ = kill(pid, signal) }
    }

    /// Reaps those of `pids` that are (or become, once reparented) children of harness, for
    /// at most `seconds`. Each is waited for by its own pid with `WNOHANG`, so this never
    /// blocks and never reaps a process it was not given.
    static func reap(_ pids: [pid_t], within seconds: Double) {
        #if canImport(Glibc)
        var pending = Set(pids)
        let end = Clock.now + seconds
        while !pending.isEmpty {
            for pid in pending {
                var info = siginfo_t()
                if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG) == 0 {
                    // Reaped (si_pid set), or ours and not ended yet (si_pid 0): wait more.
                    if info._sifields._sigchld.si_pid == pid { pending.remove(pid) }
                } else if errno == ECHILD, !isZombieOrAlive(pid) {
                    pending.remove(pid)
                }
            }
            if pending.isEmpty || Clock.now > end { return }
            usleep(10_000)
        }
        #endif
    }

    #if canImport(Glibc)
    /// Parent of every process visible in `/proc`.
    private static func parentsByProcess() -> [pid_t: pid_t] {
        guard let folder = opendir("/proc") else { return [:] }
        defer { closedir(folder) }
        var parents: [pid_t: pid_t] = [:]
        while let entry = readdir(folder) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard let pid = pid_t(name), let status = status(of: pid) else { continue }
            parents[pid] = status.parent
        }
        return parents
    }

    /// State letter and parent from `/proc/PID/stat` ("pid (comm) S ppid ..."; comm may hold
    /// spaces and parentheses, so the fields start after the last ')').
    private static func status(of pid: pid_t) -> (state: UInt8, parent: pid_t)? {
        guard let bytes = try? FileBytes.read("/proc/\(pid)/stat"),
              let close = bytes.lastIndex(of: UInt8(ascii: ")")), close + 2 < bytes.count else { return nil }
        let fields = bytes[(close + 2)...].split(separator: UInt8(ascii: " "), maxSplits: 2)
        guard fields.count >= 2, let state = fields[0].first,
              let parent = pid_t(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return (state, parent)
    }

    private static func isZombieOrAlive(_ pid: pid_t) -> Bool {
        status(of: pid) != nil
    }

    /// Whether `/proc/PID/environ` holds `marker` (a process of another user, or one that
    /// has ended, cannot be read: false).
    private static func environment(of pid: pid_t, holds marker: [UInt8]) -> Bool {
        guard let bytes = try? FileBytes.read("/proc/\(pid)/environ"), bytes.count >= marker.count else { return false }
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0).map { $0 + 1 } ?? bytes.count
            if end - start == marker.count, bytes[start..<end].elementsEqual(marker) { return true }
            start = end
        }
        return false
    }
    #endif
}
