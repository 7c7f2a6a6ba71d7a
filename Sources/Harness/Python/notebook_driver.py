"""harness notebook driver: "Restart and run all" in this one interpreter.

Sources/Harness/Python/notebook_driver.py, embedded in the harness binary (SwiftPM
`.embedInCode`) and written to the run folder as driver.py for each run. Unit tests:
Tests/Python (scripts/test-python.sh). Standard library only; uses IPython's InteractiveShell when it is importable (magics, `!` lines,
display hooks), else plain exec. Usage: python driver.py JOB.json
"""
import ast
import base64
import difflib
import faulthandler
import io
import json
import os
import signal
import sys
import tempfile
import time
import traceback

IPYTHON_HINT = "install IPython in this interpreter (pip install ipython, or add ipython to python.requirements)"


class CellTimeout(BaseException):
    """Raised in the cell when its timeout expires (BaseException: `except Exception` cannot swallow it)."""


class RunTerminated(BaseException):
    """Raised when harness stops the run (whole-run timeout or Ctrl-C)."""


class Failure(Exception):
    def __init__(self, kind, message, **fields):
        Exception.__init__(self, message)
        self.fields = dict(fields, kind=kind, message=message)


def murmur2_x86(text, seed):
    """MurmurHash2 (x86, 32 bit) of the UTF-8 bytes of `text`, as ipykernel computes it to
    name a cell's code file (ipykernel/compiler.py)."""
    data = text.encode("utf-8")
    m = 0x5BD1E995
    length = len(data)
    h = seed ^ length
    rounded_end = length & 0xFFFFFFFC
    for i in range(0, rounded_end, 4):
        k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> 24
        k = (k * m) & 0xFFFFFFFF
        h = (h * m) & 0xFFFFFFFF
        h ^= k
    tail = length & 0x03
    k = 0
    if tail == 3:
        k = data[rounded_end + 2] << 16
    if tail in (2, 3):
        k |= data[rounded_end + 1] << 8
    if tail in (1, 2, 3):
        k |= data[rounded_end]
        h ^= k
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    h ^= h >> 15
    return h


def cell_file_name(source):
    """The file name ipykernel compiles a cell under: warnings and tracebacks name it."""
    folder = os.path.join(tempfile.gettempdir(), "ipykernel_%d" % os.getpid())
    return os.path.join(folder, "%d.py" % murmur2_x86(source, 0xC70F6907))


