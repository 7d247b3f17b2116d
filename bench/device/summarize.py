#!/usr/bin/env python3
"""Rates from the JMH results of bench/device/run.sh, set against the H200 estimates.

Usage: summarize.py RESULTS_DIR   (reads jmh-greeks.json, jmh-greeks-large.json, jmh-reval.json)

Every JMH score is the median (the 50th percentile JMH reports) in ms per call. Greeks: one call
covers `rows` positions; revaluation: one call covers rows x scenarios repricings.

Estimates (bench/RESULTS-gpu.md, "What to expect"), for an NVIDIA H200 SXM:
  kernel: HBM3e 4.8 TB/s / 148 B per position (68 B in: kind int32 + 8 float64; 80 B out: 10 float64)
  whole call: PCIe Gen5 x16 about 50 GB/s per direction, in and out not overlapped (148 B per position)
  transfers: 50 GB/s per direction
  revaluation: FP64 34 TFLOP/s / about 350 flop per repricing (compute-bound; 80 B per position once)
A kernel under 30 % of its estimate is marked '<30%': issue 19 asks for a profile of such a case.
"""
import json
import os
import sys

HBM_BYTES_PER_S = 4.8e12
PCIE_BYTES_PER_S = 50e9
FP64_FLOP_PER_S = 34e12
GREEKS_IN_BYTES = 68
GREEKS_OUT_BYTES = 80
REVAL_FLOP = 350


def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        text = f.read().strip()
    return json.loads(text) if text else []


def median_ms(result):
    metric = result["primaryMetric"]
    if metric.get("scoreUnit") != "ms/op":
        raise ValueError("unexpected unit %s in %s" % (metric.get("scoreUnit"), result["benchmark"]))
    return metric.get("scorePercentiles", {}).get("50.0", metric["score"])


def rate_text(per_s, unit):
    if per_s >= 1e9:
        return "%.2f G %s/s" % (per_s / 1e9, unit)
    return "%.1f M %s/s" % (per_s / 1e6, unit)


def versus(per_s, estimate):
    share = per_s / estimate
    return "%5.1f%% of %s%s" % (100 * share, rate_text(estimate, "").replace(" /s", "/s"), "  <30%" if share < 0.30 else "")


def greeks_lines(results):
    kernel_est = HBM_BYTES_PER_S / (GREEKS_IN_BYTES + GREEKS_OUT_BYTES)
    call_est = PCIE_BYTES_PER_S / (GREEKS_IN_BYTES + GREEKS_OUT_BYTES)
    lines = []
    for r in results:
        stage = r["benchmark"].rsplit(".", 1)[1]
        rows = int(r["params"]["rows"])
        chunk = r["params"].get("chunkRows", "?")
        ms = median_ms(r)
        per_s = rows / (ms / 1e3)
        head = "  greeks %-16s rows %9d chunk %8s  %10.3f ms  %9.2f ns/position  %-22s" % (
            stage, rows, chunk, ms, 1e6 * ms / rows, rate_text(per_s, "positions"))
        if stage == "kernel":
            head += " HBM estimate: " + versus(per_s, kernel_est)
        elif stage == "total":
            head += " PCIe estimate: " + versus(per_s, call_est)
        elif stage == "transferToDevice":
            head += " %.1f GB/s; PCIe estimate: %s" % (GREEKS_IN_BYTES * per_s / 1e9,
                                                         versus(GREEKS_IN_BYTES * per_s, PCIE_BYTES_PER_S))
        elif stage == "transferToHost":
            head += " %.1f GB/s; PCIe estimate: %s" % (GREEKS_OUT_BYTES * per_s / 1e9,
                                                         versus(GREEKS_OUT_BYTES * per_s, PCIE_BYTES_PER_S))
        lines.append(head)
    return lines


def reval_lines(results):
    est = FP64_FLOP_PER_S / REVAL_FLOP
    lines = []
    for r in results:
        method = r["benchmark"].rsplit(".", 1)[1]
        rows = int(r["params"]["rows"])
        scenarios = int(r["params"]["scenarios"])
        ms = median_ms(r)
        per_s = rows * scenarios / (ms / 1e3)
        line = "  revaluation %-15s %6d positions x %6d scenarios  %10.3f ms  %-24s" % (
            method, rows, scenarios, ms, rate_text(per_s, "repricings"))
        if method == "gpu":
            line += " FP64 estimate: " + versus(per_s, est)
        lines.append(line)
    return lines


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = sys.argv[1]
    print("JMH medians, and each against the H200 estimate (bench/RESULTS-gpu.md; meaningful on an H200 only):")
    any_result = False
    for name, fn in (("jmh-greeks.json", greeks_lines), ("jmh-greeks-large.json", greeks_lines),
                     ("jmh-reval.json", reval_lines)):
        results = load(os.path.join(out, name))
        if results is None:
            print("  %s: missing" % name)
            continue
        any_result = any_result or bool(results)
        for line in fn(results):
            print(line)
    return 0 if any_result else 1


if __name__ == "__main__":
    sys.exit(main())
