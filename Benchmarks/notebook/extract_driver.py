"""Writes the notebook driver carried in the harness binary to a file, from the Swift
sources (the same string literals the binary embeds), for the benchmark scripts."""
import re
import sys

root = sys.argv[1]
parts = []
for name in ("NotebookDriver+Script.swift", "NotebookDriver+Engines.swift", "NotebookDriver+Run.swift"):
    text = open("%s/Sources/Harness/Execution/%s" % (root, name), encoding="utf-8").read()
    match = re.search(r'#"""\n(.*)"""#', text, re.S)
    if not match:
        sys.exit("no driver literal in " + name)
    parts.append(match.group(1))
open(sys.argv[2], "w", encoding="utf-8").write("".join(parts))
