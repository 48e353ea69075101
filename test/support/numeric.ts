/** Numeric oracles for derivative tests. */
import { evaluate, type Expr } from "../../src/index.js";

/**
 * ∂f/∂v at `at` by central differences, or undefined where the estimate can't be trusted (non-finite values, or two
 * step sizes disagreeing — near a singularity or a kink).
 */
export function centralDifference(f: Expr, v: string, at: Record<string, number>): number | undefined {
  const x = at[v]!;
  const value = (t: number) => evaluate(f, { ...at, [v]: t });
  const f0 = value(x);
  // Not defined at the point itself, or so large that differences lose all precision.
  if (!Number.isFinite(f0) || Math.abs(f0) > 1e6) return undefined;
  const estimate = (h: number) => (8 * (value(x + h) - value(x - h)) - (value(x + 2 * h) - value(x - 2 * h))) / (12 * h);
  const h = 1e-3 * Math.max(1, Math.abs(x));
  const coarse = estimate(h);
  const fine = estimate(h / 2);
  if (!Number.isFinite(coarse) || !Number.isFinite(fine)) return undefined;
  if (Math.abs(coarse - fine) > 1e-7 * Math.max(1, Math.abs(fine))) return undefined;
  return fine;
}

/** |a - b| within a relative tolerance, with an absolute floor for values near zero. */
export function close(a: number, b: number, tolerance = 1e-6): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}
