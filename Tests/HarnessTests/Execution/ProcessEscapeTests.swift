import Foundation
import Testing
@testable import Harness

extension ExecutionTests.ProcessTeardownTests {
    /// Issue 14, item 7: grandchildren that leave the process group (a new session) or the
    /// tree (a double fork, reparented to harness) are stopped and reaped with their run.
    static let escapers = """
    import os, subprocess, sys, time
    session = subprocess.Popen(['sleep', '1000'], start_new_session=True)
    open('session.pid', 'w').write(str(session.pid))
    middle = os.fork()
    if middle == 0:
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                open('partial.pid', 'w').write(str(os.getpid()))
                os.replace('partial.pid', 'daemon.pid')
                time.sleep(1000)
            os._exit(0)
        os._exit(0)
    os.waitpid(middle, 0)
    while not os.path.exists('daemon.pid'):
        time.sleep(0.01)
    """

    static func escaperPids(_ result: RunResult) throws -> [Int32] {
        [try #require(Int32(F.read(result.sandbox + "/session.pid"))),
         try #require(Int32(F.read(result.sandbox + "/daemon.pid")))]
    }

    /// Gone and reaped: not even a zombie left under harness (the test process here).
    static func isReaped(_ pid: Int32, within seconds: Double = 3) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if kill(pid, 0) != 0 && errno == ESRCH { return true }
            usleep(20_000)
        }
        return false
    }

    @Test func pipelineTimeoutStopsGrandchildrenInANewSessionAndDoubleForked() throws {
        let folder = try TestSupport.temporaryFolder("escape")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(Self.escapers + "\ntime.sleep(60)\n", to: folder + "/slow.py")
        let job = RunJob(target: .pipeline(command: ["python", folder + "/slow.py"], pythonpath: []),
                         label: "test/escape", timeout: 3, python: try F.plain())
        let result = try Runner.run(job, console: BufferConsole())
        guard case .timedOut = result.outcome else {
            Issue.record("expected a timeout, got \(result.outcome) \(F.read(result.stderrPath))")
            return
        }
        for pid in try Self.escaperPids(result) { #expect(Self.isReaped(pid), "process \(pid) outlived the timeout") }
        Runner.removeSandbox(result.sandbox)
    }

    @Test func notebookThatCompletesLeavesNoDaemonBehind() throws {
        let result = try F.runNotebook([.code(Self.escapers)], python: try F.plain())
        #expect(result.isCompleted, "\(result.outcome)")
        for pid in try Self.escaperPids(result) { #expect(Self.isReaped(pid), "process \(pid) outlived the run") }
        Runner.removeSandbox(result.sandbox)
    }
}
