// The notebook driver, part 2: the IPython engine (when importable) and the plain exec engine.
// Edit the Python here; it is written out as driver.py for every notebook run.
extension NotebookDriver {
    static let scriptEngines: String = #"""
# --- the two engines ---

class PlainEngine:
    name = "plain"

    def __init__(self):
        import builtins
        self.namespace = {"__name__": "__main__", "__builtins__": builtins, "display": plain_display}
        self.count = 0
        self.filename = None

    def user_namespace(self):
        return self.namespace

    def hidden_names(self):
        return {"display"}

    def run(self, source, position):
        """Runs one cell; returns the exception it raised, or None."""
        self.count += 1
        self.filename = "<cell %s>" % position
        try:
            tree = compile(source, self.filename, "exec", ast.PyCF_ONLY_AST)
        except SyntaxError as error:
            magic = magic_line(source)
            if magic is not None:
                raise Failure("magic", "line %d uses IPython syntax (`%s`), which plain Python cannot run"
                              % (magic[0], magic[1]), line=magic[0], hint=IPYTHON_HINT)
            self.record_error(error)
            return error
        import linecache
        linecache.cache[self.filename] = (len(source), None, source.splitlines(True), self.filename)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        try:
            exec(compile(tree, self.filename, "exec"), self.namespace)
            if last is not None:
                value = eval(compile(last, self.filename, "eval"), self.namespace)
                if value is not None and not source.rstrip().endswith(";"):
                    self.namespace["_"] = value
                    RECORDER.add({"output_type": "execute_result", "execution_count": self.count,
                                  "data": mime_bundle(value), "metadata": {}})
        except BaseException as error:
            if isinstance(error, SystemExit) and error.code in (None, 0):
                return None
            self.record_error(error)
            return error
        return None

    def record_error(self, error):
        lines = traceback.format_exception(type(error), error, error.__traceback__)
        RECORDER.add({"output_type": "error", "ename": type(error).__name__, "evalue": str(error),
                      "traceback": [line.rstrip("\n") for line in lines if "harness-driver" not in line]})


def magic_line(source):
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(("%", "!")) or ("= !" in stripped and not stripped.startswith("#")):
            return number, stripped
    return None


def make_ipython_engine():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from traitlets import Type
    from traitlets.config import Config
    import IPython

    class Hook(DisplayHook):
        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            RECORDER.add({"output_type": "execute_result", "execution_count": self.prompt_count,
                          "data": format_dict, "metadata": md_dict or {}})

        def finish_displayhook(self):
            pass

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            RECORDER.add({"output_type": "display_data", "data": data, "metadata": metadata or {}})

        def clear_output(self, wait=False):
            RECORDER.clear()

    class Shell(InteractiveShell):
        displayhook_class = Type(Hook)
        display_pub_class = Type(Publisher)
        last_error = None

        def _showtraceback(self, etype, evalue, stb):
            RECORDER.add({"output_type": "error", "ename": etype.__name__ if isinstance(etype, type) else str(etype),
                          "evalue": str(evalue), "traceback": list(stb)})

        def system(self, cmd):
            """`!cmd`: in this process group (so a timeout stops it), output into the cell."""
            import subprocess
            command = self.var_expand(cmd, depth=1)
            sys.stdout.flush()
            child = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            try:
                # "\r\n" as IPython's pseudo-terminal writes it (ONLCR), so outputs match Jupyter's.
                for chunk in iter(lambda: child.stdout.read1(65536), b""):
                    sys.stdout.write(chunk.decode("utf-8", "replace").replace("\n", "\r\n"))
                self.user_ns["_exit_code"] = child.wait()
            finally:
                if child.poll() is None:
                    child.kill()
                    child.wait()

        system_piped = system

        def enable_gui(self, gui=None):
            """No event loop to integrate: figures are rendered inline (%matplotlib inline)."""

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "NoColor"
    shell = Shell.instance(config=config)
    import importlib.util
    # find_spec, not import: importing matplotlib_inline imports matplotlib (a second).
    if importlib.util.find_spec("matplotlib_inline") is None:
        def matplotlib(line=""):
            """%matplotlib without matplotlib-inline: figures are still shown after each cell."""
            import matplotlib as library
            library.use("Agg")

        shell.register_magic_function(matplotlib, "line", "matplotlib")

    class Engine:
        name = "ipython " + IPython.__version__

        def user_namespace(self):
            return shell.user_ns

        def hidden_names(self):
            return set(shell.user_ns_hidden) | {"In", "Out", "exit", "quit", "get_ipython", "open"}

        def run(self, source, position):
            number = shell.execution_count
            result = shell.run_cell(source, store_history=True)
            error = result.error_before_exec or result.error_in_exec
            if error is not None:
                error._harness_cell_files = ("<ipython-input-%d-" % number, "In[%d]" % number)
            return error

    return Engine()


def needs_ipython(cells):
    """Whether a cell uses IPython: syntax plain Python rejects (magics, `!` lines, `?`) or
    the IPython API. Importing IPython costs a third of a second, so only those notebooks pay."""
    for cell in cells:
        if cell.get("cell_type") != "code" or "skip-execution" in tags_of(cell):
            continue
        source = cell_text(cell)
        if "IPython" in source or "get_ipython" in source:
            return True
        try:
            ast.parse(source)
        except SyntaxError:
            return True
    return False


def make_engine(cells):
    """IPython's InteractiveShell when the notebook needs it and it is importable, else plain
    exec. HARNESS_NOTEBOOK_ENGINE=ipython or =plain forces one."""
    choice = os.environ.get("HARNESS_NOTEBOOK_ENGINE", "auto")
    if choice == "plain" or (choice != "ipython" and not needs_ipython(cells)):
        return PlainEngine()
    try:
        return make_ipython_engine()
    except ImportError:
        return PlainEngine()


"""#
}
