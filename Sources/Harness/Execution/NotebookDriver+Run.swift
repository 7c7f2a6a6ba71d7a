// The notebook driver, part 3: failures, captures and the run from the first cell to the result file.
// Edit the Python here; it is written out as driver.py for every notebook run.
extension NotebookDriver {
    static let scriptRun: String = #"""
# --- failures ---

def locate(error, engine, source, label):
    """The line in the running cell where `error` happened, and a plain traceback."""
    line = None
    if isinstance(error, SyntaxError) and error.lineno and (error.filename == engine_filename(engine) or
                                                             str(error.filename).startswith("<")):
        line = error.lineno
    markers = getattr(error, "_harness_cell_files", None)
    own = engine_filename(engine)
    for frame, number in traceback.walk_tb(error.__traceback__):
        if is_cell_file(frame.f_code.co_filename, own, markers):
            line = number
    frames = traceback.extract_tb(error.__traceback__)
    first = next((i for i, f in enumerate(frames) if is_cell_file(f.filename, own, markers)), 0)
    for frame in frames:
        if is_cell_file(frame.filename, own, markers):
            frame.filename = label
    exception = traceback.TracebackException(type(error), error, None)
    text = "Traceback (most recent call last):\n" if frames[first:] else ""
    text += "".join(traceback.StackSummary.from_list(frames[first:]).format())
    return line, text + "".join(exception.format_exception_only())


def is_cell_file(name, own, markers):
    return name == own or bool(markers and (name.startswith(markers[0]) or markers[1] in name))


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
            if file_name.lower().endswith(".json"):
                value.to_json(path, orient="records", indent=2)
            else:
                value.to_csv(path, index=False)
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
                sys.stderr.write("harness: could not write the executed notebook: %s\n" % error)
        with open(job["result"] + ".tmp", "w", encoding="utf-8") as handle:
            json.dump(result, handle, ensure_ascii=False)
        os.replace(job["result"] + ".tmp", job["result"])

    def terminated(signum, frame):
        raise RunTerminated("stopped by harness (signal %d)" % signum)

    signal.signal(signal.SIGTERM, terminated)
    signal.signal(signal.SIGINT, terminated)
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
        metadata = notebook.setdefault("metadata", {})
        metadata["harness"] = {"label": job.get("label"), "parameters": job.get("parameters") or {},
                               "input_path": job["notebook"], "output_path": job["output"]}

        if "pandas" not in sys.modules:
            sys.meta_path.insert(0, KernelDisplayDefaults())
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = Tee("stdout", stdout), Tee("stderr", stderr)
        engine = make_engine(notebook["cells"])
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
            RECORDER.outputs = cell["outputs"]
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
    finally:
        sys.stdout.flush()
        finish()
    sys.exit(0 if result["status"] == "completed" else 1)


def engine_count(engine):
    if hasattr(engine, "count"):
        return engine.count
    from IPython.core.interactiveshell import InteractiveShell
    return InteractiveShell.instance().execution_count - 1


if __name__ == "__main__":
    main()
"""#
}
