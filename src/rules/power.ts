/**
 * Power rules for u^v, chosen by which side depends on x:
 *   power rule        (u^n)' = n·u^(n-1)·u'
 *   exponential rule  (a^v)' = a^v·ln(a)·v'
 *   general rule      (u^v)' = u^v·(v'·ln(u) + v·u'/u)      e.g. (x^x)' = x^x·(ln(x) + 1)
 *
 * Over the reals, u^v with u < 0 is real only where v is a rational with an odd denominator, so it has a derivative
 * there only where v is locally constant (v' = 0 around the point): then the derivative is v·u^(v-1)·u', and the
 * logarithm's term must vanish. Invariant: the logarithm is ln|u| whenever v' may vanish on an interval without being
 * zero — when v has a kink function in it (abs, sign, step, relu, min, max; an expression free of them is analytic,
 * and so is its derivative) — so that its term is 0·ln|u| = 0 there, not 0·ln(negative) = NaN: x^max(2, x) at
 * x = -1 has derivative -2. Elsewhere ln(u) is kept (as written by hand, and equal to ln|u| wherever u^v is
 * differentiable). A base 0 is constant 0 (for v > 0, where it is differentiable): its derivative is 0.
 */
import { add, call, div, mul, ONE, pow, sub, ZERO } from "../ast/build.js";
import { children, type Expr, type Pow } from "../ast/expr.js";
import { chain } from "./chain.js";
import { isConstant, type RuleContext } from "./rule.js";

export function powerRule(e: Pow, ctx: RuleContext): Expr {
  const { base: u, exponent: v } = e;
  if (isConstant(v, ctx)) {
    ctx.note?.("power");
    return chain(mul(v, pow(u, sub(v, ONE))), u, ctx);
  }
  if (isConstant(u, ctx)) {
    ctx.note?.("exponential");
    if (u === ZERO) return ZERO;
    return chain(mul(e, logarithm(u, v)), v, ctx);
  }
  ctx.note?.("general power");
  return mul(e, add(mul(ctx.d(v), logarithm(u, v)), mul(v, div(ctx.d(u), u))));
}

/** ln(u), or ln|u| when the exponent has a kink (see the invariant above). */
function logarithm(u: Expr, v: Expr): Expr {
  return call("log", [hasKink(v) ? call("abs", [u]) : u]);
}

const KINKS = new Set(["abs", "sign", "step", "relu", "min", "max"]);

/** Does `e` contain a call to a function with a kink? Iterative: expressions may be thousands of levels deep. */
function hasKink(e: Expr): boolean {
  const seen = new Set<Expr>();
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === "call" && KINKS.has(x.name)) return true;
    for (const c of children(x)) {
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
    }
  }
  return false;
}
