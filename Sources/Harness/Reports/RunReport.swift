import Foundation

/// Everything one `harness run` found: the one model every reporter (terminal, JUnit, JSON,
/// GitHub, HTML) renders.
public struct RunReport: Sendable {
    public var configPath: String
    /// Cases in config order.
    public var cases: [CaseReport] = []
    public var seconds: Double = 0
    public var golden = GoldenSummary()
    public var updateGolden = false
    /// `--update-golden` ran under CI (`ContinuousIntegration.isActive`), where goldens
    /// are normally only read: it was asked for, so it writes, and every report says so.
    public var updateGoldenUnderCI = false
    /// `--fail-on-unused`: unused goldens fail the run.
    public var failOnUnused = false
    public var repeatCount = 1
    /// `K/N` when sharded.
    public var shard: String?
    /// When the run started, and on which machine (JUnit's `timestamp` and `hostname`).
    public var startedAt: Date?
    public var hostname: String?
    /// The HTML report's path when one is written, for the other reports to point at.
    public var htmlPath: String?

    public init(configPath: String) {
        self.configPath = configPath
    }

    public var passed: Int { cases.filter { $0.status == .passed }.count }
    public var failed: Int { cases.filter { $0.status == .failed }.count }
    public var errors: Int { cases.filter { $0.status == .error }.count }
    /// Whether unused goldens fail this run (`--fail-on-unused`).
    public var failsOnUnused: Bool { failOnUnused && !golden.unused.isEmpty }

    /// 0 all passed, 1 a check failed, 2 a check could not be made (an unusable contract) or
    /// a run was refused by its config, 3 a notebook or pipeline did not complete; the
    /// highest applies.
    public var exitCode: Int32 {
        // A run stopped by a configuration mistake found only at run time (a parameter a
        // parameters cell the config loader could not read does not assign) is exit 2.
        let configurationOnly = { (report: CaseReport) in
            report.checks.filter { $0.kind == .execution && $0.run != nil }
                .allSatisfy { $0.finding.failure?.isConfigurationError == true }
        }
        if cases.contains(where: { $0.status == .error && !configurationOnly($0) }) { return 3 }
        if cases.contains(where: { $0.status == .error }) { return 2 }
        if cases.contains(where: { $0.checks.contains { $0.status == .error && $0.kind != .execution } }) { return 2 }
        if failed > 0 || failsOnUnused { return 1 }
        return 0
    }
}

/// What `--update-golden` and `--prune-golden` did, and what they would do.
public struct GoldenSummary: Sendable, Equatable {
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    /// Goldens not recorded because their case failed (`case/output`).
    public var skipped: [String] = []
    /// Goldens of cases that ran that no output declares (`case/file`).
    public var unused: [String] = []
    public var pruned: [String] = []
    /// Pending goldens of the cases that ran (`case/output`), waiting for
    /// `harness golden review`.
    public var pending: [String] = []
    public init() {}
}

public enum CaseStatus: String, Sendable, Equatable {
    /// Every check passed.
    case passed
    /// A check failed: a difference, a violation, a missing golden, nondeterminism.
    case failed
    /// A notebook or pipeline did not run to completion.
    case error
}

public struct CaseReport: Sendable {
    public var name: String
    public var status: CaseStatus
    public var seconds: Double
    public var checks: [CheckResult]
    public var runs: [RunRecord]
    /// Undeclared data files the runs wrote, when the case only warns about them.
    public var unexpectedOutputs: [UnexpectedOutput] = []

    public init(name: String, status: CaseStatus, seconds: Double, checks: [CheckResult], runs: [RunRecord]) {
        self.name = name
        self.status = status
        self.seconds = seconds
        self.checks = checks
        self.runs = runs
    }

    /// Why `runs[index]` did not complete: its execution check's finding, where a run's
    /// failure is kept.
    public func failure(ofRun index: Int) -> RunFailure? {
        checks.first { $0.kind == .execution && $0.run == index }?.finding.failure
    }
}

/// One check of one output (or of one run, for execution checks).
public struct CheckResult: Sendable {
    public enum Kind: String, Sendable, Equatable {
        case golden, equivalence, contract, determinism, execution
        /// A data file written beside declared outputs that no output declares.
        case unexpectedOutput = "unexpected_output"
    }

    public enum Status: String, Sendable, Equatable {
        case passed, failed, error
        /// Not run because something it needs did not happen (its run failed).
        case skipped
    }

    public var kind: Kind
    /// The output's name (nil for execution checks).
    public var output: String?
    /// Which run the check looked at (`notebook`, `pipeline`; nil when both).
    public var side: RunSide?
    public var status: Status
    /// What the check found; its words (`message`, `fix`) are in `CheckResult+Words.swift`.
    public var finding: CheckFinding
    /// For a failed golden check of the reference side: whether its output was kept as a
    /// pending golden.
    public var pending: PendingState?
    public var diff: DiffReport? { finding.diff }
    public var validation: ValidationReport? { finding.validation }
    /// Seconds the check took (its comparison or validation; the run, for execution checks).
    public var seconds: Double = 0
    /// Where in the user's files the check points: the config line declaring its output.
    public var location: SourceLocation?
    /// The index in `CaseReport.runs` of the run an execution check is about, so reporters
    /// show a failed run once, with its details, as that check.
    public var run: Int?

    public init(kind: Kind, output: String? = nil, side: RunSide? = nil, status: Status, finding: CheckFinding) {
        self.kind = kind
        self.output = output
        self.side = side
        self.status = status
        self.finding = finding
    }

    /// A short name for reports: `golden monthly.csv (pipeline)`.
    public var title: String {
        var text = kind.rawValue
        if let output { text += " " + output }
        if let side { text += " (\(side.rawValue))" }
        return text
    }
}

/// One execution of a notebook or pipeline.
public struct RunRecord: Sendable {
    public enum Outcome: String, Sendable, Equatable {
        case completed, failed
        case timedOut = "timed_out"
        case interrupted
    }

    public var side: RunSide
    /// 1-based repetition (`--repeat`).
    public var repetition: Int
    public var outcome: Outcome
    public var seconds: Double
    /// The sandbox folder, when it was kept (failed run or `--keep-sandbox`).
    public var keptSandbox: String?
    public var stdoutTail: String
    public var stderrTail: String
    public var executedNotebook: String?

    public init(side: RunSide, repetition: Int, outcome: Outcome, seconds: Double, keptSandbox: String? = nil,
                stdoutTail: String = "", stderrTail: String = "", executedNotebook: String? = nil) {
        self.side = side
        self.repetition = repetition
        self.outcome = outcome
        self.seconds = seconds
        self.keptSandbox = keptSandbox
        self.stdoutTail = stdoutTail
        self.stderrTail = stderrTail
        self.executedNotebook = executedNotebook
    }
}
