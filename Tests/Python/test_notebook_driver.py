"""Unit tests of the notebook driver (Sources/Harness/Python/notebook_driver.py), standard
library only, so they run with any environment's Python: scripts/test-python.sh."""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "Harness", "Python",
                      "notebook_driver.py")
SOURCE = os.path.normpath(SOURCE)


def load_driver():
    spec = importlib.util.spec_from_file_location("notebook_driver", SOURCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


driver = load_driver()
MURMUR_PRINT_HI = 788889629


def code(source, tags=None, position=None):
    cell = {"cell_type": "code", "source": source, "metadata": {"tags": tags or []}, "outputs": [],
            "execution_count": None}
    if position is not None:
        cell["_position"] = position
    return cell


class ParameterTests(unittest.TestCase):
    def test_translate_writes_python_literals(self):
        self.assertEqual(driver.translate({"a": [1, 2.5, None, True]}), '{"a": [1, 2.5, None, True]}')
        self.assertEqual(driver.translate('say "hi"\n'), '"say \\"hi\\"\\n"')
        self.assertEqual(driver.translate(float("nan")), "float('nan')")

    def test_injected_cell_follows_the_parameters_cell(self):
        cells = [code("import os", position=1), code("x = 1\ny: int = 2", ["parameters"], 2), code("x", position=3)]
        result = driver.inject_parameters(cells, {"x": 5})
        self.assertEqual([c.get("_position") for c in result], [1, 2, None, 3])
        self.assertEqual(result[2]["source"], "# Parameters\nx = 5\n")
        self.assertEqual(result[2]["metadata"]["tags"], ["injected-parameters"])

    def test_without_a_tagged_cell_the_parameters_go_first(self):
        result = driver.inject_parameters([code("print(1)", position=1)], {"x": 5})
        self.assertEqual(result[0]["id"], "injected-parameters")

    def test_unknown_parameter_names_the_known_ones(self):
        cells = [code("x = 1\n(a, b) = 2, 3", ["parameters"], 1)]
        with self.assertRaises(driver.Failure) as caught:
            driver.inject_parameters(cells, {"y": 1})
        self.assertEqual(caught.exception.fields["unknown"], ["y"])
        self.assertEqual(caught.exception.fields["known"], ["x", "a", "b"])
        self.assertIn("`y`", str(caught.exception))

    def test_earlier_injected_cell_is_replaced(self):
        cells = [code("x = 1", ["parameters"], 1), code("x = 9", ["injected-parameters"], 2)]
        result = driver.inject_parameters(cells, {"x": 2})
        self.assertEqual(len(result), 2)
        self.assertEqual(result[1]["source"], "# Parameters\nx = 2\n")


class OutputTests(unittest.TestCase):
    def test_consecutive_stream_text_is_merged(self):
        recorder = driver.Recorder()
        recorder.outputs = []
        recorder.stream("stdout", "a")
        recorder.stream("stdout", "b\n")
        recorder.stream("stderr", "warn\n")
        recorder.stream("stdout", "c")
        self.assertEqual([(o["name"], o["text"]) for o in recorder.outputs],
                         [("stdout", "ab\n"), ("stderr", "warn\n"), ("stdout", "c")])

    def test_binary_representations_are_base64(self):
        class Picture:
            def _repr_png_(self):
                return b"\x89PNG"

        bundle = driver.mime_bundle(Picture())
        self.assertEqual(bundle["image/png"], "iVBORw==")
        self.assertTrue(bundle["text/plain"].startswith("<"))

    def test_executed_notebook_stores_text_as_lines(self):
        notebook = {"cells": [dict(code("a = 1\nb = 2"), _position=1, outputs=[
            {"output_type": "stream", "name": "stdout", "text": "x\ny\n"}])]}
        saved = json.loads(driver.notebook_json(notebook))
        cell = saved["cells"][0]
        self.assertNotIn("_position", cell)
        self.assertEqual(cell["source"], ["a = 1\n", "b = 2"])
        self.assertEqual(cell["outputs"][0]["text"], ["x\n", "y\n"])


class JupyterBehaviourTests(unittest.TestCase):
    def test_cell_files_are_named_as_ipykernel_names_them(self):
        # Values from ipykernel.compiler.murmur2_x86 with seed 0xc70f6907.
        self.assertEqual(driver.murmur2_x86("", 0xC70F6907), 3990065800)
        self.assertEqual(driver.murmur2_x86("print('hi')", 0xC70F6907), MURMUR_PRINT_HI)
        self.assertEqual(driver.murmur2_x86("import numpy as np\nx = np.arange(10)\nx.sum()", 0xC70F6907), 2753593962)
        self.assertEqual(driver.murmur2_x86("é ünïcödé 日本", 0xC70F6907), 1112153413)
        name = driver.cell_file_name("print('hi')")
        self.assertEqual(os.path.basename(os.path.dirname(name)), "ipykernel_%d" % os.getpid())
        self.assertEqual(os.path.basename(name), "%d.py" % MURMUR_PRINT_HI)

    def test_clear_output_with_wait_clears_at_the_next_output(self):
        recorder = driver.Recorder()
        recorder.start([])
        recorder.stream("stdout", "0\n")
        recorder.clear(wait=True)
        self.assertEqual(len(recorder.outputs), 1, "nothing cleared before the next output")
        recorder.stream("stdout", "1\n")
        self.assertEqual(recorder.outputs, [{"output_type": "stream", "name": "stdout", "text": "1\n"}])
        recorder.clear()
        self.assertEqual(recorder.outputs, [])

    def test_display_id_updates_replace_earlier_outputs_in_place(self):
        recorder = driver.Recorder()
        first = []
        recorder.start(first)
        recorder.add({"output_type": "display_data", "data": {"text/plain": "a"}, "metadata": {}}, "id1")
        recorder.start([])
        recorder.update("id1", {"text/plain": "b"}, {})
        recorder.add({"output_type": "display_data", "data": {"text/plain": "c"}, "metadata": {}}, "id1")
        self.assertEqual(first[0]["data"], {"text/plain": "c"})
        self.assertEqual(len(recorder.outputs), 1)

    def test_bytes_in_a_bundle_become_base64(self):
        self.assertEqual(driver.json_safe({"image/png": b"\x89PNG", "text/plain": "x"}),
                         {"image/png": "iVBORw==", "text/plain": "x"})

    def test_cell_ids_are_kept_or_added(self):
        notebook = {"nbformat_minor": 4, "cells": [{"id": "keep-me"}, {}, {"id": ""}]}
        driver.add_cell_ids(notebook)
        ids = [cell["id"] for cell in notebook["cells"]]
        self.assertEqual(ids[0], "keep-me")
        self.assertEqual(len(set(ids)), 3)
        self.assertTrue(all(len(i) == 8 for i in ids[1:]))
        self.assertEqual(notebook["nbformat_minor"], 5)


class PlainEngineTests(unittest.TestCase):
    def run_cell(self, engine, source, position=1):
        driver.RECORDER.outputs = []
        try:
            error = engine.run(source, position)
            return error, driver.RECORDER.outputs
        finally:
            driver.RECORDER.outputs = None

    def test_last_expression_is_the_result(self):
        engine = driver.PlainEngine()
        error, outputs = self.run_cell(engine, "x = 20\nx + 1")
        self.assertIsNone(error)
        self.assertEqual(outputs, [{"output_type": "execute_result", "execution_count": 1,
                                    "data": {"text/plain": "21"}, "metadata": {}}])
        error, outputs = self.run_cell(engine, "x;")
        self.assertEqual(outputs, [])

    def test_error_is_located_in_the_cell(self):
        engine = driver.PlainEngine()
        source = "a = 1\nb = {}\nb['missing']"
        error, outputs = self.run_cell(engine, source, 4)
        self.assertIsInstance(error, KeyError)
        self.assertEqual(outputs[-1]["ename"], "KeyError")
        fields = driver.describe(error, engine, source, 4)
        self.assertEqual((fields["cell"], fields["line"], fields["message"]), (4, 3, "'missing'"))
        self.assertIn("cell 4", fields["traceback"])

    def test_traceback_shows_the_cell_and_not_the_driver(self):
        engine = driver.PlainEngine()
        error, outputs = self.run_cell(engine, "def f():\n    return 1 / 0\nf()")
        text = "\n".join(outputs[-1]["traceback"])
        self.assertNotIn("notebook_driver", text)
        self.assertIn(driver.cell_file_name("def f():\n    return 1 / 0\nf()"), text)
        self.assertIn("return 1 / 0", text)

    def test_warnings_name_the_cell_file_and_repeat_in_later_cells(self):
        engine = driver.PlainEngine()
        source = "import warnings\nwarnings.warn('careful')"
        import warnings
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            self.run_cell(engine, source)
            self.run_cell(engine, source)
        self.assertEqual(len(caught), 2)
        self.assertEqual(caught[0].filename, driver.cell_file_name(source))

    def test_magic_without_ipython_is_a_clear_failure(self):
        engine = driver.PlainEngine()
        with self.assertRaises(driver.Failure) as caught:
            self.run_cell(engine, "x = 1\n%time y = 2")
        self.assertEqual(caught.exception.fields["line"], 2)


class RunTests(unittest.TestCase):
    """The driver as harness runs it: `python driver.py job.json`, in a fresh process."""

    def run_notebook(self, cells, parameters=None):
        folder = tempfile.mkdtemp(prefix="driver-test-")
        notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}
        paths = {name: os.path.join(folder, name) for name in ("in.ipynb", "out.ipynb", "result.json", "job.json")}
        with open(paths["in.ipynb"], "w") as handle:
            json.dump(notebook, handle)
        job = {"notebook": paths["in.ipynb"], "output": paths["out.ipynb"], "result": paths["result.json"],
               "label": "t", "capture_folder": os.path.join(folder, "captures"),
               "parameters": parameters or {}, "captures": [["n.json", "n"]]}
        with open(paths["job.json"], "w") as handle:
            json.dump(job, handle)
        env = dict(os.environ, HARNESS_NOTEBOOK_ENGINE="plain")
        subprocess.run([sys.executable, SOURCE, paths["job.json"]], cwd=folder, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(paths["result.json"]) as handle:
            result = json.load(handle)
        executed = None
        if os.path.exists(paths["out.ipynb"]):
            with open(paths["out.ipynb"]) as handle:
                executed = json.load(handle)
        return result, executed

    def test_completed_run_writes_result_notebook_and_captures(self):
        result, executed = self.run_notebook([code("n = 2", ["parameters"]), code("print(n * 10)\nn")], {"n": 4})
        self.assertEqual(result["status"], "completed")
        with open(result["captured"]["n.json"]) as handle:
            self.assertEqual(json.load(handle), 4)
        self.assertEqual(executed["cells"][2]["outputs"][0]["text"], ["40\n"])
        self.assertEqual(executed["cells"][2]["execution_count"], 3)

    def test_stopped_run_says_where_the_cell_was(self):
        folder = tempfile.mkdtemp(prefix="driver-test-")
        cells = [code("import time\n\ndef wait():\n    time.sleep(30)\n\nprint('waiting', flush=True)\nwait()")]
        paths = {name: os.path.join(folder, name) for name in ("in.ipynb", "out.ipynb", "result.json", "job.json")}
        with open(paths["in.ipynb"], "w") as handle:
            json.dump({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}, handle)
        with open(paths["job.json"], "w") as handle:
            json.dump({"notebook": paths["in.ipynb"], "output": paths["out.ipynb"], "result": paths["result.json"],
                       "label": "t", "capture_folder": os.path.join(folder, "captures"), "parameters": {}}, handle)
        env = dict(os.environ, HARNESS_NOTEBOOK_ENGINE="plain")
        process = subprocess.Popen([sys.executable, SOURCE, paths["job.json"]], cwd=folder, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.assertIn(b"waiting", process.stdout.readline())
        time.sleep(0.5)  # into wait()
        process.terminate()
        process.wait(timeout=20)
        with open(paths["result.json"]) as handle:
            failure = json.load(handle)["failure"]
        self.assertEqual((failure["kind"], failure["cell"], failure["line"]), ("terminated", 1, 4))
        self.assertIn("in wait", failure["traceback"])

    def test_failing_cell_is_reported_and_marked(self):
        result, executed = self.run_notebook([code("x = 1"), code("y = 1\nraise ValueError('bad')")])
        self.assertEqual(result["status"], "failed")
        self.assertEqual((result["failure"]["cell"], result["failure"]["line"]), (2, 2))
        self.assertEqual(executed["cells"][0]["id"], "harness-error-cell-tag")


try:
    import pandas
except ImportError:
    pandas = None


@unittest.skipIf(pandas is None, "pandas is not installed in this interpreter")
class CaptureTests(unittest.TestCase):
    """`capture` writes a DataFrame or Series with its index unless it is the default range."""

    def capture(self, value, file_name):
        folder = tempfile.mkdtemp(prefix="capture-test-")
        written = driver.write_captures([[file_name, "v"]], folder, {"v": value}, set())
        with open(written[file_name], encoding="utf-8") as handle:
            return handle.read()

    def test_value_counts_keeps_its_labels(self):
        counts = pandas.Series(["b", "a", "b", "c", "b", "a"], name="letter").value_counts()
        self.assertEqual(self.capture(counts, "v.csv"), "letter,count\nb,3\na,2\nc,1\n")

    def test_groupby_keeps_its_keys_in_csv_and_json(self):
        frame = pandas.DataFrame({"region": ["EU", "US", "EU"], "month": [1, 1, 2], "revenue": [1, 2, 3]})
        summed = frame.groupby(["region", "month"]).sum()
        self.assertEqual(self.capture(summed, "v.csv"), "region,month,revenue\nEU,1,1\nEU,2,3\nUS,1,2\n")
        self.assertEqual(json.loads(self.capture(summed, "v.json")),
                         [{"region": "EU", "month": 1, "revenue": 1}, {"region": "EU", "month": 2, "revenue": 3},
                          {"region": "US", "month": 1, "revenue": 2}])

    def test_unnamed_index_becomes_an_index_column(self):
        self.assertEqual(self.capture(pandas.Series([5, 6], index=["x", "y"], name="n"), "v.csv"), "index,n\nx,5\ny,6\n")

    def test_default_range_index_is_left_out(self):
        frame = pandas.DataFrame({"a": [1, 2]})
        self.assertEqual(self.capture(frame, "v.csv"), "a\n1\n2\n")
        self.assertEqual(json.loads(self.capture(frame, "v.json")), [{"a": 1}, {"a": 2}])
        self.assertEqual(self.capture(pandas.Series([7], name="s"), "v.csv"), "s\n7\n")

    def test_row_numbers_left_by_filtering_are_left_out(self):
        frame = pandas.DataFrame({"a": [1, 2, 3]})
        self.assertEqual(self.capture(frame[frame.a > 1], "v.csv"), "a\n2\n3\n")

    def test_named_integer_index_is_kept(self):
        counts = pandas.Series([3, 1, 3], name="units").value_counts()
        self.assertEqual(self.capture(counts, "v.csv"), "units,count\n3,2\n1,1\n")


if __name__ == "__main__":
    unittest.main()
