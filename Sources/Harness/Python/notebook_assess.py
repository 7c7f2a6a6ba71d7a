"""Reads a notebook's cells with Python's `ast` and reports the refactoring checklist.

Run by `harness assess` (and `harness init`) with the project's interpreter:

    python notebook_assess.py NOTEBOOK.ipynb PROJECT_ROOT

Prints one JSON object: `cells` (per code cell: number, execution count, names defined
and used, files read and written) and `findings` (a rule id and its facts). Words are
the Swift side's job: this file returns facts only, so one renderer phrases every
finding. Secrets are never returned, only their kind, place and length.

Standard library only, Python 3.8+: it must run in any project's interpreter.
"""
import ast
import builtins
import json
import os
import re
import sys

# A cell longer than this many lines is a finding (it usually does several things).
LONG_CELL_LINES = 50

# Well-known credential formats (the patterns secret scanners such as gitleaks use).
SECRET_FORMATS = [
    ("AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("GitHub token", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{40,}\b")),
    ("Slack token", re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("OpenAI API key", re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}\b")),
    ("Stripe secret key", re.compile(r"\b[sr]k_live_[0-9a-zA-Z]{20,}\b")),
    ("private key", re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
    ("JSON Web Token", re.compile(r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}")),
]
# Names whose string value is a secret when written in the source.
SECRET_NAME = re.compile(r"(?i)(pass(word|wd)?|pwd|secret|token|api_?key|access_?key|private_?key|auth)$|^(pass(word|wd)?|pwd|secret|token|api_?key|access_?key)")
# `password=...` style text in outputs or strings (value at least 4 non-space characters).
SECRET_ASSIGNMENT = re.compile(
    r"(?i)\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)\b\s*[:=]\s*['\"]?([^\s'\",;]{4,})")
PLACEHOLDERS = {"xxx", "xxxx", "changeme", "your_password", "password", "<password>", "none", "null", "****", "todo"}

RANDOM_CALLS = {"random", "randint", "choice", "choices", "shuffle", "sample", "uniform", "gauss", "randrange",
                "normalvariate", "rand", "randn", "normal", "permutation", "binomial", "poisson", "standard_normal",
                "random_sample", "integers", "exponential"}
# scikit-learn and pandas callables whose result depends on `random_state` when it is left out.
RANDOM_STATE_CALLS = {
    "train_test_split", "KFold", "StratifiedKFold", "ShuffleSplit", "StratifiedShuffleSplit", "GroupShuffleSplit",
    "RandomForestClassifier", "RandomForestRegressor", "ExtraTreesClassifier", "ExtraTreesRegressor",
    "GradientBoostingClassifier", "GradientBoostingRegressor", "HistGradientBoostingClassifier",
    "HistGradientBoostingRegressor", "DecisionTreeClassifier", "DecisionTreeRegressor", "KMeans", "MiniBatchKMeans",
    "TSNE", "MLPClassifier", "MLPRegressor", "SGDClassifier", "SGDRegressor", "IsolationForest", "BaggingClassifier",
    "BaggingRegressor", "AdaBoostClassifier", "AdaBoostRegressor", "make_classification", "make_regression",
    "make_blobs", "resample", "shuffle", "XGBClassifier", "XGBRegressor", "LGBMClassifier", "LGBMRegressor",
}
# Names that are also pandas methods (`df.resample("M")`): only bare or sklearn calls count.
FUNCTION_ONLY = {"resample", "shuffle"}
SKLEARN = {"sklearn", "utils"}
SEED_CALLS = {"seed", "manual_seed", "set_seed", "set_random_seed"}
# Calls that change state every later cell sees.
GLOBAL_STATE_CALLS = {
    "set_option": "pandas option", "reset_option": "pandas option", "set_printoptions": "numpy print options",
    "seterr": "numpy error handling", "filterwarnings": "warnings filter", "simplefilter": "warnings filter",
    "chdir": "working folder", "use": "matplotlib style", "setlocale": "locale", "set_theme": "seaborn theme",
    "set_style": "seaborn style", "set_context": "seaborn context", "putenv": "environment variable",
    "setrecursionlimit": "recursion limit", "set_default_dtype": "default dtype",
}
GLOBAL_STATE_RECEIVERS = {"pd", "pandas", "np", "numpy", "warnings", "os", "style", "locale", "sns", "seaborn",
                          "sys", "torch", "plt", "matplotlib", "mpl"}
READ_CALLS = {"read_csv", "read_json", "read_excel", "read_parquet", "read_table", "read_feather", "read_pickle",
              "read_sql", "read_fwf", "read_hdf", "read_orc", "read_stata", "read_sas", "read_spss", "read_xml",
              "load", "loadtxt", "genfromtxt", "read_text", "read_bytes", "imread", "load_workbook", "scan_csv",
              "read_ndjson"}
WRITE_CALLS = {"to_csv", "to_json", "to_excel", "to_parquet", "to_feather", "to_pickle", "to_hdf", "to_html",
               "to_markdown", "to_latex", "to_xml", "savefig", "save", "savetxt", "savez", "dump", "write_text",
               "write_bytes", "write_csv", "write_json", "write_parquet", "write_ndjson", "imwrite", "to_file"}
BUILTIN_NAMES = set(dir(builtins)) | {"display", "get_ipython", "In", "Out", "_", "__", "___", "exit", "quit",
                                      "__file__", "__name__"}
PATH_LIKE = re.compile(r"^(/[^/\s]|[A-Za-z]:[\\/]|~/|\\\\)")


def source_of(cell):
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else str(text)


def python_lines(source):
    """The cell as Python: IPython magics and shell lines become `pass` (same line numbers)."""
    lines = source.split("\n")
    if lines and lines[0].startswith("%%"):
        return "\n".join("pass" if index == 0 else "" for index, _ in enumerate(lines)), True
    out = []
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")):
            out.append(line[: len(line) - len(stripped)] + "pass")
        else:
            out.append(line)
    return "\n".join(out), False


def call_name(node):
    """`pd.read_csv(...)` -> ("pd", "read_csv"); `open(...)` -> (None, "open")."""
    func = node.func
    if isinstance(func, ast.Attribute):
        receiver = func.value
        while isinstance(receiver, ast.Attribute):
            receiver = receiver.value
        base = receiver.id if isinstance(receiver, ast.Name) else None
        inner = func.value.attr if isinstance(func.value, ast.Attribute) else None
        return base, func.attr, inner
    if isinstance(func, ast.Name):
        return None, func.id, None
    return None, None, None


# Module-level names bound to a string literal so far (`input_path = "data/x.csv"`), so
# `pd.read_csv(input_path)` still names its file.
KNOWN_STRINGS = {}


def literal_path(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return KNOWN_STRINGS.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.Add)):
        left, right = literal_path(node.left), literal_path(node.right)
        if left is not None and right is not None:
            return left + ("/" if isinstance(node.op, ast.Div) else "") + right
        return None
    if isinstance(node, ast.Call) and call_name(node)[1] == "join" and node.args:
        parts = [literal_path(arg) for arg in node.args]
        return "/".join(parts) if all(p is not None for p in parts) else None
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        return "".join(parts) if len(parts) == len(node.values) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Path" and node.args:
        return literal_path(node.args[0])
    return None


def keyword(node, name):
    for item in node.keywords:
        if item.arg == name:
            return item.value
    return None


class CellScan(ast.NodeVisitor):
    """Names a cell binds and reads at module level, and what it calls."""

    def __init__(self):
        self.defines = {}   # name -> first line
        self.uses = {}      # name -> first line (read before this cell bound it)
        self.scopes = [set()]
        self.calls = []

    def bind(self, name, line):
        if len(self.scopes) == 1:
            self.defines.setdefault(name, line)
        else:
            self.scopes[-1].add(name)

    def read(self, name, line):
        if any(name in scope for scope in self.scopes[1:]):
            return
        if name in self.defines and self.defines[name] <= line:
            return
        self.uses.setdefault(name, line)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            self.read(node.id, node.lineno)
        else:
            self.bind(node.id, node.lineno)

    def visit_Assign(self, node):
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node):
        if isinstance(node.target, ast.Name):
            self.read(node.target.id, node.lineno)
        self.visit(node.value)
        self.visit(node.target)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)

    def visit_Import(self, node):
        for alias in node.names:
            self.bind((alias.asname or alias.name).split(".")[0], node.lineno)

    visit_ImportFrom = visit_Import

    def function(self, node, arguments):
        self.bind(node.name, node.lineno) if hasattr(node, "name") else None
        for decorator in getattr(node, "decorator_list", []):
            self.visit(decorator)
        self.scopes.append(set())
        if arguments is not None:
            for arg in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
                self.scopes[-1].add(arg.arg)
            for arg in (arguments.vararg, arguments.kwarg):
                if arg is not None:
                    self.scopes[-1].add(arg.arg)
            for default in arguments.defaults + [d for d in arguments.kw_defaults if d is not None]:
                self.visit(default)
        # Names a function assigns anywhere are local to it, even before the assignment.
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
                self.scopes[-1].add(child.id)
        body = node.body if isinstance(node.body, list) else [node.body]
        for statement in body:
            self.visit(statement)
        self.scopes.pop()

    def visit_FunctionDef(self, node):
        self.function(node, node.args)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self.function(node, node.args)

    def visit_ClassDef(self, node):
        self.bind(node.name, node.lineno)
        for base in node.bases:
            self.visit(base)
        self.scopes.append(set())
        for statement in node.body:
            self.visit(statement)
        self.scopes.pop()

    def comprehension(self, node):
        self.scopes.append(set())
        for generator in node.generators:
            self.visit(generator.iter)
            for child in ast.walk(generator.target):
                if isinstance(child, ast.Name):
                    self.scopes[-1].add(child.id)
            for condition in generator.ifs:
                self.visit(condition)
        for field in ("elt", "key", "value"):
            if hasattr(node, field):
                self.visit(getattr(node, field))
        self.scopes.pop()

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = comprehension

    def visit_Global(self, node):
        for name in node.names:
            self.defines.setdefault(name, node.lineno)

    def visit_Call(self, node):
        self.calls.append(node)
        self.generic_visit(node)


