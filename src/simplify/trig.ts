/**
 * Pythagorean identities: sin²u + cos²u = 1 and cosh²u − sinh²u = 1. For each argument u squared in a sum,
 * try writing every even power of one function through the other, expand, and keep whatever is smaller.
 */
import { add, call, mul, num, ONE, pow, sub } from "../ast/build.js";
import { children, type Expr, NodeMemo } from "../ast/expr.js";
import { postwalk } from "../ast/transform.js";
import { expand } from "./expand.js";
import { smaller } from "./size.js";

const PAIRS: readonly (readonly [string, string, (square: Expr) => Expr])[] = [
  ["cos", "sin", (s) => sub(ONE, s)], // cos² = 1 − sin²
  ["sin", "cos", (c) => sub(ONE, c)], // sin² = 1 − cos²
  ["cosh", "sinh", (s) => add(ONE, s)], // cosh² = 1 + sinh²
  ["sinh", "cosh", (c) => sub(c, ONE)], // sinh² = cosh² − 1
];

/**
 * The powers sin(u)^k, cos(u)^k, ... (k >= 2) that occur as factors of the sum's terms, as the calls sin(u), cos(u).
 * Squares deeper inside are found when the simplifier reaches the sums that hold them.
 */
function squaredCalls(sum: Expr & { terms: readonly Expr[] }): Map<Expr, Expr> {
  const found = new Map<Expr, Expr>(); // call → its argument
  for (const term of sum.terms) {
    for (const f of term.kind === "mul" ? term.factors : [term]) {
      if (f.kind !== "pow" || f.exponent.kind !== "num" || !f.exponent.value.isInteger || f.exponent.value.num < 2n) continue;
      const base = f.base;
      if (base.kind === "call" && PAIRS.some(([from]) => from === base.name)) found.set(base, base.args[0]!);
    }
  }
  return found;
}

export function pythagorean(sum: Expr): Expr | undefined {
  if (sum.kind !== "add") return undefined;
  let best: Expr | undefined;
  const squared = squaredCalls(sum);
  const args = [...new Set(squared.values())].slice(0, 3);
  for (const u of args) {
    for (const [from, to, rewrite] of PAIRS) {
      const target = call(from, [u]);
      // Only even powers of `from` are rewritten: without one, the rewrite would give back the sum itself.
      if (!squared.has(target)) continue;
      const square = pow(call(to, [u]), num(2));
      const rewritten = postwalk(sum, (node) => {
        if (node.kind !== "pow" || node.base !== target || node.exponent.kind !== "num" || !node.exponent.value.isInteger) return undefined;
        const k = node.exponent.value.num;
        if (k < 2n) return undefined;
        return mul(pow(target, num(k % 2n)), pow(rewrite(square), num(k / 2n)));
      });
      const candidate = expand(rewritten);
      if (smaller(candidate, best ?? sum)) best = candidate;
    }
  }
  return best;
}

/** tan, sec, csc and cot in terms of sin and cos: what lets sin(x)*cos(x)*tan(x) become sin(x)^2. */
const RECIPROCALS: Readonly<Record<string, (u: Expr) => Expr>> = {
  tan: (u) => mul(call("sin", [u]), pow(call("cos", [u]), num(-1))),
  sec: (u) => pow(call("cos", [u]), num(-1)),
  csc: (u) => pow(call("sin", [u]), num(-1)),
  cot: (u) => mul(call("cos", [u]), pow(call("sin", [u]), num(-1))),
};

const hasReciprocalMemo = new NodeMemo<boolean>();

function hasReciprocal(e: Expr): boolean {
  let found = hasReciprocalMemo.get(e);
  if (found === undefined) {
    found = (e.kind === "call" && e.name in RECIPROCALS) || children(e).some(hasReciprocal);
    hasReciprocalMemo.set(e, found);
  }
  return found;
}

/** `e` with tan, sec, csc and cot written through sin and cos (expanded if a sum), or undefined if it has none. */
export function inSinesAndCosines(e: Expr): Expr | undefined {
  if (!hasReciprocal(e)) return undefined;
  const rewritten = postwalk(e, (node) => (node.kind === "call" && node.name in RECIPROCALS ? RECIPROCALS[node.name]!(node.args[0]!) : undefined));
  return e.kind === "add" ? expand(rewritten) : rewritten;
}
