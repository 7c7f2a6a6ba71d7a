/// One notebook or pipeline run, as `harness run` asks for it.
public struct RunJob: Sendable {
    public enum Target: Sendable {
        /// An `.ipynb` file (absolute path), run by the embedded driver.
        case notebook(path: String)
        /// An argument list with `{param:NAME}` placeholders; `pythonpath` entries are
        /// absolute folders put first on `PYTHONPATH`. `command[0]` is looked up on the run's
        /// `PATH`, whose first entry is the interpreter's folder.
        case pipeline(command: [String], pythonpath: [String])
    }

    /// A file or folder copied into the sandbox before the run.
    public struct Input: Sendable, Equatable {
        /// Relative path inside the sandbox (never absolute, never `..`).
        public var sandboxPath: String
        /// Absolute path of the original file or folder.
        public var source: String

        public init(sandboxPath: String, source: String) {
            self.sandboxPath = sandboxPath
            self.source = source
        }
    }

    /// A notebook variable written to a file after the run.
    public struct Capture: Sendable, Equatable {
        /// File name, e.g. `clean_sales.csv` (relative; may contain folders).
        public var file: String
        /// The notebook variable, e.g. `df`.
        public var variable: String

        public init(file: String, variable: String) {
            self.file = file
            self.variable = variable
        }
    }

    public var target: Target
    /// e.g. "sales/notebook": in messages and in the run folder's name.
    public var label: String
    public var inputs: [Input]
    /// Ordered; papermill's injected cell keeps this order.
    public var parameters: [JSONMember]
    /// Notebook only.
    public var captures: [Capture]
    /// The case's `env`, laid over the user's environment.
    public var environment: [String: String]
    /// Whole run, in seconds; nil for none.
    public var timeout: Double?
    /// Per notebook cell, in seconds; nil for none.
    public var cellTimeout: Double?
    /// The run's working folder, relative to the sandbox root (papermill's `--cwd`); nil for the root.
    public var workingFolder: String?
    /// Notebook only: how the cells run; nil for the driver's default.
    public var engine: NotebookEngine?
    public var python: PythonEnvironment

    public init(target: Target, label: String, inputs: [Input] = [], parameters: [JSONMember] = [],
                captures: [Capture] = [], environment: [String: String] = [:], timeout: Double? = nil,
                cellTimeout: Double? = nil, workingFolder: String? = nil, engine: NotebookEngine? = nil,
                python: PythonEnvironment) {
        self.target = target
        self.label = label
        self.inputs = inputs
        self.parameters = parameters
        self.captures = captures
        self.environment = environment
        self.timeout = timeout
        self.cellTimeout = cellTimeout
        self.workingFolder = workingFolder
        self.engine = engine
        self.python = python
    }
}