def file_accesses(calls):
    """(reads, writes): literal paths passed to known readers and writers, with lines."""
    reads, writes = [], []
    for node in calls:
        _base, name, _inner = call_name(node)
        if name is None:
            continue
        first = node.args[0] if node.args else keyword(node, "path") or keyword(node, "filepath_or_buffer") or keyword(node, "fname")
        if name == "open":
            path = literal_path(first) if first is not None else None
            mode_node = node.args[1] if len(node.args) > 1 else keyword(node, "mode")
            mode = mode_node.value if isinstance(mode_node, ast.Constant) and isinstance(mode_node.value, str) else "r"
            if path:
                (writes if any(c in mode for c in "wax+") else reads).append((path, node.lineno))
            continue
        if name in ("dump", "save", "savez", "savetxt") and len(node.args) >= 2 and name != "savetxt" and name != "save":
            target = node.args[1]
            path = literal_path(target)
            if path is None and isinstance(target, ast.Call) and call_name(target)[1] == "open" and target.args:
                path = literal_path(target.args[0])
            if path:
                writes.append((path, node.lineno))
            continue
        if name in READ_CALLS and first is not None:
            path = literal_path(first)
            if path is None and isinstance(first, ast.Call) and call_name(first)[1] == "open" and first.args:
                path = literal_path(first.args[0])
            if path:
                reads.append((path, node.lineno))
        elif name in WRITE_CALLS and first is not None:
            path = literal_path(first)
            if path:
                writes.append((path, node.lineno))
        elif name in ("read_text", "read_bytes", "write_text", "write_bytes") and isinstance(node.func, ast.Attribute):
            path = literal_path(node.func.value)
            if path:
                (reads if name.startswith("read") else writes).append((path, node.lineno))
    return reads, writes


