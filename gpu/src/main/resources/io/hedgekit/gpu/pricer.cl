// Value and Greeks of one position: a line-by-line port of
// io.hedgekit.kernels.reference.ReferencePricer (same formulas, same operation order, same limit
// branches), so the only differences from the reference are the device's exp/log/sqrt.

// The ContractKind codes (KIND_LINEAR_CALL .. KIND_SPOT, KIND_COUNT), the output indices of
// GreeksColumns.NAMES (OUT_VALUE .. OUT_VOLGA, OUT_COUNT) and the limits MIN_STDDEV,
// DAYS_PER_YEAR, VOL_FLOOR and MAX_VOL are not written here: the host passes the Java constants
// as -D build options (KernelSource.buildOptions), so there is one copy of each.

// A quiet NaN as a double (the float NAN macro converted would also do; this is explicit).
#define DOUBLE_NAN as_double(0x7ff8000000000000L)

bool kind_is_option(int kind) { return kind <= KIND_INVERSE_PUT; }
bool kind_is_call(int kind) { return kind == KIND_LINEAR_CALL || kind == KIND_INVERSE_CALL; }
bool kind_is_future(int kind) { return kind == KIND_LINEAR_FUTURE || kind == KIND_INVERSE_FUTURE; }
bool kind_is_perpetual(int kind) { return kind == KIND_LINEAR_PERPETUAL || kind == KIND_INVERSE_PERPETUAL; }
bool kind_is_inverse(int kind) {
  return kind == KIND_INVERSE_CALL || kind == KIND_INVERSE_PUT || kind == KIND_INVERSE_FUTURE
      || kind == KIND_INVERSE_PERPETUAL;
}

/* Java's Math.max(x, y): NaN if either is NaN (fmax would drop the NaN). */
double java_max(double x, double y) {
  if (isnan(x) || isnan(y)) {
    return x + y;
  }
  return x >= y ? x : y;
}

/* Unit option (size 1) into o: value, delta, gamma, vega, theta, rho, vanna, volga. */
void option_greeks(bool call, double s, double k, double t, double vol, double r, double q, double *o) {
  if (t <= 0.0) {
    // Expired: intrinsic at spot; the step's derivative at the strike is taken as 1/2.
    double intrinsic = call ? s - k : k - s;
    o[OUT_VALUE] = java_max(intrinsic, 0.0);
    double step = intrinsic > 0.0 ? 1.0 : (intrinsic == 0.0 ? 0.5 : 0.0);
    o[OUT_DELTA] = call ? step : -step;
    return;
  }
  double dfR = exp(-r * t);
  double dfQ = exp(-q * t);
  double sqrtT = sqrt(t);
  double stddev = vol * sqrtT;
  if (stddev < MIN_STDDEV) {
    // Zero variance: the option is worth its discounted forward intrinsic value.
    double forward = s * exp((r - q) * t);
    double sign = call ? 1.0 : -1.0;
    if (sign * (forward - k) > 0.0) {
      o[OUT_VALUE] = sign * (dfQ * s - dfR * k);
      o[OUT_DELTA] = sign * dfQ;
      o[OUT_THETA] = sign * (q * s * dfQ - r * k * dfR);
      o[OUT_RHO] = sign * k * t * dfR;
    }
    return;
  }
  double d1 = (log(s / k) + (r - q) * t) / stddev + 0.5 * stddev;
  double d2 = d1 - stddev;
  double pdf = normal_pdf(d1);
  double spotPdf = s * dfQ * pdf;
  double vega = spotPdf * sqrtT;
  double decay = -spotPdf * vol / (2.0 * sqrtT);
  if (call) {
    double nd1 = normal_cdf(d1);
    double nd2 = normal_cdf(d2);
    o[OUT_VALUE] = s * dfQ * nd1 - k * dfR * nd2;
    o[OUT_DELTA] = dfQ * nd1;
    o[OUT_THETA] = decay + q * s * dfQ * nd1 - r * k * dfR * nd2;
    o[OUT_RHO] = k * t * dfR * nd2;
  } else {
    double nmd1 = normal_cdf(-d1);
    double nmd2 = normal_cdf(-d2);
    o[OUT_VALUE] = k * dfR * nmd2 - s * dfQ * nmd1;
    o[OUT_DELTA] = -dfQ * nmd1;
    o[OUT_THETA] = decay - q * s * dfQ * nmd1 + r * k * dfR * nmd2;
    o[OUT_RHO] = -k * t * dfR * nmd2;
  }
  o[OUT_GAMMA] = dfQ * pdf / (s * stddev);
  o[OUT_VEGA] = vega;
  o[OUT_VANNA] = -dfQ * pdf * d2 / vol;
  o[OUT_VOLGA] = vega * d1 * d2 / vol;
}

