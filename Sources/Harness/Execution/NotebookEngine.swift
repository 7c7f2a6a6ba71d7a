/// How a notebook's cells are executed (a case's `"engine"`).
public enum NotebookEngine: String, Sendable, Equatable, CaseIterable {
    /// IPython's InteractiveShell in the driver's process, as a Jupyter kernel runs cells;
    /// the default when IPython is importable.
    case ipython
    /// Plain `exec`, for interpreters without IPython.
    case plain
    /// A real Jupyter kernel through nbclient, for notebooks that need the kernel itself
    /// (`get_ipython().kernel`, comms); the environment needs nbclient and ipykernel.
    case kernel
}
