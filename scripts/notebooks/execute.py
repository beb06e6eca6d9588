"""Executes notebooks headless, one after another, and fails when a cell fails or a notebook shows no chart.

usage: /usr/bin/python3 execute.py --out DIR [--timeout SECONDS] NOTEBOOK...

Each notebook runs in its own folder (as in Jupyter) and its executed copy goes to DIR, also when it failed: the copy
then ends at the failed cell, with its traceback. A notebook fails when:
  - a cell fails. The Kotlin kernel reports that only through the execute reply's status (plus a stderr stream), not
    as an `error` output, so this relies on nbclient stopping at the first failed cell (allow_errors off);
  - a cell has an `error` output (what other kernels send);
  - the kernel does not start or dies, or a cell runs past the timeout;
  - no cell produced an image/png output.
Exit status 1 when any notebook failed, 0 otherwise.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def log(message):
    print(f"[run-notebooks] {message}", file=sys.stderr, flush=True)


def first_line(cell):
    lines = "".join(cell.get("source", "")).strip().splitlines()
    return lines[0][:60] if lines else ""


def output_problems(nb):
    problems = []
    images = 0
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"cell {index} ({first_line(cell)!r}) raised {output.get('ename')}: "
                                f"{str(output.get('evalue', '')).strip()[:2000]}")
            if "image/png" in output.get("data", {}):
                images += 1
    if images == 0:
        problems.append("no cell produced an image/png output")
    return problems


def execute(path, out_dir, timeout):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, startup_timeout=180, allow_errors=False,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    problems = []
    try:
        client.execute()
    except CellExecutionError as e:
        # str(e) holds the cell's source and the traceback the kernel sent.
        problems.append(f"a cell failed:\n{str(e)[-4000:]}")
    except Exception as e:  # kernel start, kernel death, timeout: reported, and the run fails
        problems.append(f"execution stopped: {type(e).__name__}: {e}")
    nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    return problems or output_problems(nb)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder for the executed copies")
    parser.add_argument("--timeout", type=int, default=900, help="seconds one cell may run")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    failed = False
    for path in args.notebooks:
        start = time.monotonic()
        problems = execute(path, args.out, args.timeout)
        seconds = time.monotonic() - start
        for problem in problems:
            log(f"FAILED {os.path.basename(path)} ({seconds:.0f} s): {problem}")
        if problems:
            failed = True
        else:
            log(f"ok {os.path.basename(path)} ({seconds:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
