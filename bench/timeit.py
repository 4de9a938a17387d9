#!/usr/bin/env python3
"""Times a command several times with a process timer (wall clock, JVM start included) -> JSON.

usage: timeit.py OUT.json RUNS -- command args...   ({tmp} in an argument becomes a fresh empty directory)
"""
import json
import shutil
import subprocess
import sys
import tempfile
import time

out, runs, command = sys.argv[1], int(sys.argv[2]), sys.argv[4:]
seconds = []
for _ in range(runs):
    tmp = tempfile.mkdtemp(prefix="bench-time-")
    args = [a.replace("{tmp}", tmp) for a in command]
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds.append(time.perf_counter() - start)
    shutil.rmtree(tmp, ignore_errors=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} exited with {done.returncode}: {done.stderr[-2000:]}")
ordered = sorted(seconds)
median = ordered[len(ordered) // 2] if len(ordered) % 2 else sum(ordered[len(ordered) // 2 - 1:len(ordered) // 2 + 1]) / 2
json.dump({"command": " ".join(command), "runs": runs, "seconds": seconds, "median": median,
           "min": ordered[0], "max": ordered[-1]}, open(out, "w"), indent=2)
print(f"{' '.join(command)}: median {median:.2f} s (min {ordered[0]:.2f}, max {ordered[-1]:.2f}) over {runs} runs")
