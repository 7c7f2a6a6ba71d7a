// The notebook driver, part 1: parameters (papermill's convention) and Jupyter-style outputs.
// Edit the Python here; it is written out as driver.py for every notebook run.
extension NotebookDriver {
    static let scriptHead: String = #"""
"""harness notebook driver: "Restart and run all" in this one interpreter.

Carried inside the harness binary and written to a temporary file for each run. Standard
library only; uses IPython's InteractiveShell when it is importable (magics, `!` lines,
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
    """Collects the outputs of the running cell, merging consecutive stream text like Jupyter."""

    def __init__(self):
        self.outputs = None

    def stream(self, name, text):
        if self.outputs is None or not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def add(self, output):
        if self.outputs is not None:
            self.outputs.append(output)

    def clear(self):
        if self.outputs is not None:
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
        if isinstance(result, bytes):
            result = base64.b64encode(result).decode("ascii")
        data[mime] = result
    return data


def plain_display(*objects, **kwargs):
    for value in objects:
        if kwargs.get("raw"):
            RECORDER.add({"output_type": "display_data", "data": dict(value), "metadata": {}})
        else:
            RECORDER.add({"output_type": "display_data", "data": mime_bundle(value), "metadata": {}})


def flush_figures():
    """Shows and closes open matplotlib figures after a cell, as the inline backend does."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    try:
        numbers = pyplot.get_fignums()
        for number in numbers:
            figure = pyplot.figure(number)
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", bbox_inches="tight")
            RECORDER.add({"output_type": "display_data", "metadata": {}, "data": {
                "image/png": base64.b64encode(buffer.getvalue()).decode("ascii"), "text/plain": repr(figure)}})
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
            except Exception:
                pass

        spec.loader.exec_module = exec_module
        return spec


"""#
}
