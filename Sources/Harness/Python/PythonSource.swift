/// Python programs that the binary carries, as the bytes of their `.py` files.
///
/// How a Python file gets here (one mechanism for every `.py` the binary needs):
/// 1. put `name.py` in this folder (Sources/Harness/Python) — a real file, linted and
///    unit-tested like any Python: its tests live in Tests/Python (standard library
///    `unittest`), run by scripts/test-python.sh, which `.ci/run` calls;
/// 2. list it in Package.swift as `.embedInCode("Python/name.py")` on the Harness target:
///    SwiftPM compiles its bytes into the binary as `PackageResources.name_py` (so the binary
///    stays one file, no resource bundle beside it; names come from the file name, so they
///    must be unique in the target);
/// 3. expose it below and write it where the child process reads it (the run folder), so
///    tracebacks through it name the real lines of the file in this folder.
enum PythonSource {
    /// Runs a notebook cell by cell like Jupyter's "Restart and run all" (`NotebookDriver`).
    static var notebookDriver: [UInt8] { PackageResources.notebook_driver_py }
}
