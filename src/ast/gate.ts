/**
 * Step gates a product. Convention: a factor step(u), or a positive power of it, that is exactly 0 makes the whole
 * product +0, whatever the other factors are (they may be undefined there). So step(u)*g is g where u > 0, g/2 at
 * u = 0 and 0 where u < 0 — the Heaviside piecewise function — and step(x)*log(x) at x = -1 is 0.
 *
 * Why: derivatives of flat kinks (relu, min, max) come out as step factors, and where the step is 0 the kink function
 * is locally constant, so the chain-rule term truly vanishes: relu(x)^(2/3) has derivative 2*step(x)/(3*relu(x)^(1/3)),
 * which is 0 at x = -1, not 0*Infinity = NaN. Only an exact 0 gates: step(x)/x at x = 0 is 1/2*Infinity.
 *
 * Invariant: every evaluation of a product applies this — `evaluate` (src/evaluate.ts), compiled code
 * (src/compile/javascript.ts) and exact substitution (src/ast/transform.ts) — so all three agree; and building a
 * product never drops a gate: powers of a step with a positive part combine to a gate (`mul` in ast/build.ts makes
 * step(u)*g/step(u) into g*step(u)).
 */
import type { Expr } from "./expr.js";

/** Whether the factor is a gate: step(u) or step(u)^k with a positive number k. */
export function isGate(f: Expr): boolean {
  const s = f.kind === "pow" && f.exponent.kind === "num" && !f.exponent.value.isNegative && !f.exponent.value.isZero ? f.base : f;
  return s.kind === "call" && s.name === "step";
}