def cell_text(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def split_lines(text):
    lines = text.splitlines(True)
    return lines


def tags_of(cell):
    tags = cell.get("metadata", {}).get("tags", [])
    return tags if isinstance(tags, list) else []


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


# --- parameters (papermill's convention and its Python translation) ---

def assigned_names(source):
    """Names the parameters cell assigns at top level, found with ast."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    names = []

    def add(target):
        if isinstance(target, ast.Name):
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                add(element)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                add(target)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            add(node.target)
    return list(dict.fromkeys(names))


def translate(value):
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, str):
        escaped = value.encode("unicode_escape").decode("utf-8").replace('"', '\\"')
        return '"' + escaped + '"'
    if isinstance(value, (int, float)):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else "float('%s')" % value
    if isinstance(value, list):
        return "[" + ", ".join(translate(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(translate(k) + ": " + translate(v) for k, v in value.items()) + "}"
    return repr(value)


def parameters_cell(parameters):
    text = "# Parameters\n" + "".join("%s = %s\n" % (name, translate(value)) for name, value in parameters.items())
    return {"cell_type": "code", "execution_count": None, "id": "injected-parameters",
            "metadata": {"tags": ["injected-parameters"]}, "outputs": [], "source": text}


def inject_parameters(cells, parameters):
    """Returns the cells with papermill's injected cell; raises Failure for an unknown name."""
    cells = [c for c in cells if "injected-parameters" not in tags_of(c)]
    tagged = [i for i, c in enumerate(cells) if c.get("cell_type") == "code" and "parameters" in tags_of(c)]
    if not parameters:
        return cells
    injected = parameters_cell(parameters)
    injected["_position"] = None
    if not tagged:
        cells.insert(0, injected)  # papermill: at the top when no cell is tagged
        return cells
    position = tagged[0]
    known = assigned_names(cell_text(cells[position])) or []
    unknown = [name for name in parameters if name not in known]
    if unknown:
        raise Failure("parameters", "unknown parameter%s %s; the parameters cell (cell %d) assigns %s" % (
            "s" if len(unknown) > 1 else "", ", ".join("`%s`" % n for n in unknown), cells[position]["_position"],
            ", ".join("`%s`" % n for n in known) or "nothing"), known=known, unknown=unknown,
            cell=cells[position]["_position"])
    cells.insert(position + 1, injected)
    return cells


# --- outputs, the way a Jupyter kernel reports them ---

class Recorder:
    """Collects the outputs of the running cell, merging consecutive stream text like Jupyter.

    As nbclient records them: `clear_output(wait=True)` clears when the next output arrives,
    and an output with a display id updates every earlier output with that id, in any cell."""

    def __init__(self):
        self.outputs = None
        self.clear_pending = False
        self.displays = {}

    def start(self, outputs):
        self.outputs = outputs
        self.clear_pending = False

    def before_output(self):
        if self.clear_pending:
            self.clear_pending = False
            del self.outputs[:]

    def stream(self, name, text):
        if self.outputs is None or not text:
            return
        self.before_output()
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def add(self, output, display_id=None):
        if display_id is not None:
            self.update(display_id, output["data"], output["metadata"])
        if self.outputs is not None:
            self.before_output()
            self.outputs.append(output)
            if display_id is not None:
                self.displays.setdefault(display_id, []).append(output)

    def update(self, display_id, data, metadata):
        for output in self.displays.get(display_id, []):
            output["data"] = data
            output["metadata"] = metadata

    def clear(self, wait=False):
        if self.outputs is None:
            return
        if wait:
            self.clear_pending = True
        else:
            self.clear_pending = False
            del self.outputs[:]


RECORDER = Recorder()


class Tee(io.TextIOBase):
    """sys.stdout/sys.stderr: to the cell's outputs and to the run's log file."""

    def __init__(self, name, stream):
        self.name_ = name
        self.stream = stream

    def write(self, text):
        if not isinstance(text, str):
            text = str(text)
        RECORDER.stream(self.name_, text)
        self.stream.write(text)
        return len(text)

    def flush(self):
        self.stream.flush()

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self.stream.fileno()

    @property
    def encoding(self):
        return self.stream.encoding


MIME_METHODS = [("text/html", "_repr_html_"), ("text/markdown", "_repr_markdown_"), ("image/svg+xml", "_repr_svg_"),
                ("image/png", "_repr_png_"), ("image/jpeg", "_repr_jpeg_"), ("text/latex", "_repr_latex_"),
                ("application/json", "_repr_json_"), ("application/javascript", "_repr_javascript_")]


def text_plain(value):
    """repr, except where IPython's pretty printer would show something else: long or
    multi-line builtin containers, classes, functions, `_repr_pretty_` (imported only then)."""
    text = repr(value)
    containers = (list, tuple, dict, set, frozenset)
    if not (hasattr(type(value), "_repr_pretty_") or isinstance(value, type) or callable(value) and
            type(value).__name__ in ("function", "builtin_function_or_method", "method") or
            isinstance(value, containers) and (len(text) > 79 or "\n" in text)):
        return text
    try:
        from IPython.lib.pretty import pretty
        return pretty(value)
    except Exception:
        if isinstance(value, containers):
            import pprint
            return pprint.pformat(value, width=79, sort_dicts=False)
        return text


def mime_bundle(value):
    """The MIME bundle plain mode can build without IPython's formatters."""
    data = {"text/plain": text_plain(value)}
    bundle = getattr(value, "_repr_mimebundle_", None)
    if callable(bundle):
        try:
            extra = bundle()
            if isinstance(extra, tuple):
                extra = extra[0]
            data.update(extra or {})
        except Exception:
            pass
    for mime, method in MIME_METHODS:
        function = getattr(value, method, None)
        if mime in data or not callable(function) or isinstance(value, type):
            continue
        try:
            result = function()
        except Exception:
            continue
        if isinstance(result, tuple):
            result = result[0]
        if result is None:
            continue
        data[mime] = result
    return json_safe(data)


def json_safe(data):
    """Binary MIME data as base64 text, as Jupyter's message serialiser sends it."""
    return {mime: base64.b64encode(value).decode("ascii") if isinstance(value, (bytes, bytearray)) else value
            for mime, value in (data or {}).items()}


class PlainDisplayHandle:
    """What `display(..., display_id=True)` returns without IPython: `update` replaces the output."""

    def __init__(self, display_id):
        self.display_id = display_id

    def update(self, value, **kwargs):
        RECORDER.update(self.display_id, mime_bundle(value), {})

    def display(self, value, **kwargs):
        plain_display(value, display_id=self.display_id)


def plain_display(*objects, **kwargs):
    display_id = kwargs.get("display_id")
    if display_id is True:
        import uuid
        display_id = uuid.uuid4().hex
    for value in objects:
        data = json_safe(value) if kwargs.get("raw") else mime_bundle(value)
        if kwargs.get("update"):
            RECORDER.update(display_id, data, {})
        else:
            RECORDER.add({"output_type": "display_data", "data": data, "metadata": {}}, display_id)
    return PlainDisplayHandle(display_id) if display_id is not None else None


def flush_figures():
    """Shows and closes open matplotlib figures after a cell, as the inline backend does."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    try:
        numbers = pyplot.get_fignums()
        for number in numbers:
            figure = pyplot.figure(number)
            data = {"text/plain": repr(figure)}
            # As matplotlib_inline's print_figure: no image for an empty figure, and the
            # figure's own colours, whatever the style says savefig should use.
            if figure.axes or figure.lines:
                buffer = io.BytesIO()
                figure.canvas.print_figure(buffer, format="png", bbox_inches="tight", dpi=figure.dpi,
                                           facecolor=figure.get_facecolor(), edgecolor=figure.get_edgecolor())
                data["image/png"] = base64.b64encode(buffer.getvalue()).decode("ascii")
            RECORDER.add({"output_type": "display_data", "metadata": {}, "data": data})
        if numbers:
            pyplot.close("all")
    except Exception as error:
        sys.stderr.write("harness: could not render a matplotlib figure: %s\n" % error)


class KernelDisplayDefaults:
    """pandas chooses its display defaults at import by asking whether it runs in a Jupyter
    kernel; the driver is not one, so frames would be cut to fit a terminal ("...") where
    Jupyter wraps them. Right after pandas is imported, the kernel's default is set."""

    def find_spec(self, name, path=None, target=None):
        if name != "pandas":
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        original = spec.loader.exec_module

        def exec_module(module):
            original(module)
            try:
                module.set_option("display.max_columns", 20)
                # A Jupyter front end: Categorical footers and wide frames are not wrapped
                # to a terminal's width.
                sys.modules["pandas.io.formats.console"].in_ipython_frontend = lambda: True
            except Exception:
                pass

        spec.loader.exec_module = exec_module
        return spec


# --- the engines ---

DRIVER_FILE = os.path.abspath(__file__)


class PlainEngine:
    """Plain `exec`, for interpreters without IPython: values shown as IPython would where
    the driver can (see text_plain), no magics."""
    name = "plain"
    # No inline backend to show figures after a cell: the driver does (flush_figures).
    flushes_figures = True

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
        self.filename = cell_file_name(source)
        # Jupyter shows a warning again in a later cell; the registry would hide it.
        self.namespace.pop("__warningregistry__", None)
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
        RECORDER.add({"output_type": "error", "ename": type(error).__name__, "evalue": str(error),
                      "traceback": [line.rstrip("\n") for line in user_traceback(error)]})


def user_traceback(error):
    """The traceback lines of `error` without the driver's own frames (they begin the chain)."""
    tb = error.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) == DRIVER_FILE:
        tb = tb.tb_next
    return traceback.format_exception(type(error), error, tb)


