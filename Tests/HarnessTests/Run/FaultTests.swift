import Foundation
import Testing
@testable import Harness

/// Issue 14's fault campaign, kept: `harness run` killed with -9 while it writes goldens, a
/// full disk, runs whose grandchildren escape their group, and SIGINT/SIGTERM/SIGHUP mid-run.
/// Each starts the real binary on a small project whose pipeline is one Python file.
@Suite(.serialized, .tags(.python)) struct FaultTests {
    /// Lines in each generated output: about 9 MB each, so staging goldens takes long enough
    /// to be caught in the act.
    static let lines = 600_000

    /// What the pipeline writes to out/<name>.csv, computed here the same way.
    static func expected(_ name: String) -> String {
        var text = "i,value\n"
        text.reserveCapacity(lines * 16)
        for index in 0..<lines { text += "\(index),\(name)\(index * 7)\n" }
        return text
    }

    static let generator = """
    import os, sys
    os.makedirs('out', exist_ok=True)
    for name in ['a', 'b', 'c']:
        with open('out/' + name + '.csv', 'w', newline='') as f:
            f.write('i,value\\n')
            f.write(''.join(f'{i},{name}{i * 7}\\n' for i in range(\(lines))))
    """

    /// A project in a temporary folder (or in `folder`): the generator as the one case.
    static func project(in folder: String? = nil, pipeline: String = generator, timeout: Int = 120) throws -> String {
        let folder = try folder ?? TestSupport.temporaryFolder("fault")
        try TestSupport.write(pipeline, to: folder + "/gen.py")
        try TestSupport.write("""
        {"golden": "golden", "defaults": {"timeout": \(timeout)},
         "cases": {"big": {"inputs": {"gen.py": "gen.py"}, "pipeline": {"command": ["python3", "gen.py"]},
           "outputs": {"a.csv": {"path": "out/a.csv"}, "b.csv": {"path": "out/b.csv"}, "c.csv": {"path": "out/c.csv"}}}}}
        """, to: folder + "/harness.json")
        try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
        return folder
    }

    /// `harness run` started without waiting for it. Not Foundation's `Process`: its exit is
    /// noticed on the run loop of the thread that started it, which a Swift Testing task may
    /// have left. Started with SIGINT, SIGTERM and SIGHUP blocked, as `Process` starts its
    /// children, so that the tests also prove harness unblocks what it handles.
    final class Run {
        let pid: pid_t
        private(set) var status: Int32?

        init(_ arguments: [String], in folder: String, tmp: String) throws {
            let quoted = ([TestSupport.harnessBinary, "run"] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
            let script = "cd '\(folder)' && TMPDIR='\(tmp)' CI=false exec \(quoted) </dev/null >/dev/null 2>&1"
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var blocked = sigset_t()
            sigemptyset(&blocked)
            for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&blocked, number) }
            posix_spawnattr_setsigmask(&attributes, &blocked)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "GITHUB_ACTIONS")
            let words: [String] = ["/bin/sh", "-c", script]
            let argv = words.map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            var pid: pid_t = 0
            guard posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, envp) == 0 else {
                throw HarnessError.io(path: "/bin/sh", reason: "cannot start harness")
            }
            self.pid = pid
        }

        var isRunning: Bool {
            guard status == nil else { return false }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
            status = raw
            return false
        }

        /// Waits for the end; the exit code, or 128 + the signal that ended it.
        @discardableResult
        func wait() -> Int32 {
            while isRunning { usleep(5_000) }
            let raw = status ?? 0
            return (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        }
    }

    static func start(_ arguments: [String], in folder: String, tmp: String? = nil) throws -> Run {
        try Run(arguments, in: folder, tmp: tmp ?? folder + "/tmp")
    }

    static func temporaryFiles(in folder: String) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        return names.filter { AtomicFile.isTemporaryName(AtomicFile.baseName(of: $0)) }
    }

    static func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(1_000)
        }
        return condition()
    }

    /// Each golden is absent or whole, and either all are there or none (one batch).
    static func expectNoTornGolden(_ folder: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let present = ["a", "b", "c"].filter { FileManager.default.fileExists(atPath: folder + "/golden/big/\($0).csv") }
        #expect(present.isEmpty || present.count == 3, "a batch half written: \(present)", sourceLocation: sourceLocation)
        for name in present {
            #expect(ExecutionFixtures.read(folder + "/golden/big/\(name).csv") == expected(name), "golden \(name).csv is torn",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func killedWhileStagingGoldensLeavesNoTornGoldenAndTheNextRunCleansUp() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var caught = false
        for _ in 0..<3 where !caught {
            let run = try Self.start(["--update-golden"], in: folder)
            caught = Self.waitUntil(120) { !Self.temporaryFiles(in: folder + "/golden").isEmpty || !run.isRunning }
                && run.isRunning
            kill(run.pid, SIGKILL)
            run.wait()
            Self.expectNoTornGolden(folder)
            try? FileManager.default.removeItem(atPath: folder + "/golden/big")
        }
        #expect(caught, "no attempt was killed while a golden was staged")
        let next = try Self.start(["--update-golden"], in: folder)
        #expect(next.wait() == 0)
        #expect(Self.temporaryFiles(in: folder + "/golden").isEmpty, "stale temporary files are left in golden/")
        Self.expectNoTornGolden(folder)
        #expect(FileManager.default.fileExists(atPath: folder + "/golden/big/c.csv"))
    }

    @Test func aFullDiskWritesNoGoldenAndKeepsTheOldOnes() throws {
        guard getuid() == 0 else {
            print("FaultTests: disk-full test skipped: mounting a small tmpfs needs root")
            return
        }
        let mount = try TestSupport.temporaryFolder("fault-disk")
        defer { try? FileManager.default.removeItem(atPath: mount) }
        guard Self.shell("mount -t tmpfs -o size=12m tmpfs '\(mount)'") == 0 else {
            print("FaultTests: disk-full test skipped: this machine does not allow mounting a tmpfs")
            return
        }
        defer { _ = Self.shell("umount '\(mount)'") }
        let scratch = try TestSupport.temporaryFolder("fault-scratch")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let folder = try Self.project(in: mount)
        for name in ["a", "b", "c"] { try TestSupport.write("i,value\nold\n", to: folder + "/golden/big/\(name).csv") }
        // The sandboxes are elsewhere: only the goldens (3 x 9 MB) meet the 12 MB disk.
        let run = try Self.start(["--update-golden"], in: folder, tmp: scratch)
        #expect(run.wait() == 2, "a run that could not write its goldens did not fail as an I/O error")
        for name in ["a", "b", "c"] {
            #expect(ExecutionFixtures.read(folder + "/golden/big/\(name).csv") == "i,value\nold\n", "golden \(name).csv changed")
        }
        #expect(Self.temporaryFiles(in: folder + "/golden").isEmpty, "staged files were left on the full disk")
    }

    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A pipeline that starts a grandchild in a new session and a double-forked daemon, writes
    /// their pids to `pids`, and sleeps.
    static func escaping(pids: String) -> String {
        ExecutionTests.ProcessTeardownTests.escapers.replacingOccurrences(of: "'session.pid'", with: "'\(pids)/session.pid'")
            .replacingOccurrences(of: "'partial.pid'", with: "'\(pids)/partial.pid'")
            .replacingOccurrences(of: "'daemon.pid'", with: "'\(pids)/daemon.pid'")
            + "\nopen('\(pids)/leader.pid', 'w').write(str(os.getpid()))\ntime.sleep(100)\n"
    }

    static func escapedPids(_ pids: String) -> [Int32] {
        ["session", "daemon", "leader"].compactMap { Int32(ExecutionFixtures.read(pids + "/\($0).pid")) }
    }

    static func sandboxes(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/tmp")) ?? []).filter { $0.hasPrefix("harness-") }
    }

    @Test func aTimeoutStopsGrandchildrenThatLeftTheGroupOrTheTree() throws {
        let pids = try TestSupport.temporaryFolder("fault-pids")
        defer { try? FileManager.default.removeItem(atPath: pids) }
        let folder = try Self.project(pipeline: Self.escaping(pids: pids), timeout: 3)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Self.start([], in: folder)
        #expect(run.wait() == 3, "a timeout is exit 3")
        let escaped = Self.escapedPids(pids)
        #expect(escaped.count == 3, "the pipeline started its grandchildren before the timeout")
        for pid in escaped { #expect(ExecutionTests.ProcessTeardownTests.isReaped(pid), "process \(pid) outlived harness") }
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalMidRunStopsEveryProcessAndRemovesTheSandbox(signal: Int32) throws {
        let pids = try TestSupport.temporaryFolder("fault-pids")
        defer { try? FileManager.default.removeItem(atPath: pids) }
        let folder = try Self.project(pipeline: Self.escaping(pids: pids))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Self.start([], in: folder)
        #expect(Self.waitUntil(60) { Self.escapedPids(pids).count == 3 }, "the pipeline started within 60 s")
        kill(run.pid, signal)
        #expect(Self.waitUntil(20) { !run.isRunning }, "harness did not stop on signal \(signal)")
        if run.isRunning { kill(run.pid, SIGKILL) }
        #expect(run.wait() == 3, "harness cleaned up and exited 3 (a run did not complete), not killed by signal \(signal)")
        for pid in Self.escapedPids(pids) {
            #expect(ExecutionTests.ProcessTeardownTests.isReaped(pid), "process \(pid) outlived harness")
        }
        #expect(Self.sandboxes(in: folder).isEmpty, "a sandbox was left behind: \(Self.sandboxes(in: folder))")
    }
}
