/// Turns a case and a side into the job the execution library runs.
enum RunJobBuilder {
    static func job(for caseConfig: CaseConfig, side: RunSide, options: RunOptions, python: PythonEnvironment) -> RunJob {
        let target: RunJob.Target
        switch side {
        case .notebook:
            target = .notebook(path: caseConfig.notebook ?? "")
        case .pipeline:
            let pipeline = caseConfig.pipeline ?? PipelineConfig(command: [], pythonpath: [])
            // The runner fills in {param:NAME} placeholders.
            target = .pipeline(command: pipeline.command, pythonpath: pipeline.pythonpath)
        }
        return RunJob(target: target,
                      label: "\(caseConfig.name)/\(side.rawValue)",
                      inputs: caseConfig.inputs.map { RunJob.Input(sandboxPath: $0.sandboxPath, source: $0.source) },
                      parameters: caseConfig.parameters,
                      captures: side == .notebook ? caseConfig.captures.map { RunJob.Capture(file: $0.file, variable: $0.variable) } : [],
                      environment: caseConfig.environment,
                      timeout: options.timeout ?? caseConfig.timeout,
                      cellTimeout: caseConfig.cellTimeout,
                      workingFolder: caseConfig.workingFolder,
                      engine: side == .notebook ? caseConfig.engine : nil,
                      python: python)
    }

    static func describe(_ job: RunJob) -> String {
        switch job.target {
        case .notebook(let path): return "notebook \(path)"
        case .pipeline(let command, _): return command.map(shellQuoted).joined(separator: " ")
        }
    }
}

/// Turns a finished run into what reports show.
enum RunRecordBuilder {
    static func record(_ run: SideRun, keepSandbox: Bool) -> RunRecord {
        guard let result = run.result else {
            return RunRecord(side: run.side, repetition: run.repetition, outcome: .failed, seconds: 0)
        }
        var record = RunRecord(side: run.side, repetition: run.repetition, outcome: .completed, seconds: result.seconds,
                               keptSandbox: keepSandbox ? result.sandbox : nil,
                               stdoutTail: TextTail.read(result.stdoutPath), stderrTail: TextTail.read(result.stderrPath),
                               executedNotebook: keepSandbox ? result.executedNotebookPath : nil)
        // Why it did not complete is its execution check's finding.
        switch result.outcome {
        case .completed: break
        case .failed: record.outcome = .failed
        case .timedOut: record.outcome = .timedOut
        case .interrupted: record.outcome = .interrupted
        }
        return record
    }
}
