/**
 * Describing where two expressions are both defined, from sample points: the simplest condition on one variable
 * that holds at every point inside and at no point outside, such as "x > 0" for `ln(x^2)` against `2 ln(x)`.
 * Candidate boundaries are those of the usual domains, 0 (logarithms, roots) and ±1 (asin, acosh, artanh), then the
 * `boundaries` the caller adds (the constants of the expressions and their ratios: `log(2x - 40)` starts at 20).
 */
import type { Point } from "./sampling.js";

interface Condition {
  readonly holds: (x: number) => boolean;
  readonly text: (v: string) => string;
}

function conditions(t: number): Condition[] {
  const list: Condition[] = [
    { holds: (x) => x > t, text: (v) => `${v} > ${t}` },
    { holds: (x) => x < t, text: (v) => `${v} < ${t}` },
  ];
  if (t > 0) {
    list.push(
      { holds: (x) => Math.abs(x) < t, text: (v) => `${-t} < ${v} < ${t}` },
      { holds: (x) => Math.abs(x) > t, text: (v) => `|${v}| > ${t}` },
    );
  }
  return list;
}

/** The condition separating `inside` from `outside`, or undefined when no single candidate does. */
export function describeRegion(inside: readonly Point[], outside: readonly Point[], boundaries: readonly number[] = []): string | undefined {
  const variables = Object.keys(inside[0] ?? outside[0] ?? {});
  const ts = [...new Set([0, 1, -1, ...boundaries.filter((b) => Number.isFinite(b) && Number(b.toPrecision(6)) === b)])];
  for (const t of ts) {
    for (const v of variables) {
      for (const c of conditions(t)) {
        if (inside.every((p) => c.holds(p[v]!)) && outside.every((p) => !c.holds(p[v]!))) return c.text(v);
      }
    }
  }
  return undefined;
}
