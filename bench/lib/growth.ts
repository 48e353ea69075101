/**
 * Growth models for a measured series y(n): a power law y = a·n^k (a straight line in log–log) or an exponential
 * y = a·b^n (a straight line in log–linear). Both are least-squares fits of log y; the better one has the
 * larger R² (coefficient of determination, on log y).
 */
export interface Fit {
  readonly model: "power" | "exponential";
  /** The exponent k of a power law, or the base b of an exponential. */
  readonly parameter: number;
  readonly r2: number;
}

function linearFit(xs: readonly number[], ys: readonly number[]): { slope: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  // A constant series is fitted exactly by a flat line.
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, r2 };
}

/** Fits both models to the points with positive y and returns the better one. */
export function fitGrowth(ns: readonly number[], ys: readonly number[]): Fit {
  const points = ns.map((n, i) => [n, ys[i]!] as const).filter(([n, y]) => n > 0 && y > 0);
  const logY = points.map(([, y]) => Math.log(y));
  const power = linearFit(points.map(([n]) => Math.log(n)), logY);
  const exponential = linearFit(points.map(([n]) => n), logY);
  return power.r2 >= exponential.r2
    ? { model: "power", parameter: power.slope, r2: power.r2 }
    : { model: "exponential", parameter: Math.exp(exponential.slope), r2: exponential.r2 };
}

export function describeFit(fit: Fit, variable = "n"): string {
  const p = fit.parameter;
  const form = fit.model === "power" ? `~ ${variable}^${p.toFixed(2)}` : `~ ${p.toFixed(2)}^${variable}`;
  return `${form} (${fit.model}, R² = ${fit.r2.toFixed(3)})`;
}
