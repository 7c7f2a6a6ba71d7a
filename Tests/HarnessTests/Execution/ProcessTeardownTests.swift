import Foundation
import Testing
@testable import Harness

extension ExecutionTests {
    /// Timeouts and interrupts stop the whole process group: no grandchild outlives a run.
    @Suite struct ProcessTeardownTests {
        typealias F = ExecutionFixtures

        /// Starts `sleep 1000` as a grandchild, writes its pid to `sleeper.pid` in the sandbox.
        static let startSleeper = """
        import subprocess
        sleeper = subprocess.Popen(['sleep', '1000'])
        open('sleeper.pid', 'w').write(str(sleeper.pid))
        """

        static func sleeperPid(_ result: RunResult) throws -> Int32 {
            try #require(Int32(F.read(result.sandbox + "/sleeper.pid")))
        }

        @Test func runTimeoutStopsTheNotebookAndItsGrandchild() throws {
            let result = try F.runNotebook([.code(Self.startSleeper), .code("import time\ntime.sleep(60)")],
                                           python: try F.plain(), timeout: 1.5)
            guard case .timedOut(let seconds, let failure) = result.outcome else {
                Issue.record("expected a timeout, got \(result.outcome)")
                return
            }
            #expect(seconds == 1.5)
            #expect(failure?.cellNumber == 2, "the driver reports the cell it was in when stopped")
            #expect(failure?.lineInCell == 2)
            #expect(failure?.traceback?.contains("time.sleep(60)") == true, "the stack of where it was")
            #expect(result.seconds < 10)
            #expect(F.processIsGone(try Self.sleeperPid(result)))
            Runner.removeSandbox(result.sandbox)
        }

        @Test func cellTimeoutNamesTheCell() throws {
            let result = try F.runNotebook([.code("x = 1"), .code("import time\nwhile True:\n    time.sleep(0.05)")],
                                           python: try F.plain(), cellTimeout: 1)
            guard case .timedOut(let seconds, let failure) = result.outcome else {
                Issue.record("expected a timeout, got \(result.outcome)")
                return
            }
            #expect(seconds == 1)
            #expect(failure?.cellNumber == 2)
            #expect(failure?.lineInCell == 3)
            #expect(failure?.summary.contains("cell 2") == true)
            Runner.removeSandbox(result.sandbox)
        }

        @Test func grandchildLeftRunningByACompletedNotebookIsStopped() throws {
            let result = try F.runNotebook([.code(Self.startSleeper)], python: try F.plain())
            #expect(result.isCompleted)
            #expect(F.processIsGone(try Self.sleeperPid(result)))
            Runner.removeSandbox(result.sandbox)
        }

        @Test func pipelineTimeoutStopsItsGrandchild() throws {
            let folder = try TestSupport.temporaryFolder("pipe")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try TestSupport.write(Self.startSleeper + "\nimport time\ndef wait():\n    time.sleep(60)\nwait()\n", to: folder + "/slow.py")
            let job = RunJob(target: .pipeline(command: ["python", folder + "/slow.py"], pythonpath: []),
                             label: "test/pipeline", timeout: 1, python: try F.plain())
            let result = try Runner.run(job, console: BufferConsole())
            guard case .timedOut(_, let failure) = result.outcome else {
                Issue.record("expected a timeout, got \(result.outcome)")
                return
            }
            // Where it was: Python's stack, printed when it was stopped.
            #expect(failure?.file == folder + "/slow.py")
            #expect(failure?.lineInCell == 6)
            #expect(failure?.summary.hasSuffix("slow.py, line 6 (wait)") == true)
            #expect(failure?.traceback?.contains("most recent call first") == true)
            #expect(F.processIsGone(try Self.sleeperPid(result)))
            Runner.removeSandbox(result.sandbox)
        }

        /// What Ctrl-C does (the signal handler calls the same function): every live run stops
        /// with its group and returns `.interrupted`, and a run started afterwards does not start.
        @Test func interruptStopsEveryLiveRun() throws {
            let python = try F.plain()
            // The sleepers' pids go to a folder known before the runs return, so the test waits
            // for both grandchildren to exist instead of guessing how long that takes.
            let pids = try TestSupport.temporaryFolder("interrupt-pids")
            defer {
                try? FileManager.default.removeItem(atPath: pids)
                ProcessGroupRegistry.shared.reset()
            }
            let results = Lock()
            nonisolated(unsafe) var finished: [RunResult] = []
            let threads = (0..<2).map { index in
                Thread {
                    let startSleeper = """
                    import os, subprocess
                    sleeper = subprocess.Popen(['sleep', '1000'])
                    open('\(pids)/partial-\(index)', 'w').write(str(sleeper.pid))
                    os.replace('\(pids)/partial-\(index)', '\(pids)/sleeper-\(index).pid')
                    """
                    let result = try? F.runNotebook([.code(startSleeper), .code("import time\ntime.sleep(60)")],
                                                    python: python, timeout: 120)
                    results.withLock { if let result { finished.append(result) } }
                }
            }
            threads.forEach { $0.start() }
            let end = Date().addingTimeInterval(60)
            func sleeperPids() -> [Int32] { (0..<2).compactMap { Int32(F.read(pids + "/sleeper-\($0).pid")) } }
            while sleeperPids().count < 2 && Date() < end { usleep(20_000) }
            let sleepers = sleeperPids()
            Runner.interruptAll()
            while results.withLock({ finished.count }) < 2 && Date() < end { usleep(20_000) }
            #expect(sleepers.count == 2, "both notebooks started their grandchild within 60 s")
            let done = results.withLock { finished }
            #expect(done.count == 2)
            for result in done {
                guard case .interrupted = result.outcome else {
                    Issue.record("expected .interrupted, got \(result.outcome)")
                    continue
                }
                Runner.removeSandbox(result.sandbox)
            }
            for pid in sleepers { #expect(F.processIsGone(pid)) }
            let late = try F.runNotebook([.code("x = 1")], python: python)
            guard case .interrupted = late.outcome else {
                Issue.record("a run started after an interrupt must not run")
                return
            }
            Runner.removeSandbox(late.sandbox)
        }
    }
}

extension ExecutionTests.ProcessTeardownTests {
    /// A cell that blocks the timeout signal is still stopped (faulthandler's backstop, a few
    /// seconds later) and still reported by cell and line.
    @Test func cellIgnoringItsTimeoutIsKilledAndNamed() throws {
        let result = try F.runNotebook([
            .code("import signal, time\nsignal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\ntime.sleep(60)"),
        ], python: try F.plain(), cellTimeout: 0.5)
        guard case .timedOut(_, let failure) = result.outcome else {
            Issue.record("expected a timeout, got \(result.outcome)")
            return
        }
        #expect(failure?.cellNumber == 1)
        #expect(failure?.lineInCell == 3)
        #expect(result.seconds < 15)
        Runner.removeSandbox(result.sandbox)
    }
}
