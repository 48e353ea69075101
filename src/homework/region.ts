/**
 * Describing where two expressions are both defined, from sample points: the simplest condition on one variable
 * that holds at every point inside and at no point outside, such as "x > 0" for `ln(x^2)` against `2 ln(x)`.
 * Candidates are the boundaries of the usual domains: 0 (logarithms, roots), ±1 (asin, acosh, artanh).
 */
import type { Point } from "./sampling.js";

const CONDITIONS: readonly { readonly holds: (x: number) => boolean; readonly text: (v: string) => string }[] = [
  { holds: (x) => x > 0, text: (v) => `${v} > 0` },
  { holds: (x) => x < 0, text: (v) => `${v} < 0` },
  { holds: (x) => x > 1, text: (v) => `${v} > 1` },
  { holds: (x) => x < 1, text: (v) => `${v} < 1` },
  { holds: (x) => x > -1, text: (v) => `${v} > -1` },
  { holds: (x) => x < -1, text: (v) => `${v} < -1` },
  { holds: (x) => Math.abs(x) < 1, text: (v) => `-1 < ${v} < 1` },
  { holds: (x) => Math.abs(x) > 1, text: (v) => `|${v}| > 1` },
];

/** The condition separating `inside` from `outside`, or undefined when no single candidate does. */
export function describeRegion(inside: readonly Point[], outside: readonly Point[]): string | undefined {
  const variables = Object.keys(inside[0] ?? outside[0] ?? {});
  for (const v of variables) {
    for (const c of CONDITIONS) {
      if (inside.every((p) => c.holds(p[v]!)) && outside.every((p) => !c.holds(p[v]!))) return c.text(v);
    }
  }
  return undefined;
}
