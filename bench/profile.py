#!/usr/bin/env python3
"""Sorts the JFR execution and allocation samples of each cold-create client's benchmark thread by layer.

Reads <dir>/<client>.txt (`jfr print --events jdk.ExecutionSample`) and <dir>/<client>.json (JMH) for each
client profiled by bench/profile.sh; writes JSON to stdout. A sample is charged to the innermost frame that is
not the JDK's own (java., javax., jdk., sun., com.sun.), so JDK work done for Jackson counts as Jackson's; a
stack of JDK frames only is "JDK only". Only the JMH worker thread is counted: the fake server's threads do
the same work for every client.
"""
import json
import os
import re
import sys

LAYERS = [  # first matching prefix wins
    ("io.github.wechatqr.feign.", "gateway adapter (`io.github.wechatqr.feign`)"),
    ("io.github.wechatqr.domain.", "domain (token keeper, records, validation)"),
    ("io.github.wechatqr.cache.", "Caffeine token store"),
    ("com.github.benmanes.caffeine.", "Caffeine"),
    ("io.github.wechatqr.bench.", "the benchmark's own code (loop, scene ids)"),
    ("feign.", "Feign core (templates, contract, logger)"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("org.apache.hc.", "Apache HttpClient 5 / HttpCore 5"),
    ("io.micrometer.", "Micrometer"),
    ("org.openjdk.jmh.", "JMH harness"),
    ("org.slf4j.", "SLF4J"),
]
JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")
FRAME = re.compile(r"^\s+([\w$.<>]+)\(")


def layer(method):
    for prefix, name in LAYERS:
        if method.startswith(prefix):
            return name
    return "other: " + ".".join(method.split(".")[:2])


def samples(path):
    """Yields (event, thread, [frames, top first]) per sample."""
    event, thread, frames, in_stack = None, None, [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if s.endswith("{") and s.startswith("jdk."):
                event, thread = s.split()[0], None
            elif s.startswith(("sampledThread", "eventThread")):
                thread = s
            elif s.startswith("stackTrace = ["):
                frames, in_stack = [], True
            elif in_stack and s == "]":
                in_stack = False
                yield event, thread, frames
            elif in_stack:
                m = FRAME.match(line)
                if m:
                    frames.append(m.group(1))


def profile(directory, client):
    layers, methods, total, allocated, allocated_total = {}, {}, 0, {}, 0
    for event, thread, frames in samples(os.path.join(directory, client + ".txt")):
        if "jmh-worker" not in (thread or ""):
            continue
        own = next((m for m in frames if not m.startswith(JDK)), None)
        name = "JDK only (no library frame on the stack)" if own is None else layer(own)
        if event == "jdk.ObjectAllocationSample":
            # Counted, not weighed: a sample's weight is all the thread allocated since its last one, so the
            # first sample after a quiet spell (the recording's start) would carry the warm-up's bytes.
            allocated_total += 1
            allocated[name] = allocated.get(name, 0) + 1
            continue
        total += 1
        layers[name] = layers.get(name, 0) + 1
        if own is not None:
            methods[own] = methods.get(own, 0) + 1
    with open(os.path.join(directory, client + ".json"), encoding="utf-8") as f:
        run = json.load(f)[0]
    ops = run["primaryMetric"]["score"]
    seconds = run["measurementIterations"] * float(run["measurementTime"].split()[0])
    return {"samples": total, "ops_per_second": ops, "calls": ops * seconds,
            "layers": sorted(layers.items(), key=lambda kv: -kv[1]),
            "allocation_samples": allocated_total,
            "allocated_layers": sorted(allocated.items(), key=lambda kv: -kv[1]),
            "top_methods": sorted(methods.items(), key=lambda kv: -kv[1])[:12]}


directory = sys.argv[1]
clients = sorted(n[:-4] for n in os.listdir(directory) if n.endswith(".txt"))
json.dump({c: profile(directory, c) for c in clients}, sys.stdout, indent=1)
