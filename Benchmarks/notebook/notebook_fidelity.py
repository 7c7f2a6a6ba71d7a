"""Runs each notebook under papermill (twice) and under harness's driver, and compares the
files written and the text outputs of deterministic cells; times both. See notebook_fidelity.sh."""
import glob, json, os, re, shutil, statistics, subprocess, sys, time

work, config = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
corpus_list, corpus_folder = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else ("", "")
python = sys.executable
bin_folder = os.path.dirname(python)
MASKS = [(re.compile(r"0x[0-9a-fA-F]{6,}"), "0x?"),
         # A cell's code file names the kernel's process: /tmp/ipykernel_<PID>/<hash>.py
         (re.compile(r"ipykernel_\d+"), "ipykernel_<pid>"),
         (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)?"), "<timestamp>"),
         (re.compile(r"\d+(\.\d+)? ?[nµμm]?s\b"), "<time>"),
         # %timeit chooses its loop count from how fast the machine is at that moment, and
         # warns when one run took much longer than another (a busy machine).
         (re.compile(r"[\d,]+ loops? each"), "<n> loops each"),
         (re.compile(r"The slowest run took [\d.]+ times longer than the fastest\. This could mean that an "
                     r"intermediate result is being cached\.\n"), "")]


def mask(text):
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def notebooks():
    """(name, notebook, inputs {sandbox path: source}, parameters, working folder in the sandbox,
    engine for harness: "" for the default)."""
    for path in sorted(glob.glob("Benchmarks/notebook/fidelity/*/notebook.ipynb")):
        folder = os.path.dirname(path)
        # An optional `cwd` file: the working folder inside the sandbox (papermill's --cwd).
        cwd = open(folder + "/cwd").read().strip() if os.path.exists(folder + "/cwd") else ""
        yield os.path.basename(folder), os.path.abspath(path), {"data": os.path.abspath(folder + "/data")}, {}, cwd, ""
    if corpus_list:
        for line in open(corpus_list, encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            parts = [part.replace("&#32;", " ") for part in line.split()]
            repository, notebook, cwd, copies = parts[:4]
            # An optional fifth column: the case's "engine", as a user would declare it.
            engine = parts[4] if len(parts) > 4 else ""
            root = os.path.join(os.path.abspath(corpus_folder), repository.replace("/", "+"))
            inputs = {} if copies == "-" else {c: os.path.join(root, c) for c in copies.split(",")}
            name = repository.split("/")[1][:10] + ":" + os.path.splitext(os.path.basename(notebook))[0][:24]
            yield name, os.path.join(root, notebook), inputs, {}, "" if cwd == "." else cwd, engine
    if config and os.path.isfile(config):
        root = os.path.dirname(config)
        for name, case in json.load(open(config))["cases"].items():
            if "notebook" in case:
                inputs = {k: os.path.join(root, v) for k, v in case.get("inputs", {}).items()}
                yield name, os.path.join(root, case["notebook"]), inputs, case.get("parameters", {}), case.get("cwd", ""), case.get("engine", "")


def sandbox(label, inputs, cwd):
    folder = os.path.join(work, label)
    os.makedirs(os.path.join(folder, cwd), exist_ok=True)
    for target, source in inputs.items():
        destination = os.path.join(folder, target)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        (shutil.copytree if os.path.isdir(source) else shutil.copy2)(source, destination)
    return folder


def environment():
    # As harness runs notebooks: no MPLBACKEND, so both use the inline backend.
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONUNBUFFERED="1")
    env.pop("MPLBACKEND", None)
    env["PATH"] = bin_folder + os.pathsep + env.get("PATH", "")
    return env