def magic_line(source):
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(("%", "!")) or ("= !" in stripped and not stripped.startswith("#")):
            return number, stripped
    return None


class KernelNeeded(AttributeError):
    """A notebook asked for the Jupyter kernel itself (comms, sockets) outside one."""


def make_ipython_engine():
    import importlib.util
    # find_spec, not import: importing matplotlib_inline imports matplotlib (a second).
    inline = importlib.util.find_spec("matplotlib_inline") is not None
    if inline and "MPLBACKEND" not in os.environ:
        # As ipykernel does: figures through the inline backend.
        os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.compilerop import CachingCompiler
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from traitlets import Type
    from traitlets.config import Config
    import IPython

    class Compiler(CachingCompiler):
        def get_code_name(self, raw_code, transformed_code, number):
            return cell_file_name(raw_code)

    class Hook(DisplayHook):
        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            RECORDER.add({"output_type": "execute_result", "execution_count": self.prompt_count,
                          "data": json_safe(format_dict), "metadata": md_dict or {}})

        def finish_displayhook(self):
            pass

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            display_id = (transient or {}).get("display_id")
            data, metadata = json_safe(data), metadata or {}
            if update:
                if display_id is not None:
                    RECORDER.update(display_id, data, metadata)
                return
            RECORDER.add({"output_type": "display_data", "data": data, "metadata": metadata}, display_id)

        def clear_output(self, wait=False):
            RECORDER.clear(wait)

    class Shell(InteractiveShell):
        displayhook_class = Type(Hook)
        display_pub_class = Type(Publisher)
        compiler_class = Type(Compiler)

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

        @property
        def kernel(self):
            """There is no kernel in this engine: say how to get one. An AttributeError still,
            so `hasattr(get_ipython(), "kernel")` answers as it would outside Jupyter."""
            raise KernelNeeded("this notebook uses get_ipython().kernel, which only a Jupyter kernel has: "
                               "declare \"engine\": \"kernel\" in its case (its environment needs nbclient "
                               "and ipykernel)")

    config = Config()
    # In memory, as nbclient runs kernels: `In`, `Out` and %history work, nothing is written.
    config.HistoryManager.hist_file = ":memory:"
    config.InteractiveShell.colors = "NoColor"
    shell = Shell.instance(config=config)
    if not inline:
        def matplotlib(line=""):
            """%matplotlib without matplotlib-inline: figures are still shown after each cell."""
            import matplotlib as library
            library.use("Agg")

        shell.register_magic_function(matplotlib, "line", "matplotlib")

    class Engine:
        name = "ipython " + IPython.__version__
        filename = None
        # With matplotlib-inline, figures are shown by its own post-execute hook, exactly when
        # ipykernel shows them (with matplotlib 3.7 and IPython 9 that is after the cell *after*
        # the first plot, as the backend's set-up is deferred); the driver adds none of its own.
        flushes_figures = not inline

        def user_namespace(self):
            return shell.user_ns

        def hidden_names(self):
            return set(shell.user_ns_hidden) | {"In", "Out", "exit", "quit", "get_ipython", "open"}

        def run(self, source, position):
            self.filename = cell_file_name(source)
            shell.user_ns.pop("__warningregistry__", None)
            result = shell.run_cell(source, store_history=True)
            return result.error_before_exec or result.error_in_exec

        @property
        def count(self):
            return shell.execution_count - 1

    return Engine()


