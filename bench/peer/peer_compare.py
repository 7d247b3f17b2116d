#!/usr/bin/env python3
"""Peer comparison for the cpu backend's Greeks kernel: the same kind of book priced by
numpy/scipy and by QuantLib-Python, in positions per second.

What it prices: a deterministic book of European options drawn like
io.hedgekit.kernels.check.SyntheticBooks.mixed(optionsOnly = true) (seed 42): spot 95,000,
strike = spot * exp(U(-0.7, 0.7)), T log-uniform in [1 day, 2 years], vol U(0.25, 1.5),
r U(0, 0.06), carry q U(-0.05, 0.08), calls and puts half and half. Black-Scholes-Merton with
continuous carry; outputs price, delta, gamma, vega, theta and rho (per 1.00 of vol, per year,
per 1.00 of rate, as in hedgekit's GreeksColumns).

  numpy/scipy  vectorised over 1M options (scipy.special.ndtr for N), one thread (numpy's
               element-wise kernels do not use threads). Best of --repeats runs.
  QuantLib     AnalyticEuropeanEngine on a BlackScholesMertonProcess whose spot, vol, rate and
               carry are SimpleQuotes updated per option; fewer options (--quantlib, default
               20,000), one thread. Its T is rounded to whole days (QuantLib dates).

The two are cross-checked on the QuantLib sample (max relative difference of price and delta is
printed). hedgekit's kernel computes ten outputs (also coin value, adjusted delta, vanna, volga),
so the comparison is conservative for hedgekit.

Comparing with the JMH numbers: pass --jmh FILE, a JMH JSON result of CpuGreeksBenchmark
(java -jar bench/target/benchmarks.jar CpuGreeksBenchmark -rf json -rff FILE); the script prints
hedgekit's rates and the ratios. Without --jmh it only prints the peers' rates.

Run with the system Python, which has numpy, scipy and QuantLib installed:

    /usr/bin/python3 bench/peer/peer_compare.py --jmh /tmp/jmh/greeks.json

Results with the machine they were measured on are in bench/RESULTS-cpu.md.
"""

import argparse
import json
import math
import os
import platform
import time

import numpy as np
from scipy.special import ndtr


def book(n, seed=42):
    """A deterministic options book as numpy arrays (see the module docstring)."""
    rng = np.random.default_rng(seed)
    spot = np.full(n, 95_000.0)
    strike = spot * np.exp(rng.uniform(-0.7, 0.7, n))
    t = np.exp(rng.uniform(math.log(1.0 / 365), math.log(2.0), n))
    vol = rng.uniform(0.25, 1.5, n)
    r = rng.uniform(0.0, 0.06, n)
    q = rng.uniform(-0.05, 0.08, n)
    call = rng.integers(0, 2, n) == 0
    return spot, strike, t, vol, r, q, call


def numpy_greeks(s, k, t, vol, r, q, call):
    """Price, delta, gamma, vega, theta (per year of time passing), rho, vectorised."""
    sqrt_t = np.sqrt(t)
    sd = vol * sqrt_t
    d1 = (np.log(s / k) + (r - q) * t) / sd + 0.5 * sd
    d2 = d1 - sd
    df_r = np.exp(-r * t)
    df_q = np.exp(-q * t)
    phi = np.where(call, 1.0, -1.0)
    n1 = ndtr(phi * d1)
    n2 = ndtr(phi * d2)
    pdf = np.exp(-0.5 * d1 * d1) / math.sqrt(2.0 * math.pi)
    a1 = s * df_q * n1
    a2 = k * df_r * n2
    price = phi * (a1 - a2)
    delta = phi * df_q * n1
    gamma = df_q * pdf / (s * sd)
    vega = s * df_q * pdf * sqrt_t
    theta = -s * df_q * pdf * vol / (2.0 * sqrt_t) + phi * (q * a1 - r * a2)
    rho = phi * a2 * t
    return price, delta, gamma, vega, theta, rho


def time_numpy(n, repeats):
    s, k, t, vol, r, q, call = book(n)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        numpy_greeks(s, k, t, vol, r, q, call)
        best = min(best, time.perf_counter() - start)
    return n / best