def run_papermill(notebook, inputs, parameters, label, cwd):
    folder = sandbox(label, inputs, cwd)
    output = os.path.join(work, label + ".ipynb")
    command = [bin_folder + "/papermill", notebook, output, "--cwd", os.path.join(folder, cwd), "-k", "python3",
               "--no-progress-bar", "--log-level", "ERROR", "-y", json.dumps(parameters)]
    began = time.perf_counter()
    subprocess.run(command, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder, output, time.perf_counter() - began


def run_driver(notebook, inputs, parameters, label, cwd, engine):
    folder = sandbox(label, inputs, cwd)
    job = {"notebook": notebook, "output": os.path.join(work, label + ".ipynb"), "label": label,
           "result": os.path.join(work, label + ".result.json"), "capture_folder": os.path.join(work, label + "-captures"),
           "parameters": parameters, "captures": [], "engine": engine or None}
    with open(os.path.join(work, label + ".job.json"), "w") as handle:
        json.dump(job, handle)
    began = time.perf_counter()
    subprocess.run([python, "-X", "faulthandler", os.path.join(work, "driver.py"), os.path.join(work, label + ".job.json")],
                   cwd=os.path.join(folder, cwd), env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder, job["output"], time.perf_counter() - began


def cell_seconds(path):
    """Seconds spent executing cells, as the executed notebook records them: papermill's
    per-cell duration, or harness's."""
    try:
        cells = json.load(open(path))["cells"]
    except (OSError, ValueError):
        return None
    total = 0.0
    for cell in cells:
        metadata = cell.get("metadata", {})
        duration = metadata.get("papermill", {}).get("duration") or metadata.get("harness", {}).get("duration")
        total += duration or 0.0
    return total


def status_of(path):
    """Whether the executed notebook shows an error output (the run stopped there)."""
    try:
        cells = json.load(open(path))["cells"]
    except (OSError, ValueError):
        return "no notebook"
    errors = [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return "error" if errors else "ok"


def cell_texts(path):
    """Text of each code cell, in order (the injected parameters cell included)."""
    try:
        cells = json.load(open(path))["cells"]
    except (OSError, ValueError):
        return None
    texts = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        if cell.get("execution_count") is None and not cell.get("outputs"):
            texts.append(None)  # not run (after an error, or empty): nothing to compare
            continue
        parts = []
        previous_stream = None
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                # Where ipykernel splits a stream into messages depends on timing (it flushes
                # every 0.2 s), so consecutive pieces of one stream are compared as one text.
                text = "".join(output["text"])
                if previous_stream == output["name"]:
                    parts[-1] += text
                else:
                    parts.append("[%s] %s" % (output["name"], text))
                previous_stream = output["name"]
                continue
            previous_stream = None
            if kind in ("execute_result", "display_data"):
                data = output.get("data", {})
                for mime in ("text/plain", "text/html", "text/markdown"):
                    if mime in data:
                        value = data[mime]
                        parts.append("[%s] %s" % (mime, "".join(value) if isinstance(value, list) else value))
                if "image/png" in data:
                    parts.append("[image/png]")
            elif kind == "error":
                parts.append("[error] %s: %s" % (output.get("ename"), output.get("evalue")))
        texts.append(mask("\n".join(parts)))
    return texts


def files(folder):
    found = {}
    for base, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", ".ipynb_checkpoints")]
        for name in names:
            path = os.path.join(base, name)
            data = open(path, "rb").read()
            try:
                found[os.path.relpath(path, folder)] = mask(data.decode("utf-8"))
            except UnicodeDecodeError:
                found[os.path.relpath(path, folder)] = data
    return found


failures = 0
totals = {"notebooks": 0, "compared": 0, "equal": 0}
overheads = []
rows = []
for name, notebook, inputs, parameters, cwd, engine in notebooks():
    label = name.replace(":", "-")
    pm1_folder, pm1, pm1_seconds = run_papermill(notebook, inputs, parameters, label + "-papermill-1", cwd)
    ours_folder, ours, ours_seconds = run_driver(notebook, inputs, parameters, label + "-harness", cwd, engine)
    _, pm2, pm2_seconds = run_papermill(notebook, inputs, parameters, label + "-papermill-2", cwd)
    problems = []
    texts1, texts2, texts_ours = cell_texts(pm1), cell_texts(pm2), cell_texts(ours)
    if texts1 is None or texts_ours is None:
        problems.append("no executed notebook from %s" % ("papermill" if texts1 is None else "harness"))
        texts1 = texts2 = texts_ours = []
    elif len(texts1) != len(texts_ours):
        problems.append("code cells: papermill %d, harness %d" % (len(texts1), len(texts_ours)))
    deterministic = [i for i in range(min(len(texts1), len(texts2 or []))) if texts1[i] is not None and texts1[i] == texts2[i]]
    equal = 0
    for i in deterministic:
        if i < len(texts_ours) and texts_ours[i] != texts1[i]:
            problems.append("code cell %d differs:\n      papermill: %r\n      harness:   %r" % (i + 1, texts1[i][:300], texts_ours[i][:300]))
        elif i < len(texts_ours):
            equal += 1
    theirs_files, our_files = files(pm1_folder), files(ours_folder)
    for path in sorted(set(theirs_files) | set(our_files)):
        if path not in our_files:
            problems.append("file %s: written by papermill only" % path)
        elif path not in theirs_files:
            problems.append("file %s: written by harness only" % path)
        elif theirs_files[path] != our_files[path]:
            problems.append("file %s: contents differ" % path)
    verdict = "SAME" if not problems else "DIFFERENT"
    failures += bool(problems)
    totals["notebooks"] += 1
    totals["compared"] += len(deterministic)
    totals["equal"] += equal
    # Overhead: wall time minus the time the cells took, as each tool recorded it.
    pm_cells, our_cells = cell_seconds(pm1), cell_seconds(ours)
    pm_overhead = pm1_seconds - pm_cells if pm_cells is not None else None
    our_overhead = ours_seconds - our_cells if our_cells is not None else None
    if pm_overhead is not None and our_overhead is not None:
        overheads.append((our_overhead, pm_overhead))
    print("%-36s %-9s papermill %-5s harness %-5s %3d cells %3d/%3d equal  overhead harness %5.2f s papermill %5.2f s"
          % (name, verdict, status_of(pm1), status_of(ours), len(texts1), equal, len(deterministic),
             our_overhead if our_overhead is not None else float("nan"), pm_overhead if pm_overhead is not None else float("nan")))
    sys.stdout.flush()
    for problem in problems[:8]:
        print("    " + problem)
print("%d notebooks, %d differ; deterministic cells: %d compared, %d equal"
      % (totals["notebooks"], failures, totals["compared"], totals["equal"]))
if overheads:
    ours_median = statistics.median(o for o, _ in overheads)
    theirs_median = statistics.median(p for _, p in overheads)
    ratios = statistics.median(o / p for o, p in overheads if p > 0)
    print("overhead per notebook, median: harness %.3f s, papermill %.3f s, ratio %.2f (median of per-notebook ratios %.2f)"
          % (ours_median, theirs_median, ours_median / theirs_median, ratios))
sys.exit(1 if failures else 0)