/* Unit future or perpetual (t = 0): value, coin value (inverse), delta, theta, rho. */
void future_greeks(bool inverse, double s, double t, double r, double q, double entry, double *o) {
  double tt = java_max(t, 0.0);
  double growth = exp((r - q) * tt); // F / S
  double forward = s * growth;
  // Perpetuals (t = 0) and expired futures are worth S against the entry whatever the time,
  // so their theta is 0; only a live dated future's forward decays towards spot.
  bool live = t > 0.0;
  if (inverse) {
    o[OUT_VALUE_COIN] = 1.0 / entry - 1.0 / forward;
    o[OUT_VALUE] = s / entry - 1.0 / growth;
    o[OUT_DELTA] = 1.0 / entry;
    o[OUT_THETA] = live ? -(r - q) / growth : 0.0;
    o[OUT_RHO] = tt / growth;
  } else {
    o[OUT_VALUE] = forward - entry;
    o[OUT_DELTA] = growth;
    o[OUT_THETA] = live ? -(r - q) * forward : 0.0;
    o[OUT_RHO] = tt * forward;
  }
}

/* The ten position-level outputs of one position (ReferencePricer.greeks). Kind is valid (host-checked). */
void position_greeks(int kind, double spot, double strike, double t, double vol, double r, double q,
    double size, double entry, double *o) {
  for (int c = 0; c < OUT_COUNT; c++) {
    o[c] = 0.0;
  }
  o[OUT_VALUE_COIN] = DOUBLE_NAN;
  if (kind_is_option(kind)) {
    option_greeks(kind_is_call(kind), spot, strike, t, vol, r, q, o);
  } else if (kind_is_future(kind)) {
    future_greeks(kind_is_inverse(kind), spot, t, r, q, entry, o);
  } else if (kind_is_perpetual(kind)) {
    // A perpetual never expires: its value does not depend on time or rates (theta = rho = 0);
    // funding is a cash flow over a horizon, applied by the revaluation kernels.
    future_greeks(kind_is_inverse(kind), spot, 0.0, r, q, entry, o);
    o[OUT_THETA] = 0.0;
    o[OUT_RHO] = 0.0;
  } else {
    o[OUT_VALUE] = spot;
    o[OUT_DELTA] = 1.0;
  }
  for (int c = 0; c < OUT_COUNT; c++) {
    o[c] *= size;
  }
  bool inverse = kind_is_inverse(kind);
  bool option = kind_is_option(kind);
  if (inverse) {
    if (option) {
      o[OUT_VALUE_COIN] = o[OUT_VALUE] / spot;
    }
    // futures and perpetuals set their coin value themselves (already scaled by size above)
  } else {
    o[OUT_VALUE_COIN] = DOUBLE_NAN;
  }
  o[OUT_DELTA_ADJUSTED] = option && inverse ? o[OUT_DELTA] - o[OUT_VALUE_COIN] : o[OUT_DELTA];
}

/* Black-Scholes-Merton value of one unit, USD (ReferencePricer.optionValue). */
double option_value(bool call, double s, double k, double t, double vol, double r, double q) {
  if (t <= 0.0) {
    return java_max(call ? s - k : k - s, 0.0);
  }
  double dfR = exp(-r * t);
  double dfQ = exp(-q * t);
  double stddev = vol * sqrt(t);
  if (stddev < MIN_STDDEV) {
    return java_max(call ? dfQ * s - dfR * k : dfR * k - dfQ * s, 0.0);
  }
  double d1 = (log(s / k) + (r - q) * t) / stddev + 0.5 * stddev;
  double d2 = d1 - stddev;
  return call
      ? s * dfQ * normal_cdf(d1) - k * dfR * normal_cdf(d2)
      : k * dfR * normal_cdf(-d2) - s * dfQ * normal_cdf(-d1);
}

double future_value(bool inverse, double s, double t, double r, double q, double entry) {
  double growth = exp((r - q) * t);
  return inverse ? s / entry - 1.0 / growth : s * growth - entry;
}

/* USD value of one position (ReferencePricer.value). */
double position_value(int kind, double spot, double strike, double t, double vol, double r, double q,
    double size, double entry) {
  double unit;
  if (kind_is_option(kind)) {
    unit = option_value(kind_is_call(kind), spot, strike, t, vol, r, q);
  } else if (kind_is_future(kind)) {
    unit = future_value(kind_is_inverse(kind), spot, java_max(t, 0.0), r, q, entry);
  } else if (kind_is_perpetual(kind)) {
    unit = future_value(kind_is_inverse(kind), spot, 0.0, r, q, entry);
  } else {
    unit = spot;
  }
  return size * unit;
}

/* Funding a perpetual receives over the horizon, USD (ReferencePricer.fundingPnl). */
double funding_pnl(bool inverse, double spot, double size, double funding8h, double horizon) {
  double periods = horizon * DAYS_PER_YEAR * 3.0;
  return -size * (inverse ? 1.0 : spot) * funding8h * periods;
}

/* P&L of one position in one scenario, USD (ReferencePricer.scenarioPnl). */
double scenario_pnl(int kind, double spot, double strike, double t, double vol, double r, double q,
    double size, double entry, double funding8h, double base, double spot_return, double vol_shift,
    double horizon) {
  double moved_spot = spot * exp(spot_return);
  double moved_vol = java_max(vol + vol_shift, VOL_FLOOR);
  double pnl = position_value(kind, moved_spot, strike, t - horizon, moved_vol, r, q, size, entry) - base;
  if (kind_is_perpetual(kind)) {
    pnl += funding_pnl(kind_is_inverse(kind), spot, size, funding8h, horizon);
  }
  return pnl;
}
