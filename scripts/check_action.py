#!/usr/bin/env python3
"""Runs action.yml's own shell steps (install, run) here, the way GitHub would, on a wheel.

    python3 scripts/check_action.py WHEEL

GitHub cannot be reached from this machine, so the steps' `run:` scripts are taken from
action.yml and run with bash, with the environment the runner would give them (RUNNER_TEMP,
GITHUB_OUTPUT, GITHUB_PATH, and each step's `env:` as the inputs would fill it). Checks: the
install puts `harness` on the path it adds, the run writes the three reports and its exit code,
a shard reaches the artifact's name, and shell text in the `args` input stays data.
Standard library only; scripts/check-wheel.sh calls it with the wheel it built.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "Tests", "HarnessTests", "Fixtures", "Run", "basic")


def step_scripts(path):
    """{step id: its run: block} for the steps of action.yml that have an id and a run: |."""
    lines = open(path, encoding="utf-8").read().split("\n")
    scripts, current = {}, None
    for number, line in enumerate(lines):
        step = re.match(r"^\s*- id: (\S+)", line)
        if step:
            current = step.group(1)
        if re.match(r"^\s*- ", line) and not step:
            current = None
        if current and re.match(r"^\s*run: \|\s*$", line):
            body, indent = [], None
            for following in lines[number + 1:]:
                if following.strip() and indent is None:
                    indent = len(following) - len(following.lstrip())
                if following.strip() and len(following) - len(following.lstrip()) < indent:
                    break
                body.append(following[indent:] if following.strip() else "")
            scripts[current] = "\n".join(body)
    return scripts


def outputs(path):
    values = {}
    for line in open(path, encoding="utf-8").read().splitlines():
        name, _, value = line.partition("=")
        values[name] = value
    return values


class Runner:
    """One simulated job: a runner temp folder, a HOME, GITHUB_PATH and per-step outputs."""

    def __init__(self, scratch):
        self.scratch = scratch
        self.temp = os.path.join(scratch, "runner-temp")
        self.home = os.path.join(scratch, "home")
        self.github_path = os.path.join(scratch, "github-path")
        for folder in (self.temp, self.home):
            os.makedirs(folder)
        open(self.github_path, "w").close()

    def run(self, script, env, cwd):
        output = os.path.join(self.scratch, f"output-{len(os.listdir(self.scratch))}")
        open(output, "w").close()
        added = [line for line in open(self.github_path).read().splitlines() if line]
        environment = dict(os.environ, RUNNER_TEMP=self.temp, HOME=self.home, GITHUB_OUTPUT=output,
                           GITHUB_PATH=self.github_path, PATH=":".join(added + [os.environ["PATH"]]), **env)
        environment.pop("HARNESS_CACHE", None)
        # GitHub runs a composite step's script as: bash --noprofile --norc -eo pipefail {0}
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                                env=environment, cwd=cwd, capture_output=True, text=True)
        return result.returncode, result.stdout + result.stderr, outputs(output)


def check(wheel):
    scripts = step_scripts(os.path.join(ROOT, "action.yml"))
    for needed in ("install", "run"):
        if needed not in scripts:
            return f"action.yml has no step with id {needed} and a run: block"
    scratch = tempfile.mkdtemp(prefix="harness-action-check.")
    try:
        runner = Runner(scratch)
        status, text, installed = runner.run(scripts["install"], {
            "VERSION": "", "WHEEL": os.path.abspath(wheel), "ACTION_REF": "main", "SHARD": "1/1", "ARTIFACT_NAME": ""}, ROOT)
        if status != 0:
            return f"the install step failed ({status}):\n{text}"
        if installed.get("artifact-name") != "harness-reports-1-of-1":
            return f"a sharded run's artifact should be harness-reports-1-of-1, got {installed.get('artifact-name')!r}"
        if not re.search(r"^harness \d", text, re.M):
            return f"the install step did not print harness --version:\n{text}"
        print(f"check-action: install: {text.strip().splitlines()[-1]}, artifact {installed['artifact-name']}, "
              f"python {installed.get('python')}, cache {installed.get('cache-folder')}")

        project = os.path.join(scratch, "project")
        shutil.copytree(FIXTURE, project)
        inputs = {"HARNESS_CACHE": installed["cache-folder"], "CONFIG": "harness.json", "SHARD": "1/1",
                  "ARGS": "basic --jobs 1", "JUNIT": "harness-reports/junit.xml",
                  "HTML": "harness-reports/harness.html", "JSON": "harness-reports/harness.json"}
        status, text, ran = runner.run(scripts["run"], inputs, project)
        if status != 0 or ran.get("exit-code") != "0":
            return f"the run step exited {status} (exit-code output {ran.get('exit-code')!r}):\n{text}"
        for report in ("junit.xml", "harness.html", "harness.json"):
            if not os.path.isfile(os.path.join(project, "harness-reports", report)):
                return f"the run step wrote no harness-reports/{report}"
        print(f"check-action: run: exit-code 0, reports junit.xml, harness.html, harness.json; {text.strip().splitlines()[-1]}")

        # Input text is data: the words reach harness as case names, nothing runs in a shell.
        hostile = dict(inputs, ARGS='$(touch injected) `touch injected2` ; touch injected3 *', JUNIT="", HTML="", JSON="")
        status, text, ran = runner.run(scripts["run"], hostile, project)
        leaked = [name for name in ("injected", "injected2", "injected3") if os.path.exists(os.path.join(project, name))]
        if leaked or status != 2 or ran.get("exit-code") != "2":
            return f"shell text in args: exit {status}, exit-code {ran.get('exit-code')!r}, files created {leaked}:\n{text}"
        print("check-action: args holding $(...), backquotes, ; and * stay words: harness refuses them as case names (exit 2), nothing ran")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return None


def main(arguments):
    if len(arguments) != 1:
        print("usage: check_action.py WHEEL", file=sys.stderr)
        return 2
    problem = check(arguments[0])
    if problem:
        print(f"check-action: FAIL: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