def make_engine(choice):
    """IPython's InteractiveShell when it is importable (as Jupyter runs notebooks), else plain
    exec. `choice` (the case's "engine", or HARNESS_NOTEBOOK_ENGINE): ipython, plain or auto."""
    if choice == "plain":
        return PlainEngine()
    try:
        return make_ipython_engine()
    except ImportError as error:
        if choice == "ipython":
            raise Failure("engine", "the case's engine is \"ipython\", but IPython cannot be imported (%s)" % error,
                          hint=IPYTHON_HINT)
        return PlainEngine()


# --- failures ---

def locate(error, engine, source, label):
    """The line in the running cell where `error` happened, and a plain traceback."""
    line = None
    if isinstance(error, SyntaxError) and error.lineno and (error.filename == engine_filename(engine) or
                                                             str(error.filename).startswith("<")):
        line = error.lineno
    own = engine_filename(engine)
    for frame, number in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == own:
            line = number
    frames = traceback.extract_tb(error.__traceback__)
    first = next((i for i, f in enumerate(frames) if f.filename == own), 0)
    for frame in frames:
        if frame.filename == own:
            frame.filename = label
    exception = traceback.TracebackException(type(error), error, None)
    text = "Traceback (most recent call last):\n" if frames[first:] else ""
    text += "".join(traceback.StackSummary.from_list(frames[first:]).format())
    return line, text + "".join(exception.format_exception_only())


