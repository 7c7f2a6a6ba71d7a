/// A loaded and checked `harness.json`: every path absolute, every name known.
///
/// Produced only by `ConfigLoader`, which reports all problems of a file at once, so that a
/// value of this type can be run without further checks.
public struct HarnessConfig: Sendable {
    /// The config file, as given.
    public var path: String
    /// Absolute folder of the config file; relative paths in it start here.
    public var folder: String
    public var python: PythonSettings
    /// Absolute path of the golden folder.
    public var goldenFolder: String
    public var cases: [CaseConfig]

    public struct PythonSettings: Sendable, Equatable {
        public var executable: String?
        /// Absolute path of a requirements file to build a cached virtual environment from.
        public var requirements: String?
    }
}

/// One case: a notebook and/or its refactored pipeline, run on the same inputs.
public struct CaseConfig: Sendable {
    public var name: String
    public var description: String?
    public var inputs: [InputDeclaration]
    /// Parameters in the order written, for the notebook's injected cell and the pipeline.
    public var parameters: [JSONMember]
    /// Absolute path of the notebook, when the case has one.
    public var notebook: String?
    public var pipeline: PipelineConfig?
    public var outputs: [OutputConfig]
    public var captures: [CaptureConfig]
    /// Seconds for a whole run.
    public var timeout: Double
    /// Seconds for one notebook cell, when limited.
    public var cellTimeout: Double?
    public var environment: [String: String]
    /// The working folder inside the sandbox (relative), papermill's `--cwd`; nil for its root.
    public var workingFolder: String? = nil
    /// How the notebook is executed; nil for the default (IPython when importable).
    public var engine: NotebookEngine? = nil
    /// What CSV, JSON and JSON Lines files that no output declares, written in the folders
    /// of declared outputs, do to the case.
    public var unexpectedOutputs: UnexpectedOutputPolicy = .warn

    /// Which run goldens are recorded from: the notebook when the case has one.
    public var referenceSide: RunSide { notebook != nil ? .notebook : .pipeline }
    public var sides: [RunSide] {
        var sides: [RunSide] = []
        if notebook != nil { sides.append(.notebook) }
        if pipeline != nil { sides.append(.pipeline) }
        return sides
    }
}

/// `unexpected_outputs`: an undeclared data file is a warning, or a failed check.
public enum UnexpectedOutputPolicy: String, Sendable, Equatable, CaseIterable {
    case warn, fail
    /// Not looked for (a run that writes scratch files beside its outputs on purpose).
    case ignore
}

/// The two things a case runs.
public enum RunSide: String, Sendable, Equatable, CaseIterable {
    case notebook, pipeline
}

/// A file or folder copied into each sandbox.
public struct InputDeclaration: Sendable, Equatable {
    /// Relative path inside the sandbox.
    public var sandboxPath: String
    /// Absolute path of the original.
    public var source: String
}

public struct PipelineConfig: Sendable, Equatable {
    /// The argument list, with `{param:NAME}` placeholders still in it.
    public var command: [String]
    /// Absolute folders put on PYTHONPATH.
    public var pythonpath: [String]
    /// The module of `python -m MODULE`, and where the command is in the config, so a
    /// module that cannot be imported is refused before anything runs.
    public var module: String?
    public var commandLocation: SourceLocation?
}

/// A file the runs write, compared with its golden, across runs, and against its contract.
public struct OutputConfig: Sendable, Equatable {
    /// The output's name; its golden is `golden/<case>/<name>`.
    public var name: String
    /// Relative path in the notebook's sandbox (nil when the notebook doesn't write it).
    public var notebookPath: String?
    /// Relative path in the pipeline's sandbox (nil when the pipeline doesn't write it).
    public var pipelinePath: String?
    /// True when the notebook side of this output is a captured variable.
    public var fromCapture: Bool = false
    public var options: CompareOptions
    /// Absolute path of the contract, when declared.
    public var contract: String?
    /// Where the output is declared in the config, for annotations that point at it.
    public var location: SourceLocation?

    public func path(for side: RunSide) -> String? {
        side == .notebook ? notebookPath : pipelinePath
    }
}

/// A notebook variable written out after the run.
public struct CaptureConfig: Sendable, Equatable {
    /// File name the variable is written to; also the output's name.
    public var file: String
    public var variable: String
}
