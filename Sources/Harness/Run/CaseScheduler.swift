import Foundation

/// Runs the notebooks and pipelines of the selected cases on `jobs` worker threads; when
/// the last run of a case finishes, evaluates the case, prints its line and cleans up.
final class CaseScheduler: @unchecked Sendable {
    struct Finished: Sendable {
        var report: CaseReport
        var golden: GoldenSummary
        /// The side each output's golden was recorded (staged) from.
        var recorded: [String: RunSide] = [:]
    }

    struct Task: Sendable {
        var caseIndex: Int
        var side: RunSide
        var repetition: Int
    }

    let cases: [CaseConfig]
    let options: RunOptions
    let python: PythonEnvironment
    let store: GoldenStore
    let batch: GoldenBatch?
    let console: Console
    let progress: RunProgress

    // Guarded by `lock`.
    private let lock = Lock()
    private var pending: [Task] = []
    private var runs: [Int: [SideRun]] = [:]
    private var remaining: [Int: Int] = [:]
    private var started: [Int: Date] = [:]
    private var finished: [String: Finished] = [:]

    init(cases: [CaseConfig], options: RunOptions, python: PythonEnvironment, store: GoldenStore, batch: GoldenBatch? = nil, console: Console) {
        self.cases = cases
        self.options = options
        self.python = python
        self.store = store
        self.batch = batch
        self.console = console
        var tasks: [Task] = []
        for (index, caseConfig) in cases.enumerated() {
            for repetition in 1...max(1, options.repeatCount) {
                for side in caseConfig.sides { tasks.append(Task(caseIndex: index, side: side, repetition: repetition)) }
            }
            remaining[index] = caseConfig.sides.count * max(1, options.repeatCount)
        }
        pending = tasks.reversed()
        progress = RunProgress(console: console, total: tasks.count)
    }

    /// Runs everything; returns the finished cases by name.
    func run() -> [String: Finished] {
        let workers = max(1, min(options.jobs, pending.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                work()
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        progress.clear()
        return lock.withLock { finished }
    }

    private func work() {
        while let task = next() {
            let caseConfig = cases[task.caseIndex]
            let label = "\(caseConfig.name)/\(task.side.rawValue)" + (options.repeatCount > 1 ? "#\(task.repetition)" : "")
            progress.started(label)
            let run = execute(task)
            progress.finished(label)
            complete(task, run)
        }
    }

    private func next() -> Task? {
        lock.withLock {
            guard let task = pending.popLast() else { return nil }
            if started[task.caseIndex] == nil { started[task.caseIndex] = Date() }
            return task
        }
    }

    private func execute(_ task: Task) -> SideRun {
        let caseConfig = cases[task.caseIndex]
        // After Ctrl-C, runs that have not started never start; they are reported as such.
        if Runner.isInterrupted {
            return SideRun(side: task.side, repetition: task.repetition, result: nil,
                           startError: .usage("interrupted before it started"))
        }
        let job = RunJobBuilder.job(for: caseConfig, side: task.side, options: options, python: python)
        if options.verbose {
            console.out("  start \(job.label): \(RunJobBuilder.describe(job))\n")
        }
        do {
            let result = try Runner.run(job, console: console)
            if options.verbose {
                console.out("  done  \(job.label) in \(formatSeconds(result.seconds)): sandbox \(result.sandbox)\n")
            }
            return SideRun(side: task.side, repetition: task.repetition, result: result, startError: nil)
        } catch let error as HarnessError {
            return SideRun(side: task.side, repetition: task.repetition, result: nil, startError: error)
        } catch {
            return SideRun(side: task.side, repetition: task.repetition, result: nil,
                           startError: .invalid(nil, message: "\(error)"))
        }
    }

    private func complete(_ task: Task, _ run: SideRun) {
        let ready: [SideRun]? = lock.withLock {
            runs[task.caseIndex, default: []].append(run)
            remaining[task.caseIndex, default: 1] -= 1
            return remaining[task.caseIndex] == 0 ? runs[task.caseIndex] : nil
        }
        guard let ready else { return }
        let caseConfig = cases[task.caseIndex]
        let sorted = ready.sorted { ($0.repetition, $0.side == .notebook ? 0 : 1) < ($1.repetition, $1.side == .notebook ? 0 : 1) }
        var evaluation = CaseEvaluation(config: caseConfig, runs: sorted, store: store, batch: batch, options: options)
        evaluation.evaluate()
        let status: CaseStatus
        if sorted.contains(where: { !$0.completed }) {
            status = .error
        } else if evaluation.checks.contains(where: { $0.status == .failed || $0.status == .error }) {
            status = .failed
        } else {
            status = .passed
        }
        let keep = options.keepSandbox || status != .passed
        var kept = sorted
        var checks = evaluation.checks
        if keep, !options.keptRunsFolder.isEmpty {
            let moved = KeptRuns(folder: options.keptRunsFolder).keep(sorted, caseName: caseConfig.name, repeated: options.repeatCount > 1)
            kept = moved.runs
            checks = KeptRuns.rewrite(checks, moved.moves)
        }
        let records = kept.map { RunRecordBuilder.record($0, keepSandbox: keep) }
        if !keep {
            for run in sorted { if let sandbox = run.result?.sandbox { Runner.removeSandbox(sandbox) } }
        }
        let seconds = Date().timeIntervalSince(lock.withLock { started[task.caseIndex] } ?? Date())
        var report = CaseReport(name: caseConfig.name, status: status, seconds: seconds,
                                checks: checks, runs: records)
        report.unexpectedOutputs = evaluation.unexpected
        progress.interject(RunTerminalRenderer.caseLine(report, color: console.useColor))
        lock.withLock { finished[caseConfig.name] = Finished(report: report, golden: evaluation.golden, recorded: evaluation.recorded) }
    }
}