def stopped_at(stop, engine, label):
    """Where the running cell was when harness stopped it: its line and its stack, from the
    cell's first frame to the last frame outside this driver (the signal handler's own frame
    says nothing about the notebook)."""
    own = engine_filename(engine)
    frames = traceback.extract_tb(stop.__traceback__)
    first = next((i for i, f in enumerate(frames) if f.filename == own), None)
    if first is None:
        return {}
    driver_file = os.path.abspath(__file__)
    frames = [f for f in frames[first:] if os.path.abspath(f.filename) != driver_file]
    line = [f.lineno for f in frames if f.filename == own][-1]
    for frame in frames:
        if frame.filename == own:
            frame.filename = label
    text = "Traceback (most recent call last):\n" + "".join(traceback.StackSummary.from_list(frames).format())
    return {"line": line, "traceback": text}


def engine_filename(engine):
    return getattr(engine, "filename", None)


def describe(error, engine, source, position):
    line, text = locate(error, engine, source, "cell %s" % position)
    fields = {"cell": position, "cell_first_line": first_line(source), "line": line, "source": source,
              "exception": type(error).__name__, "message": str(error), "traceback": text}
    if isinstance(error, OSError) and getattr(error, "filename", None) is not None:
        fields["filename"] = os.fsdecode(error.filename) if isinstance(error.filename, (str, bytes)) else str(error.filename)
    if isinstance(error, KeyError) and error.args:
        fields["message"] = repr(error.args[0])
    return fields


# --- captures ---

