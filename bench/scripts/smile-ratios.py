#!/usr/bin/env python3
"""Per-iteration sticky-moneyness / sticky-strike rates of CpuSmileRevaluationBenchmark.

Usage: java -jar bench/target/benchmarks.jar CpuSmileRevaluationBenchmark -f 1 -rf json -rff smile.json
       python3 bench/scripts/smile-ratios.py smile.json

Rates are repricings per thread-CPU second (the benchmark's auxiliary counters), so the ratio does
not depend on how the machine's load split between the two threads of the JMH group.
"""
import json
import statistics
import sys

for b in json.load(open(sys.argv[1])):
    m = b["secondaryMetrics"]

    def rates(prefix):
        reps = m[prefix + "Repricings"]["rawData"][0]
        nanos = m[prefix + "CpuNanos"]["rawData"][0]
        return [r / n * 1e3 for r, n in zip(reps, nanos)]  # M repricings per CPU second

    strike, money = rates("strike"), rates("moneyness")
    ratios = [mo / st for st, mo in zip(strike, money)]
    print("%-6s sticky strike %.1f-%.1f M/CPU-s, sticky moneyness %.1f-%.1f M/CPU-s, ratio median %.3f (%.3f-%.3f), %d iterations"
          % (b["params"]["expiries"], min(strike), max(strike), min(money), max(money), statistics.median(ratios),
             min(ratios), max(ratios), len(ratios)))
