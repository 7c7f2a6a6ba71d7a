import Foundation

/// `harness run`: runs the selected cases' notebooks and pipelines (up to `jobs` at once),
/// checks their outputs, records goldens when asked, and returns the report.
public enum HarnessRun {
    /// - Throws: `HarnessError` for configuration problems found before anything runs (an
    ///   unknown case name, an interpreter or requirements that cannot be set up).
    /// - Returns: the report; failed checks and failed runs are in it, not thrown.
    public static func execute(config: HarnessConfig, options: RunOptions, console: Console) throws -> RunReport {
        let started = Date()
        var options = options
        if options.displayRoot.isEmpty { options.displayRoot = config.folder }
        if options.keptRunsFolder.isEmpty { options.keptRunsFolder = config.folder + "/.harness/runs" }
        let selected = try CaseSelection.select(config, names: options.cases, shard: options.shard)
        var report = RunReport(configPath: config.path)
        report.startedAt = started
        report.hostname = ProcessInfo.processInfo.hostName
        report.updateGolden = options.updateGolden
        let underCI = ContinuousIntegration.isActive(options.environment)
        report.updateGoldenUnderCI = options.updateGolden && underCI
        report.failOnUnused = options.failOnUnused
        if !options.updateGolden && !underCI {
            options.pendingFolder = PendingGoldens(configFolder: config.folder).folder
        }
        report.repeatCount = options.repeatCount
        report.shard = options.shard?.description
        if selected.isEmpty {
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        let store = GoldenStore(folder: config.goldenFolder)
        // Writers of goldens exclude each other, and whatever a killed writer left half
        // made is removed before anything new is staged.
        var goldenLock: GoldenLock?
        if options.updateGolden || options.pruneGolden {
            try store.checkWritable(for: options.updateGolden ? "--update-golden" : "--prune-golden")
            goldenLock = try GoldenLock(folder: store.folder, holder: options.invocation + (options.updateGolden ? " --update-golden" : " --prune-golden"))
            store.removeStaleTemporaries()
        }
        defer { goldenLock?.unlock() }
        let python = try PythonEnvironment.prepare(executable: config.python.executable,
                                                   requirements: config.python.requirements,
                                                   cacheFolder: cacheFolder(config, options),
                                                   environment: options.environment, console: console)
        try PipelineModuleCheck.check(selected, python: python, environment: options.environment)
        let batch = options.updateGolden ? GoldenBatch(store: store) : nil
        let scheduler = CaseScheduler(cases: selected, options: options, python: python, store: store, batch: batch, console: console)
        var finished = scheduler.run()
        do {
            try batch?.commit()
        } catch {
            // All or nothing: a golden that could not be staged means none was written.
            let reason = DiagnosticRenderer.render(error)
            for (name, done) in finished { finished[name] = done.withUnwrittenGoldens(reason: reason) }
        }

        var golden = GoldenSummary()
        for caseConfig in selected {
            guard let done = finished[caseConfig.name] else { continue }
            report.cases.append(done.report)
            golden.created += done.golden.created
            golden.updated += done.golden.updated
            golden.unchanged += done.golden.unchanged
            golden.skipped += done.golden.skipped
            let declared = caseConfig.outputs.map(\.name)
            let unused = store.unused(case: caseConfig.name, declared: declared)
            if options.pruneGolden && !unused.isEmpty {
                do {
                    try store.prune(case: caseConfig.name, files: unused)
                    golden.pruned += unused.map { "\(caseConfig.name)/\($0)" }
                } catch {
                    console.err(DiagnosticRenderer.render(error) + "\n")
                    golden.unused += unused.map { "\(caseConfig.name)/\($0)" }
                }
            } else {
                golden.unused += unused.map { "\(caseConfig.name)/\($0)" }
            }
        }
        let ran = Set(selected.map(\.name))
        golden.pending = PendingGoldens(configFolder: config.folder).all().filter { ran.contains($0.caseName) }.map(\.label)
        report.golden = golden
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Where virtual environments are cached: `.harness/` beside the config, unless
    /// `HARNESS_CACHE` names another folder (CI keeps one across fresh clones that way).
    static func cacheFolder(_ config: HarnessConfig, _ options: RunOptions) -> String {
        if let folder = options.environment["HARNESS_CACHE"], !folder.isEmpty { return folder }
        return config.folder + "/.harness"
    }
}
