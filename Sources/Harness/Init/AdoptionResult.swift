/// What `harness init` found, wrote and checked.
public struct AdoptionResult: Sendable {
    public var caseName: String
    public var configPath: String
    /// Files the notebook read in its folder, or under `--root` (sandbox paths).
    public var inputs: [String] = []
    /// The notebook's folder relative to `--root` (the case's `cwd`); nil without `--root`.
    public var workingFolder: String?
    public var parameters: [String] = []
    public var outputs: [AdoptedOutput] = []
    /// CSV/JSON outputs that differed between the two runs: not recorded.
    public var nondeterministic: [String] = []
    /// Other files written (figures, models): listed, not compared.
    public var notCompared: [String] = []
    /// Files written by init, relative to the current folder.
    public var written: [String] = []
    /// The notebook failed: nothing was written.
    public var failure: RunFailure?
    /// It failed on the second run, with only the traced inputs.
    public var failedWithDeclaredInputs = false
    /// The final `harness run` of the new case.
    public var checkReport: RunReport?

    /// 0 when written and the case passes, 1 when its check failed, 3 when the notebook failed.
    public var exitCode: Int32 {
        if failure != nil { return 3 }
        return checkReport?.exitCode ?? 0
    }
}

/// One output `harness init` declares.
public struct AdoptedOutput: Sendable {
    public var path: String
    public var name: String
    public var key: [String] = []
    public var ignore: [String] = []
    public var contract: String?
    /// Why no contract was drafted: the file fails any contract (a blank or duplicate
    /// column label, rows of uneven length), as the validator says it.
    public var contractProblem: String?
    var contractText: String?
}