def secrets_in_text(text):
    """(kind, line, length) of each credential in `text`; never the value."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for kind, pattern in SECRET_FORMATS:
            for match in pattern.finditer(line):
                found.append((kind, number, len(match.group(0))))
        for match in SECRET_ASSIGNMENT.finditer(line):
            value = match.group(2)
            if value.lower() in PLACEHOLDERS or value.startswith(("os.", "getpass", "{", "$", "<", "input(")):
                continue
            if not any(number == f[1] for f in found):
                found.append(("\"%s=\" value" % match.group(1).lower(), number, len(value)))
    return found


def secret_assignments(tree):
    """String literals assigned to secret-looking names (`password = "..."`, `token="..."`)."""
    found = []
    for node in ast.walk(tree):
        pairs = []
        if isinstance(node, ast.Assign):
            for target in node.targets:
                name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else None
                pairs.append((name, node.value))
        elif isinstance(node, ast.Call):
            pairs.extend((item.arg, item.value) for item in node.keywords)
        elif isinstance(node, ast.Dict):
            pairs.extend((key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None, value)
                         for key, value in zip(node.keys, node.values))
        for name, value in pairs:
            if not name or not SECRET_NAME.search(name):
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and len(value.value) >= 4 \
                    and value.value.lower() not in PLACEHOLDERS and " " not in value.value.strip():
                found.append(("\"%s\" assigned in the source" % name, value.lineno, len(value.value)))
    return found


def output_text(cell):
    parts = []
    for output in cell.get("outputs", []) or []:
        if "text" in output:
            text = output["text"]
            parts.append("".join(text) if isinstance(text, list) else str(text))
        data = output.get("data", {}) or {}
        for kind in ("text/plain", "text/html", "text/markdown"):
            if kind in data:
                text = data[kind]
                parts.append("".join(text) if isinstance(text, list) else str(text))
        if "traceback" in output:
            parts.append("\n".join(output.get("traceback") or []))
    return "\n".join(parts)


def resolve(path, folder):
    return os.path.normpath(os.path.join(folder, os.path.expanduser(path)))


def assess(notebook_path, project_root):
    with open(notebook_path, encoding="utf-8") as handle:
        notebook = json.load(handle)
    folder = os.path.dirname(os.path.abspath(notebook_path))
    root = os.path.abspath(project_root)
    cells, findings = [], []

    def finding(rule, cell, line, **facts):
        item = {"rule": rule, "cell": cell, "line": line}
        item.update(facts)
        findings.append(item)

    code_cells = [(number, cell) for number, cell in enumerate(notebook.get("cells", []), start=1)
                  if cell.get("cell_type") == "code"]
    # Execution order: saved counts must run 1, 2, 3 … in cell order.
    previous = None
    counts = [cell.get("execution_count") for _, cell in code_cells]
    for number, cell in code_cells:
        count = cell.get("execution_count")
        if count is None:
            if any(c is not None for c in counts) and source_of(cell).strip():
                finding("not-run", number, 1)
            continue
        if previous is not None and count <= previous:
            finding("out-of-order", number, 1, count=count, previous=previous)
        elif previous is not None and count > previous + 1:
            finding("count-gap", number, 1, count=count, previous=previous)
        previous = count

    scans = []
    for number, cell in code_cells:
        source = source_of(cell)
        text, magic_cell = python_lines(source)
        line_count = len([line for line in source.split("\n") if line.strip()])
        try:
            tree = ast.parse(text)
        except SyntaxError as error:
            finding("syntax-error", number, error.lineno or 1, message=str(error.msg))
            tree = ast.parse("")
        scan = CellScan()
        scan.visit(tree)
        reads, writes = file_accesses(scan.calls)
        for statement in tree.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                    and isinstance(statement.targets[0], ast.Name):
                value = literal_path(statement.value)
                if value is not None:
                    KNOWN_STRINGS[statement.targets[0].id] = value
        scans.append((number, cell, tree, scan, reads, writes, line_count, magic_cell))

    first_definition = {}
    for number, _, _, scan, _, _, _, _ in scans:
        for name, line in scan.defines.items():
            first_definition.setdefault(name, (number, line))

    seeded = set()
    seen_non_import = False
    defined_so_far = {}
    for number, cell, tree, scan, reads, writes, line_count, magic_cell in scans:
        # Names used before any earlier cell defines them, but defined by a later one.
        uses_from = {}
        for name, line in sorted(scan.uses.items(), key=lambda item: item[1]):
            if name in defined_so_far:
                uses_from[name] = defined_so_far[name]
                continue
            if name in BUILTIN_NAMES:
                continue
            later = first_definition.get(name)
            if later and later[0] > number:
                finding("used-before-defined", number, line, name=name, defined_in=later[0])
        for name in scan.defines:
            defined_so_far[name] = number

        # Imports after the first cell that does more than import.
        statements = [s for s in tree.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
                      and not isinstance(s, ast.Pass)]
        imports = [s for s in statements if isinstance(s, (ast.Import, ast.ImportFrom))]
        if seen_non_import:
            for statement in imports:
                finding("late-import", number, statement.lineno,
                        module=statement.module if isinstance(statement, ast.ImportFrom) else statement.names[0].name)
        if len(imports) < len(statements):
            seen_non_import = True

        if line_count > LONG_CELL_LINES:
            finding("long-cell", number, 1, lines=line_count, limit=LONG_CELL_LINES)

        # Paths: absolute, or relative but leaving the project.
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" not in node.value:
                value = node.value
                if PATH_LIKE.match(value) and len(value) > 2 and " " not in value.strip() and not value.startswith("//"):
                    finding("absolute-path", number, node.lineno, path=value)
                elif value.startswith("..") and "/" in value or value.startswith("../"):
                    target = resolve(value, folder)
                    if not (target == root or target.startswith(root + os.sep)):
                        finding("outside-project", number, node.lineno, path=value)

        # Credentials in the source and in saved outputs; never the value.
        for kind, line, length in secrets_in_text(source_of(cell)) + secret_assignments(tree):
            if not any(f["rule"] == "credential" and f["cell"] == number and f["line"] == line for f in findings):
                finding("credential", number, line, kind=kind, length=length, where="source")
        for kind, line, length in secrets_in_text(output_text(cell)):
            finding("credential", number, line, kind=kind, length=length, where="output")

        # Randomness without a seed, and global state.
        for node in scan.calls:
            base, name, inner = call_name(node)
            if name in SEED_CALLS:
                seeded.add("numpy" if inner == "random" else base)
                continue
            if name in RANDOM_CALLS and ((base == "random" and inner is None) or inner == "random"):
                family = "random" if inner is None else "numpy"
                if family not in seeded:
                    finding("unseeded-random", number, node.lineno, call=(inner + "." if inner else "random.") + name)
            elif name == "default_rng" and not node.args and keyword(node, "seed") is None:
                finding("unseeded-random", number, node.lineno, call="default_rng")
            elif name in RANDOM_STATE_CALLS and keyword(node, "random_state") is None \
                    and not (name in FUNCTION_ONLY and isinstance(node.func, ast.Attribute) and base not in SKLEARN) \
                    and keyword(node, "seed") is None and not (name in ("KFold", "StratifiedKFold") and keyword(node, "shuffle") is None):
                finding("unseeded-random", number, node.lineno, call=name, parameter="random_state")
            elif name == "sample" and isinstance(node.func, ast.Attribute) and base not in ("random",) \
                    and keyword(node, "random_state") is None and (node.args or keyword(node, "frac") or keyword(node, "n")):
                finding("unseeded-random", number, node.lineno, call=".sample", parameter="random_state")
            if name in GLOBAL_STATE_CALLS and (base in GLOBAL_STATE_RECEIVERS or inner in GLOBAL_STATE_RECEIVERS) \
                    and not (name == "use" and inner != "style" and base != "matplotlib"):
                finding("global-state", number, node.lineno, call=((inner or base) + "." if (inner or base) else "") + name,
                        what=GLOBAL_STATE_CALLS[name])
            if base == "sys" and inner == "path" and name in ("append", "insert", "extend"):
                finding("global-state", number, node.lineno, call="sys.path." + name, what="import path")
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    text_target = ast.unparse(target) if hasattr(ast, "unparse") else ""
                    if re.match(r"^(pd|pandas)\.options\.", text_target) or re.match(r"^(plt|mpl|matplotlib)\.rcParams", text_target) \
                            or re.match(r"^os\.environ\[", text_target):
                        finding("global-state", number, node.lineno, call=text_target,
                                what="environment variable" if text_target.startswith("os.") else "library setting")
            if isinstance(node, ast.Global):
                finding("global-state", number, node.lineno, call="global " + ", ".join(node.names), what="global variable")

        cells.append({
            "cell": number,
            "execution_count": cell.get("execution_count"),
            "lines": line_count,
            "defines": sorted(scan.defines),
            "uses": {name: uses_from[name] for name in sorted(uses_from)},
            "reads": sorted({path for path, _ in reads}),
            "writes": sorted({path for path, _ in writes}),
        })
    return {"notebook": notebook_path, "cells": cells, "findings": findings}


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: notebook_assess.py NOTEBOOK.ipynb PROJECT_ROOT\n")
        return 2
    try:
        report = assess(argv[1], argv[2])
    except (OSError, ValueError) as error:
        sys.stderr.write("%s: %s\n" % (argv[1], error))
        return 2
    sys.stdout.write(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
