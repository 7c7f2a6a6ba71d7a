/// Everything one `harness run` found: the one model every reporter (terminal, JUnit, JSON,
/// GitHub, HTML) renders.
public struct RunReport: Sendable {
    public var configPath: String
    /// Cases in config order.
    public var cases: [CaseReport] = []
    public var seconds: Double = 0
    public var golden = GoldenSummary()
    public var updateGolden = false
    public var repeatCount = 1
    /// `K/N` when sharded.
    public var shard: String?

    public init(configPath: String) {
        self.configPath = configPath
    }

    public var passed: Int { cases.filter { $0.status == .passed }.count }
    public var failed: Int { cases.filter { $0.status == .failed }.count }
    public var errors: Int { cases.filter { $0.status == .error }.count }

    /// 0 all passed, 1 a check failed, 2 a check could not be made (an unusable contract),
    /// 3 a notebook or pipeline did not complete; the highest applies.
    public var exitCode: Int32 {
        if errors > 0 { return 3 }
        if cases.contains(where: { $0.checks.contains { $0.status == .error && $0.kind != .execution } }) { return 2 }
        if failed > 0 { return 1 }
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

    public init(name: String, status: CaseStatus, seconds: Double, checks: [CheckResult], runs: [RunRecord]) {
        self.name = name
        self.status = status
        self.seconds = seconds
        self.checks = checks
        self.runs = runs
    }
}

/// One check of one output (or of one run, for execution checks).
public struct CheckResult: Sendable {
    public enum Kind: String, Sendable, Equatable {
        case golden, equivalence, contract, determinism, execution
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
    /// One or two sentences: what was found, in words.
    public var message: String
    /// The command that fixes, records or reproduces it.
    public var fix: String?
    public var diff: DiffReport?
    public var validation: ValidationReport?

    public init(kind: Kind, output: String? = nil, side: RunSide? = nil, status: Status, message: String,
                fix: String? = nil, diff: DiffReport? = nil, validation: ValidationReport? = nil) {
        self.kind = kind
        self.output = output
        self.side = side
        self.status = status
        self.message = message
        self.fix = fix
        self.diff = diff
        self.validation = validation
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
    public var failure: FailureDetails?

    public init(side: RunSide, repetition: Int, outcome: Outcome, seconds: Double, keptSandbox: String? = nil,
                stdoutTail: String = "", stderrTail: String = "", executedNotebook: String? = nil,
                failure: FailureDetails? = nil) {
        self.side = side
        self.repetition = repetition
        self.outcome = outcome
        self.seconds = seconds
        self.keptSandbox = keptSandbox
        self.stdoutTail = stdoutTail
        self.stderrTail = stderrTail
        self.executedNotebook = executedNotebook
        self.failure = failure
    }
}

/// Why a run did not complete: where, what, and what to do.
public struct FailureDetails: Sendable, Equatable {
    public var summary: String
    public var cellIndex: Int?
    public var cellFirstLine: String?
    public var lineInCell: Int?
    public var exceptionType: String?
    public var message: String?
    public var sourceExcerpt: String?
    public var traceback: String?
    public var hint: String?
    public var exitCode: Int32?

    public init(summary: String, cellIndex: Int? = nil, cellFirstLine: String? = nil, lineInCell: Int? = nil,
                exceptionType: String? = nil, message: String? = nil, sourceExcerpt: String? = nil,
                traceback: String? = nil, hint: String? = nil, exitCode: Int32? = nil) {
        self.summary = summary
        self.cellIndex = cellIndex
        self.cellFirstLine = cellFirstLine
        self.lineInCell = lineInCell
        self.exceptionType = exceptionType
        self.message = message
        self.sourceExcerpt = sourceExcerpt
        self.traceback = traceback
        self.hint = hint
        self.exitCode = exitCode
    }
}
