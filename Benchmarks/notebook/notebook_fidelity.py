"""Runs each notebook under papermill (twice) and under harness's driver, and compares the
files written and the text outputs of deterministic cells. See notebook_fidelity.sh."""
import glob, json, os, re, shutil, subprocess, sys

work, config = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
python = sys.executable
bin_folder = os.path.dirname(python)
MASKS = [(re.compile(r"0x[0-9a-fA-F]{6,}"), "0x?"),
         (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)?"), "<timestamp>"),
         (re.compile(r"\d+(\.\d+)? ?[nµμm]?s\b"), "<time>")]


def mask(text):
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def notebooks():
    for path in sorted(glob.glob("Benchmarks/notebook/fidelity/*/notebook.ipynb")):
        folder = os.path.dirname(path)
        yield os.path.basename(folder), os.path.abspath(path), {"data": os.path.abspath(folder + "/data")}, {}
    if config and os.path.isfile(config):
        root = os.path.dirname(config)
        for name, case in json.load(open(config))["cases"].items():
            if "notebook" in case:
                inputs = {k: os.path.join(root, v) for k, v in case.get("inputs", {}).items()}
                yield name, os.path.join(root, case["notebook"]), inputs, case.get("parameters", {})


def sandbox(label, inputs):
    folder = os.path.join(work, label)
    os.makedirs(folder)
    for target, source in inputs.items():
        destination = os.path.join(folder, target)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        (shutil.copytree if os.path.isdir(source) else shutil.copy2)(source, destination)
    return folder


def environment():
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONUNBUFFERED="1")
    env["PATH"] = bin_folder + os.pathsep + env.get("PATH", "")
    return env


def run_papermill(notebook, inputs, parameters, label):
    folder = sandbox(label, inputs)
    output = os.path.join(work, label + ".ipynb")
    command = [bin_folder + "/papermill", notebook, output, "--cwd", folder, "-k", "python3",
               "--no-progress-bar", "--log-level", "ERROR", "-y", json.dumps(parameters)]
    subprocess.run(command, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder, output


def run_driver(notebook, inputs, parameters, label):
    folder = sandbox(label, inputs)
    job = {"notebook": notebook, "output": os.path.join(work, label + ".ipynb"), "label": label,
           "result": os.path.join(work, label + ".result.json"), "capture_folder": os.path.join(work, label + "-captures"),
           "parameters": parameters, "captures": []}
    with open(os.path.join(work, label + ".job.json"), "w") as handle:
        json.dump(job, handle)
    subprocess.run([python, "-X", "faulthandler", os.path.join(work, "driver.py"), os.path.join(work, label + ".job.json")],
                   cwd=folder, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder, job["output"]


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
        parts = []
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                parts.append("[%s] %s" % (output["name"], "".join(output["text"])))
            elif kind in ("execute_result", "display_data"):
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
for name, notebook, inputs, parameters in notebooks():
    pm1_folder, pm1 = run_papermill(notebook, inputs, parameters, name + "-papermill-1")
    _, pm2 = run_papermill(notebook, inputs, parameters, name + "-papermill-2")
    ours_folder, ours = run_driver(notebook, inputs, parameters, name + "-harness")
    problems = []
    texts1, texts2, texts_ours = cell_texts(pm1), cell_texts(pm2), cell_texts(ours)
    if texts1 is None or texts_ours is None:
        problems.append("no executed notebook from %s" % ("papermill" if texts1 is None else "harness"))
        texts1 = texts2 = texts_ours = []
    elif len(texts1) != len(texts_ours):
        problems.append("code cells: papermill %d, harness %d" % (len(texts1), len(texts_ours)))
    deterministic = [i for i in range(min(len(texts1), len(texts2 or []))) if texts1[i] == texts2[i]]
    for i in deterministic:
        if i < len(texts_ours) and texts_ours[i] != texts1[i]:
            problems.append("code cell %d differs:\n      papermill: %r\n      harness:   %r" % (i + 1, texts1[i][:300], texts_ours[i][:300]))
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
    print("%-22s %-9s %2d code cells, %2d deterministic compared, %2d files compared"
          % (name, verdict, len(texts1), len(deterministic), len(set(theirs_files) | set(our_files))))
    for problem in problems[:8]:
        print("    " + problem)
print("%d notebooks, %d differ" % (len(list(notebooks())), failures))
sys.exit(1 if failures else 0)
