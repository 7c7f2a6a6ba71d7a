"""Unit tests of Sources/Harness/Python/open_trace.py: a child Python with the hook on
PYTHONPATH as sitecustomize records what it reads and writes."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "Harness", "Python", "open_trace.py")


class OpenTrace(unittest.TestCase):
    def run_traced(self, code):
        folder = tempfile.mkdtemp()
        hooks = os.path.join(folder, "hooks")
        os.makedirs(hooks)
        shutil.copy(SOURCE, os.path.join(hooks, "sitecustomize.py"))
        trace = os.path.join(folder, "trace.txt")
        work = os.path.join(folder, "work")
        os.makedirs(work)
        with open(os.path.join(work, "in.csv"), "w") as handle:
            handle.write("a\n1\n")
        env = dict(os.environ, PYTHONPATH=hooks, HARNESS_TRACE=trace)
        subprocess.run([sys.executable, "-c", code], cwd=work, env=env, check=True)
        with open(trace) as handle:
            lines = [line.rstrip("\n").split("\t") for line in handle]
        return work, lines

    def test_reads_and_writes_are_recorded_with_absolute_paths(self):
        work, lines = self.run_traced(
            "import os\nopen('in.csv').read()\nopen('out.csv', 'w').write('x')\n"
            "os.makedirs('sub', exist_ok=True)\nf = open('sub/log.txt', 'a'); f.close()")
        real = os.path.realpath(work)
        entries = {(kind, os.path.realpath(path)) for kind, path in lines}
        self.assertIn(("R", os.path.join(real, "in.csv")), entries)
        self.assertIn(("W", os.path.join(real, "out.csv")), entries)
        self.assertIn(("W", os.path.join(real, "sub", "log.txt")), entries)
        self.assertNotIn(("R", os.path.join(real, "out.csv")), entries)

    def test_without_the_variable_nothing_is_installed(self):
        folder = tempfile.mkdtemp()
        shutil.copy(SOURCE, os.path.join(folder, "sitecustomize.py"))
        env = {key: value for key, value in os.environ.items() if key != "HARNESS_TRACE"}
        env["PYTHONPATH"] = folder
        result = subprocess.run([sys.executable, "-c", "open('/dev/null').close(); print('ok')"], env=env,
                                capture_output=True, text=True, check=True)
        self.assertEqual(result.stdout.strip(), "ok")


if __name__ == "__main__":
    unittest.main()