def write_captures(captures, folder, namespace, hidden):
    written = {}
    for file_name, variable in captures:
        if variable not in namespace:
            import types
            visible = sorted(n for n, v in namespace.items() if not n.startswith("_") and n not in hidden
                             and not isinstance(v, types.ModuleType))
            near = difflib.get_close_matches(variable, visible, 1)
            raise Failure("capture", "capture `%s` names the variable `%s`, which the notebook does not define" % (file_name, variable),
                          variable=variable, known=visible, suggestion=near[0] if near else None)
        value = namespace[variable]
        path = os.path.join(folder, file_name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        kind = type(value).__module__.split(".")[0] + "." + type(value).__name__
        if kind in ("pandas.DataFrame", "pandas.Series"):
            frame = with_index_as_columns(value)
            if file_name.lower().endswith(".json"):
                frame.to_json(path, orient="records", indent=2)
            else:
                frame.to_csv(path, index=False)
        else:
            def plain(item):
                if hasattr(item, "tolist"):
                    return item.tolist()
                if hasattr(item, "item"):
                    return item.item()
                raise TypeError("%s is not JSON serializable" % type(item).__name__)
            try:
                text = json.dumps(value, indent=2, ensure_ascii=False, default=plain, allow_nan=False)
            except (TypeError, ValueError) as error:
                raise Failure("capture", "capture `%s`: the variable `%s` is a %s, which is neither a pandas DataFrame/Series nor JSON-serialisable (%s)"
                              % (file_name, variable, type(value).__name__, error), variable=variable)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        written[file_name] = path
    return written


def with_index_as_columns(value):
    """A DataFrame or Series as the table to write: its index becomes leading columns when it
    carries labels (a `value_counts()` or `groupby(...).sum()` result, string or date labels, a
    MultiIndex). An unnamed integer index is row numbers, the default range or what filtering,
    dropna or sorting left of it, and is left out as before. Unnamed label levels are called
    `index` (or `level_N`), as pandas' `reset_index` names them."""
    index = value.index
    row_numbers = index.nlevels == 1 and index.name is None and index.dtype.kind in "iu"
    frame = value.to_frame() if type(value).__name__ == "Series" else value
    if row_numbers:
        return frame
    # A level named like a column (a groupby on "a" keeping "a") would otherwise be refused.
    return frame.reset_index(allow_duplicates=True)


# --- the kernel engine ---

KERNEL_CAPTURES = """import importlib.util as _harness_util
_harness_spec = _harness_util.spec_from_file_location("harness_notebook_driver", %r)
_harness_driver = _harness_util.module_from_spec(_harness_spec)
_harness_spec.loader.exec_module(_harness_driver)
print(_harness_driver.kernel_captures(%r, %r, globals()))
del _harness_util, _harness_spec, _harness_driver
"""


def kernel_captures(captures, folder, namespace):
    """Run inside the kernel after the notebook: writes the captures, answers in JSON."""
    hidden = set(get_ipython().user_ns_hidden)  # noqa: F821 (defined in a kernel)
    try:
        return json.dumps({"captured": write_captures(captures, folder, namespace, hidden)})
    except Failure as failure:
        return json.dumps({"failure": failure.fields})


def run_with_kernel(notebook, job, result):
    """engine "kernel": a real Jupyter kernel through nbclient, for notebooks that need one
    (get_ipython().kernel, comms, widgets). Returns the failing cell for the banner, or None."""
    import importlib.util
    missing = [name for name in ("nbclient", "ipykernel") if importlib.util.find_spec(name) is None]
    if missing:
        raise Failure("engine", "the case's engine is \"kernel\", which needs %s in this interpreter (%s)"
                      % (" and ".join(missing), sys.executable),
                      hint="add %s to python.requirements" % " and ".join(missing))
    import nbformat
    from nbformat.v4.rwbase import rejoin_lines
    from nbclient import NotebookClient
    positions = [cell.pop("_position", None) for cell in notebook["cells"]]
    # Sources saved as lists of lines (as Jupyter saves them) are joined, as nbformat.read does.
    node = rejoin_lines(nbformat.from_dict(notebook))
    client = NotebookClient(node, timeout=job.get("cell_timeout") or None, kernel_name="python3",
                            resources={"metadata": {"path": os.getcwd()}})
    failing = None
    try:
        failing = execute_in_kernel(client, node, positions, job, result)
    except (RunTerminated, Failure):
        raise
    except Exception as error:
        raise Failure("engine", "the Jupyter kernel could not run the notebook: %s: %s" % (type(error).__name__, error),
                      hint="check that ipykernel works in this interpreter: %s -m ipykernel --version" % sys.executable)
    finally:
        notebook["cells"] = node.cells
    return failing


def execute_in_kernel(client, node, positions, job, result):
    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError
    failing = None
    with client.setup_kernel():
        for index, cell in enumerate(node.cells):
            if cell.get("cell_type") != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except (CellExecutionError, CellTimeoutError) as error:
                source = cell_text(cell)
                position = positions[index]
                timeout = isinstance(error, CellTimeoutError)
                result["status"] = "timeout" if timeout else "failed"
                result["failure"] = {"kind": "cell-timeout" if timeout else "exception", "cell": position,
                                     "cell_first_line": first_line(source) if position else "injected parameters",
                                     "source": source, "line": None,
                                     "exception": getattr(error, "ename", type(error).__name__),
                                     "message": getattr(error, "evalue", str(error)),
                                     "traceback": getattr(error, "traceback", str(error))}
                failing = (position, cell.get("execution_count"), cell)
                break
        if failing is None:
            probe = nbformat.v4.new_code_cell(KERNEL_CAPTURES % (DRIVER_FILE, job.get("captures") or [],
                                                                 job["capture_folder"]))
            node.cells.append(probe)  # nbclient stores the executed cell back by its index
            try:
                client.execute_cell(probe, len(node.cells) - 1)
            finally:
                node.cells.pop()
            text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
            answer = json.loads(text.strip().splitlines()[-1]) if text.strip() else {"failure": {
                "kind": "capture", "message": "the kernel did not report the captures"}}
            if "failure" in answer:
                result["status"] = "failed"
                result["failure"] = answer["failure"]
            else:
                result["captured"] = answer["captured"]
                result["status"] = "completed"
    return failing


# --- the run ---

def notebook_json(notebook):
    def lines_of(value):
        return split_lines(value) if isinstance(value, str) else value

    for cell in notebook["cells"]:
        cell.pop("_position", None)
        if isinstance(cell.get("source"), str):
            cell["source"] = lines_of(cell["source"])
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                output["text"] = lines_of(output["text"])
            for mime, value in list(output.get("data", {}).items()):
                if isinstance(value, str) and (mime.startswith("text/") or mime == "image/svg+xml"):
                    output["data"][mime] = lines_of(value)
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def add_cell_ids(notebook):
    """nbformat 4.5 cell ids: kept where the notebook has them, added where it has not, as
    nbformat's upgrade does when papermill writes a notebook."""
    import uuid
    used = {cell.get("id") for cell in notebook["cells"]}
    for cell in notebook["cells"]:
        if not isinstance(cell.get("id"), str) or not cell["id"]:
            cell["id"] = next(i for i in iter(lambda: uuid.uuid4().hex[:8], None) if i not in used)
            used.add(cell["id"])
    if notebook.get("nbformat_minor", 0) < 5:
        notebook["nbformat_minor"] = 5


def error_banner(count, position):
    style = "color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;"
    top = {"cell_type": "markdown", "id": "harness-error-cell-tag", "metadata": {"tags": ["harness-error-cell-tag"]},
           "source": '<span style="%s">An Exception was encountered at \'<a href="#harness-error-cell">In [%s]</a>\'.</span>'
           % (style, count)}
    here = {"cell_type": "markdown", "id": "harness-error-cell", "metadata": {"tags": ["harness-error-cell"]},
            "source": '<span id="harness-error-cell" style="%s">Execution using harness encountered an exception here and stopped:</span>' % style}
    return top, here


def main():
    job_path = sys.argv[1]
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    result = {"status": "failed", "engine": None, "captured": {}}
    started = time.time()
    notebook = None
    failing = None
    current = [None]

    def finish():
        result["seconds"] = time.time() - started
        if notebook is not None:
            try:
                if failing is not None:
                    top, here = error_banner(failing[1], failing[0])
                    cells = notebook["cells"]
                    index = next(i for i, c in enumerate(cells) if c is failing[2])
                    cells.insert(index, here)
                    cells.insert(0, top)
                text = notebook_json(notebook)
                with open(job["output"], "w", encoding="utf-8") as handle:
                    handle.write(text)
            except Exception as error:
                # A run whose executed notebook is missing has not done what was asked.
                sys.stderr.write("harness: could not write the executed notebook: %s\n" % error)
                if result["status"] == "completed":
                    result["status"] = "failed"
                    result["failure"] = {"kind": "executed-notebook",
                                         "message": "could not write the executed notebook: %s" % error}
        with open(job["result"] + ".tmp", "w", encoding="utf-8") as handle:
            json.dump(result, handle, ensure_ascii=False)
        os.replace(job["result"] + ".tmp", job["result"])

    def terminated(signum, frame):
        raise RunTerminated("stopped by harness (signal %d)" % signum)

    signal.signal(signal.SIGTERM, terminated)
    signal.signal(signal.SIGINT, terminated)
    engine = None
    try:
        try:
            with open(job["notebook"], encoding="utf-8") as handle:
                notebook = json.load(handle)
        except (OSError, ValueError) as error:
            raise Failure("notebook", "cannot read the notebook: %s" % error)
        if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list) or notebook.get("nbformat") != 4:
            raise Failure("notebook", "not an nbformat 4 notebook (expected a JSON object with \"nbformat\": 4 and \"cells\")")
        for position, cell in enumerate(notebook["cells"], 1):
            cell["_position"] = position
            if cell.get("cell_type") == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
        notebook["cells"] = inject_parameters(notebook["cells"], job.get("parameters") or {})
        add_cell_ids(notebook)
        if job.get("cell_files"):
            # For a crash report: faulthandler's dump names cells only by their file.
            files = {cell_file_name(cell_text(c)): c.get("_position") for c in notebook["cells"]
                     if c.get("cell_type") == "code" and c.get("_position") is not None}
            with open(job["cell_files"], "w", encoding="utf-8") as handle:
                json.dump(files, handle)
        metadata = notebook.setdefault("metadata", {})
        metadata["harness"] = {"label": job.get("label"), "parameters": job.get("parameters") or {},
                               "input_path": job["notebook"], "output_path": job["output"]}

        if "pandas" not in sys.modules:
            sys.meta_path.insert(0, KernelDisplayDefaults())
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = Tee("stdout", stdout), Tee("stderr", stderr)
        choice = job.get("engine") or os.environ.get("HARNESS_NOTEBOOK_ENGINE") or "auto"
        if choice == "kernel":
            result["engine"] = metadata["harness"]["engine"] = "kernel"
            failing = run_with_kernel(notebook, job, result)
            return
        engine = make_engine(choice)
        os.environ.setdefault("MPLBACKEND", "Agg")
        result["engine"] = metadata["harness"]["engine"] = engine.name
        cell_timeout = job.get("cell_timeout")

        def expired(signum, frame):
            raise CellTimeout("cell timed out after %g seconds" % cell_timeout)

        signal.signal(signal.SIGALRM, expired)
        for cell in notebook["cells"]:
            if cell.get("cell_type") != "code":
                continue
            position = cell.get("_position")
            tags = tags_of(cell)
            source = cell_text(cell)
            if "skip-execution" in tags:
                cell["metadata"]["harness"] = {"status": "skipped"}
                continue
            if not source.strip():
                # As Jupyter (nbclient) does: an empty cell is not run and keeps no count.
                cell["execution_count"] = None
                continue
            RECORDER.start(cell["outputs"])
            current[0] = (position, source)
            began = time.time()
            if cell_timeout:
                signal.setitimer(signal.ITIMER_REAL, cell_timeout)
                faulthandler.dump_traceback_later(cell_timeout + 3, exit=True)
            try:
                error = engine.run(source, position if position is not None else "injected-parameters")
            except Failure as failure:
                failure.fields.update(cell=position, cell_first_line=first_line(source), source=source)
                cell["execution_count"] = engine_count(engine)
                failing = (position, cell["execution_count"], cell)
                raise
            finally:
                if cell_timeout:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    faulthandler.cancel_dump_traceback_later()
                sys.stdout.flush()
                if engine.flushes_figures:
                    flush_figures()
                RECORDER.outputs = None
            cell["execution_count"] = engine_count(engine)
            status = "completed"
            if isinstance(error, RunTerminated):
                raise error
            if error is not None and "raises-exception" not in tags:
                status = "failed"
            cell["metadata"]["harness"] = {"status": status, "duration": round(time.time() - began, 6)}
            if error is None and "raises-exception" in tags:
                failing = (position, cell["execution_count"], cell)
                raise Failure("raises-exception", "the cell is tagged `raises-exception` but ran without raising",
                              cell=position, cell_first_line=first_line(source), source=source,
                              hint="remove the tag if the cell no longer raises, or restore the behaviour it checks")
            if status == "failed":
                failing = (position, cell["execution_count"], cell)
                fields = describe(error, engine, source, position if position is not None else 0)
                if position is None:
                    fields["cell"] = None
                    fields["cell_first_line"] = "injected parameters"
                result["status"] = "timeout" if isinstance(error, CellTimeout) else "failed"
                result["failure"] = dict(fields, kind="cell-timeout" if isinstance(error, CellTimeout) else "exception")
                return
        result["captured"] = write_captures(job.get("captures") or [], job["capture_folder"], engine.user_namespace(), engine.hidden_names())
        result["status"] = "completed"
    except Failure as failure:
        result["status"] = "failed"
        result["failure"] = failure.fields
    except RunTerminated as stop:
        result["status"] = "terminated"
        result["failure"] = {"kind": "terminated", "message": str(stop)}
        if current[0] is not None:
            result["failure"].update(cell=current[0][0], cell_first_line=first_line(current[0][1]), source=current[0][1])
            # Where the cell was when it was stopped (a timeout): its line and the stack.
            if engine is not None and stop.__traceback__ is not None:
                result["failure"].update(stopped_at(stop, engine, "cell %s" % current[0][0]))
    finally:
        sys.stdout.flush()
        finish()
    sys.exit(0 if result["status"] == "completed" else 1)


def engine_count(engine):
    return engine.count


if __name__ == "__main__":
    main()
