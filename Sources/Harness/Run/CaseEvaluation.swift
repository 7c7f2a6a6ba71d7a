/// Turns the runs of one case into checks: execution, golden, equivalence, contract and
/// determinism; records goldens when asked and the case is healthy.
struct CaseEvaluation {
    let config: CaseConfig
    let runs: [SideRun]
    let store: GoldenStore
    /// Where recorded goldens are staged under `--update-golden`; the run commits it.
    let batch: GoldenBatch?
    let options: RunOptions
    var checks: [CheckResult] = []
    var golden = GoldenSummary()
    /// The side each output's golden was recorded from under `--update-golden`.
    var recorded: [String: RunSide] = [:]
    /// Undeclared data files found under `"unexpected_outputs": "warn"`.
    var unexpected: [UnexpectedOutput] = []

    init(config: CaseConfig, runs: [SideRun], store: GoldenStore, batch: GoldenBatch? = nil, options: RunOptions) {
        self.config = config
        self.runs = runs
        self.store = store
        self.batch = batch
        self.options = options
    }

    /// The first repetition of `side`, when it completed.
    func firstRun(_ side: RunSide) -> SideRun? {
        runs.first { $0.side == side && $0.repetition == 1 && $0.completed }
    }

    var caseCommand: String { "\(options.invocation) \(config.name)" }

    mutating func evaluate() {
        for (index, run) in runs.enumerated() where !run.completed {
            var check = executionCheck(run)
            check.run = index
            check.seconds = run.result?.seconds ?? 0
            checks.append(check)
        }
        var goldenWork: [(OutputConfig, [RunSide: String])] = []
        for output in config.outputs {
            var produced: [RunSide: String] = [:]
            for side in config.sides {
                guard let relative = output.path(for: side), let run = firstRun(side), let path = run.file(for: output) else { continue }
                if FileBytes.exists(path) {
                    produced[side] = path
                } else {
                    checks.append(missingOutputCheck(output, side: side, relative: relative, run: run))
                }
            }
            if let expected = produced[.notebook], let actual = produced[.pipeline] {
                checks.append(equivalenceCheck(output, notebook: expected, pipeline: actual))
            }
            if let contract = output.contract {
                for side in config.sides {
                    if let path = produced[side] { checks.append(contractCheck(output, side: side, data: path, contract: contract)) }
                }
            }
            if options.repeatCount > 1 {
                for side in config.sides where output.path(for: side) != nil {
                    if let check = determinismCheck(output, side: side) { checks.append(check) }
                }
            }
            goldenWork.append((output, produced))
        }
        checkUnexpectedOutputs()
        let healthy = !checks.contains { $0.status == .failed || $0.status == .error }
            && runs.allSatisfy(\.completed)
        var goldenChecks: [CheckResult] = []
        for (output, produced) in goldenWork {
            goldenChecks += goldenChecksFor(output, produced: produced, healthy: healthy)
        }
        checks = goldenChecks + checks
        locate()
    }

    /// Gives each output's check the config line that declares the output (where a reader
    /// of an annotation should look) and the time its comparison or validation took.
    mutating func locate() {
        for index in checks.indices {
            if let name = checks[index].output, let output = config.outputs.first(where: { $0.name == name }) {
                checks[index].location = output.location
            }
            if let run = checks[index].run.map({ runs[$0] }) {
                checks[index].location = runLocation(run)
            }
            if checks[index].seconds == 0 {
                checks[index].seconds = checks[index].diff?.seconds ?? checks[index].validation?.seconds ?? 0
            }
        }
    }

    /// Where a failed run points: the notebook's failing line (in its cell), or the
    /// pipeline's failing source line.
    func runLocation(_ run: SideRun) -> SourceLocation? {
        let failure: RunFailure?
        switch run.result?.outcome {
        case .failed(let account)?: failure = account
        case .timedOut(_, let account)?: failure = account
        default: failure = nil
        }
        switch run.side {
        case .notebook:
            return config.notebook.map {
                NotebookCellLocation.locate(notebook: $0, cell: failure?.cellNumber, line: failure?.lineInCell)
            }
        case .pipeline:
            guard let failure, let file = failure.file else { return nil }
            return SourceLocation(path: file, line: failure.lineInCell)
        }
    }

    // MARK: - Execution

    func executionCheck(_ run: SideRun) -> CheckResult {
        let repetition = options.repeatCount > 1 ? run.repetition : nil
        let finding: CheckFinding
        if let error = run.startError {
            finding = .couldNotStart(repetition: repetition, reason: DiagnosticRenderer.render(error))
        } else if let result = run.result {
            switch result.outcome {
            case .completed: finding = .completed
            case .failed(let failure): finding = .failed(failure)
            case .timedOut(let seconds, let failure):
                // Where it was when time ran out (its stack is in `traceback`), not the stop itself.
                var account = failure ?? RunFailure(summary: "\(run.side.rawValue)\(repetition.map { " (run \($0))" } ?? "") timed out after \(formatSeconds(seconds))")
                account.exceptionType = nil
                account.message = nil
                account.exitCode = nil
                account.hint = failure?.hint ?? "raise the case's \"timeout\" or pass --timeout SECONDS"
                finding = .timedOut(seconds: seconds, failure: account, repetition: repetition, rerun: caseCommand,
                                    suggestedTimeout: Int(config.timeout * 2))
            case .interrupted: finding = .interrupted(repetition: repetition)
            }
        } else {
            finding = .didNotRun
        }
        return CheckResult(kind: .execution, side: run.side, status: .error, finding: finding)
    }

    func missingOutputCheck(_ output: OutputConfig, side: RunSide, relative: String, run: SideRun) -> CheckResult {
        var nearest: String?
        var written: [String] = []
        if let sandbox = run.result?.sandbox {
            written = SandboxListing.files(in: sandbox, limit: 200)
            nearest = NameSuggestion.nearest(to: relative, in: written)
        }
        let key = output.notebookPath == output.pipelinePath ? "path" : side.rawValue
        return CheckResult(kind: .execution, output: output.name, side: side, status: .failed,
                           finding: .outputNotWritten(path: relative, nearest: nearest, written: written,
                                                      setting: "cases.\(config.name).outputs.\(output.name).\(key)"))
    }
}
