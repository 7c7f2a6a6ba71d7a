"""Unit tests of Sources/Harness/Python/notebook_assess.py (standard library only).

    python -m unittest discover -s Tests/Python
"""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "Harness", "Python"))
import notebook_assess  # noqa: E402


def code(source, count=None, outputs=None):
    return {"cell_type": "code", "execution_count": count, "metadata": {}, "outputs": outputs or [],
            "source": source}


def assess(cells, root=None):
    folder = tempfile.mkdtemp()
    os.makedirs(os.path.join(folder, "notebooks"))
    path = os.path.join(folder, "notebooks", "nb.ipynb")
    with open(path, "w") as handle:
        json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, handle)
    notebook_assess.KNOWN_STRINGS.clear()
    return notebook_assess.assess(path, root or folder)


def rules(report):
    return [(f["rule"], f["cell"], f["line"]) for f in report["findings"]]


class ExecutionOrder(unittest.TestCase):
    def test_counts_out_of_order_and_gaps(self):
        report = assess([code("a = 1", 2), code("b = 2", 1), code("c = 3", 5)])
        self.assertIn(("out-of-order", 2, 1), rules(report))
        self.assertIn(("count-gap", 3, 1), rules(report))

    def test_top_to_bottom_is_clean(self):
        self.assertEqual(rules(assess([code("a = 1", 1), code("b = a", 2)])), [])


class Names(unittest.TestCase):
    def test_name_defined_in_a_later_cell(self):
        report = assess([code("import pandas as pd"), code("total = df.sum()"), code("df = pd.DataFrame()")])
        found = [f for f in report["findings"] if f["rule"] == "used-before-defined"]
        self.assertEqual([(f["cell"], f["line"], f["name"], f["defined_in"]) for f in found], [(2, 1, "df", 3)])

    def test_function_locals_and_comprehensions_are_not_uses(self):
        report = assess([code("def f(x):\n    y = x + 1\n    return [i for i in range(y)]\nz = f(2)")])
        self.assertEqual(rules(report), [])

    def test_uses_name_the_defining_cell(self):
        report = assess([code("x = 1"), code("y = x + 1")])
        self.assertEqual(report["cells"][1]["uses"], {"x": 1})


class Paths(unittest.TestCase):
    def test_absolute_and_outside_paths(self):
        report = assess([code("import pandas as pd\ndf = pd.read_csv('/home/ann/data.csv')\nraw = open('../../x.csv')")])
        self.assertIn(("absolute-path", 1, 2), rules(report))
        self.assertIn(("outside-project", 1, 3), rules(report))

    def test_relative_paths_inside_the_project_are_fine(self):
        report = assess([code("import pandas as pd\ndf = pd.read_csv('../data/x.csv')\ndf.to_csv('out/y.csv')")])
        self.assertEqual(rules(report), [])
        self.assertEqual(report["cells"][0]["reads"], ["../data/x.csv"])
        self.assertEqual(report["cells"][0]["writes"], ["out/y.csv"])

    def test_paths_through_variables(self):
        report = assess([code("path = 'data/in.csv'"), code("import pandas as pd\ndf = pd.read_csv(path)")])
        self.assertEqual(report["cells"][1]["reads"], ["data/in.csv"])


class Credentials(unittest.TestCase):
    SECRET = "AKIA" + "ABCDEFGHIJKLMNOP"

    def test_secrets_are_found_and_never_returned(self):
        cells = [code("password = 'hunter22'\nkey = '%s'" % self.SECRET),
                 code("print(1)", outputs=[{"output_type": "stream", "name": "stdout",
                                            "text": ["token=abcd1234efgh\n"]}])]
        report = assess(cells)
        found = [(f["cell"], f["line"], f["where"]) for f in report["findings"] if f["rule"] == "credential"]
        self.assertIn((1, 1, "source"), found)
        self.assertIn((1, 2, "source"), found)
        self.assertIn((2, 1, "output"), found)
        text = json.dumps(report)
        for secret in ("hunter22", self.SECRET, "abcd1234efgh"):
            self.assertNotIn(secret, text)

    def test_environment_lookups_are_not_secrets(self):
        self.assertEqual(rules(assess([code("import os\npassword = os.environ['DB_PASSWORD']")])), [])


class Randomness(unittest.TestCase):
    def test_unseeded_calls(self):
        report = assess([code("import numpy as np\nimport random\nfrom sklearn.model_selection import train_test_split"),
                         code("a = np.random.rand(3)\nb = random.choice([1, 2])\nx, y = train_test_split([1, 2])")])
        self.assertEqual([r for r in rules(report) if r[0] == "unseeded-random"],
                         [("unseeded-random", 2, 1), ("unseeded-random", 2, 2), ("unseeded-random", 2, 3)])

    def test_seeded_calls_are_fine(self):
        report = assess([code("import numpy as np\nimport random\nfrom sklearn.model_selection import train_test_split"),
                         code("np.random.seed(0)\nrandom.seed(0)\na = np.random.rand(3)\nb = random.choice([1])\n"
                              "x, y = train_test_split([1, 2], random_state=0)\nm = df.resample('M').sum()")])
        self.assertEqual([r for r in rules(report) if r[0] == "unseeded-random"], [])


class Structure(unittest.TestCase):
    def test_late_imports_long_cells_and_global_state(self):
        long_cell = "\n".join("v%d = %d" % (i, i) for i in range(60))
        report = assess([code("import pandas as pd\npd.set_option('display.max_rows', 5)"), code("x = 1"),
                         code("import json"), code(long_cell), code("%matplotlib inline\nimport os\nos.chdir('/tmp')")])
        found = rules(report)
        self.assertIn(("global-state", 1, 2), found)
        self.assertIn(("late-import", 3, 1), found)
        self.assertIn(("long-cell", 4, 1), found)
        self.assertIn(("global-state", 5, 3), found)

    def test_syntax_errors_are_findings(self):
        self.assertIn(("syntax-error", 1, 1), rules(assess([code("def (:")])))


if __name__ == "__main__":
    unittest.main()
