/// What `harness run` was asked to do, beyond the config.
public struct RunOptions: Sendable {
    /// Case names to run (all when empty).
    public var cases: [String] = []
    public var updateGolden = false
    /// Where a failing golden check keeps the reference's output as a pending golden; nil
    /// (never keep one) under CI. `HarnessRun` sets it.
    public var pendingFolder: String?
    /// Unused goldens fail the run (for CI), instead of being reported.
    public var failOnUnused = false
    public var pruneGolden = false
    /// Runs at once.
    public var jobs = 1
    public var shard: Shard?
    /// Runs per case; more than 1 checks that outputs are the same every time.
    public var repeatCount = 1
    /// Overrides every case's timeout (seconds).
    public var timeout: Double?
    public var keepSandbox = false
    public var verbose = false
    /// The command users type to get here (`harness run` plus `--config` when not the
    /// default), for the commands that reports suggest.
    public var invocation = "harness run"
    public var environment: [String: String] = [:]
    /// Paths under this folder (the config's) are shown relative to it.
    public var displayRoot = ""
    /// Where kept run folders move (`.harness/runs` beside the config); empty leaves them
    /// in the system's temporary folder.
    public var keptRunsFolder = ""

    public init() {}
}