def quantlib_run(n):
    """Prices n options with QuantLib; returns (positions per second, price, delta, book used)."""
    import QuantLib as ql

    s, k, t, vol, r, q, call = book(n)
    days = np.maximum(1, np.rint(t * 365.0)).astype(int)
    t_days = days / 365.0
    today = ql.Date(15, ql.May, 2026)
    ql.Settings.instance().evaluationDate = today
    dc = ql.Actual365Fixed()
    cal = ql.NullCalendar()
    spot_q, vol_q, r_q, q_q = ql.SimpleQuote(1.0), ql.SimpleQuote(0.5), ql.SimpleQuote(0.0), ql.SimpleQuote(0.0)
    process = ql.BlackScholesMertonProcess(
        ql.QuoteHandle(spot_q),
        ql.YieldTermStructureHandle(ql.FlatForward(today, ql.QuoteHandle(q_q), dc)),
        ql.YieldTermStructureHandle(ql.FlatForward(today, ql.QuoteHandle(r_q), dc)),
        ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, cal, ql.QuoteHandle(vol_q), dc)))
    engine = ql.AnalyticEuropeanEngine(process)
    price = np.empty(n)
    delta = np.empty(n)
    start = time.perf_counter()
    for i in range(n):
        spot_q.setValue(float(s[i]))
        vol_q.setValue(float(vol[i]))
        r_q.setValue(float(r[i]))
        q_q.setValue(float(q[i]))
        payoff = ql.PlainVanillaPayoff(ql.Option.Call if call[i] else ql.Option.Put, float(k[i]))
        option = ql.VanillaOption(payoff, ql.EuropeanExercise(today + int(days[i])))
        option.setPricingEngine(engine)
        price[i] = option.NPV()
        delta[i] = option.delta()
        option.gamma()
        option.vega()
        option.thetaPerDay()
        option.rho()
    elapsed = time.perf_counter() - start
    return n / elapsed, price, delta, (s, k, t_days, vol, r, q, call)


def jmh_rates(path):
    """hedgekit Greeks rates (positions/s) from a CpuGreeksBenchmark JMH JSON file, by method and book."""
    with open(path) as f:
        results = json.load(f)
    rates = {}
    for r in results:
        if "CpuGreeksBenchmark" not in r["benchmark"]:
            continue
        method = r["benchmark"].rsplit(".", 1)[1]
        bookname = r.get("params", {}).get("book", "?")
        rates[(method, bookname)] = r["primaryMetric"]["score"]
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--options", type=int, default=1_000_000, help="options for numpy/scipy (default 1M)")
    parser.add_argument("--quantlib", type=int, default=20_000, help="options for QuantLib (default 20,000)")
    parser.add_argument("--repeats", type=int, default=5, help="numpy runs, best taken (default 5)")
    parser.add_argument("--jmh", help="JMH JSON result of CpuGreeksBenchmark to compare with")
    args = parser.parse_args()

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    numpy_rate = time_numpy(args.options, args.repeats)
    print(f"numpy/scipy : {numpy_rate / 1e6:8.2f} M options/s  ({args.options:,} options, 1 thread, "
          f"price + delta, gamma, vega, theta, rho)")
    ql_rate = None
    try:
        ql_rate, ql_price, ql_delta, used = quantlib_run(args.quantlib)
        np_price, np_delta = numpy_greeks(*used)[:2]
        spot = used[0]
        material = np.abs(np_price) > 1e-3 * spot
        print(f"QuantLib    : {ql_rate / 1e6:8.4f} M options/s  ({args.quantlib:,} options, 1 thread, same outputs); "
              f"agrees with numpy to {np.max(np.abs(ql_price - np_price) / spot):.1e} x spot (price), "
              f"{np.max(np.abs(ql_price - np_price)[material] / np.abs(np_price)[material]):.1e} relative where "
              f"price > 1e-3 x spot, {np.max(np.abs(ql_delta - np_delta)):.1e} (delta)")
    except ImportError:
        print("QuantLib    : not importable with this Python (run with /usr/bin/python3)")

    if args.jmh:
        rates = jmh_rates(args.jmh)
        ours = rates.get(("cpu", "OPTIONS"))
        if ours is None:
            print(f"no cpu/OPTIONS result in {args.jmh}")
            return
        print(f"hedgekit cpu: {ours / 1e6:8.2f} M options/s  (JMH CpuGreeksBenchmark.cpu, OPTIONS book, ten outputs)")
        print(f"  ratio hedgekit / numpy-scipy = {ours / numpy_rate:6.1f}x")
        if ql_rate:
            print(f"  ratio hedgekit / QuantLib    = {ours / ql_rate:6.0f}x")
        single = rates.get(("referenceOneThread", "OPTIONS"))
        if single:
            print(f"  (hedgekit scalar reference, 1 thread: {single / 1e6:.2f} M/s; "
                  f"vs numpy-scipy {single / numpy_rate:.2f}x)")


if __name__ == "__main__":
    main()
