"""Records every file the process opens, for `harness init` (PEP 578 audit hooks).

`harness init` writes this file as `sitecustomize.py` into a folder it puts first on
PYTHONPATH, so Python imports it at start-up, before the notebook driver, without the
driver knowing. With HARNESS_TRACE set to a file, each `open` event appends one line:

    R<TAB>/absolute/path      opened for reading
    W<TAB>/absolute/path      opened for writing (w, a, x, + modes or write flags)

The trace file is opened once before the hook is installed and written with os.write,
which raises no audit event, so the hook never sees (or recurses into) its own writes.
Standard library only, Python 3.8+ (sys.addaudithook).
"""
import os
import sys

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def is_write(mode, flags):
    if isinstance(mode, str):
        return any(letter in mode for letter in "wax+")
    return isinstance(flags, int) and flags & WRITE_FLAGS != 0


def install(trace_path):
    fd = os.open(trace_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def hook(event, args):
        if event != "open" or not args:
            return
        path = args[0]
        if isinstance(path, int):
            return
        try:
            path = os.fsdecode(path)
            if "\n" in path or "\t" in path:
                return
            full = os.path.abspath(path)
            mode = args[1] if len(args) > 1 else None
            flags = args[2] if len(args) > 2 else 0
            os.write(fd, ("%s\t%s\n" % ("W" if is_write(mode, flags) else "R", full)).encode("utf-8", "surrogateescape"))
        except Exception:  # a tracing problem must never break the notebook
            pass

    sys.addaudithook(hook)


if os.environ.get("HARNESS_TRACE"):
    install(os.environ["HARNESS_TRACE"])
