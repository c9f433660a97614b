#!/usr/bin/env python3
"""Turns benchmarks/results/*.json (JMH) into the Markdown tables of RESULTS.md, with the ratios."""
import json, sys, os

d = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results"

def load(name):
    p = os.path.join(d, name)
    return json.load(open(p)) if os.path.exists(p) and os.path.getsize(p) > 0 else []

def pct(r, q):
    return r["primaryMetric"]["scorePercentiles"][q]

# "[logdx shares] logback/hit/default: N events, enriched X%, pending Y%, overflow: queue full Z%, no model time W%"
shares = {}
log = os.path.join(d, "logging-thread.log")
if os.path.exists(log):
    import re
    for line in open(log):
        m = re.search(r"\[logdx shares\] (\w+)/(\w+)/\S+: \d+ events, enriched ([\d.]+)%", line)
        if m:
            shares.setdefault((m.group(1), m.group(2)), []).append(float(m.group(3)))

lt = load("logging-thread.json") + load("logging-thread-sample.json")
if lt:
    avg, p50, p99 = {}, {}, {}
    for r in lt:
        p = r["params"]
        key = (p["framework"], p["event"], p["appender"])
        if r["mode"] == "avgt":
            avg[key] = r["primaryMetric"]["score"]
        elif r["mode"] == "sample":
            p50[key], p99[key] = pct(r, "50.0"), pct(r, "99.0")
    print("### Logging-thread cost (ns per log call)\n")
    print("| framework | event | plain avg | async avg | diagnosing avg | diagnosing / async (avg) | async p50 / p99 | diagnosing p50 / p99 | diagnosing: events enriched |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for fw in ("logback", "log4j2"):
        for ev in ("none", "hit", "miss"):
            a = avg.get((fw, ev, "async")); g = avg.get((fw, ev, "diagnosing")); pl = avg.get((fw, ev, "plain"))
            if a is None or g is None:
                continue
            print(f"| {fw} | {ev} | {pl:.0f} | {a:.0f} | {g:.0f} | **{g / a:.2f}** | "
                  f"{p50.get((fw, ev, 'async'), 0):.0f} / {p99.get((fw, ev, 'async'), 0):.0f} | "
                  f"{p50.get((fw, ev, 'diagnosing'), 0):.0f} / {p99.get((fw, ev, 'diagnosing'), 0):.0f} | "
                  + (f"{sum(shares[(fw, ev)]) / len(shares[(fw, ev)]):.1f}% |" if (fw, ev) in shares and ev != "none" else "- |"))
    print()

lat = load("latency.json")
if lat:
    rows = {}
    for r in lat:
        name = r["benchmark"].rsplit(".", 1)[1]
        rows.setdefault(name, {})[r["params"]["trace"]] = (pct(r, "50.0"), pct(r, "99.0"))
    print("### Diagnosis latency, single thread (µs: p50 / p99)\n")
    print("| step | short trace (1 cause, ~20 frames) | long trace (4 causes, ~200 frames each) |")
    print("|---|---:|---:|")
    order = ["parseThrowable", "parseText", "mask", "cacheLookup", "cacheHit", "stage1Tokenise", "stage1Infer",
             "stage1", "stage2", "wholeMiss"]
    for n in order:
        if n in rows:
            s = rows[n].get("short", (0, 0)); l = rows[n].get("long", (0, 0))
            print(f"| {n} | {s[0]:.2f} / {s[1]:.2f} | {l[0]:.2f} / {l[1]:.2f} |")
    print()

storms = sorted(f for f in os.listdir(d) if f.startswith("storm") and f.endswith(".md"))
if storms:
    print("### Exception storm (diagnosing appender around a counting appender; each file's first line names the framework)\n")
    for md in storms:
        print(f"`{md}`: " + open(os.path.join(d, md)).read())
p = os.path.join(d, "cli-throughput.md")
if os.path.exists(p):
    print("### Command-line throughput\n")
    print(open(p).read())
