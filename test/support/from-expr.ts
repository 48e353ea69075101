/**
 * Symdiff's output, read into the oracle's tree so that it is evaluated with the oracle's meaning (60 digits, real
 * conventions of oracle.ts). Only the shape of the tree is taken from symdiff, never a value.
 */
import type { Expr } from "../../src/index.js";
import * as o from "./oracle.js";

export function fromExpr(e: Expr, memo = new Map<Expr, o.Node>()): o.Node {
  const seen = memo.get(e);
  if (seen) return seen;
  let n: o.Node;
  switch (e.kind) {
    case "num":
      n = o.num(e.value.num, e.value.den);
      break;
    case "sym":
      n = o.v(e.name);
      break;
    case "const":
      n = o.PI;
      break;
    case "add":
      n = e.terms.map((t) => fromExpr(t, memo)).reduce(o.add);
      break;
    case "mul":
      n = e.factors.map((f) => fromExpr(f, memo)).reduce(o.mul);
      break;
    case "pow":
      n = o.pow(fromExpr(e.base, memo), fromExpr(e.exponent, memo));
      break;
    case "call":
      n = o.call(e.name, ...e.args.map((a) => fromExpr(a, memo)));
      break;
  }
  memo.set(e, n);
  return n;
}

/** Past these magnitudes float64 overflows or underflows, and a float result may differ for that reason alone. */
const FLOAT_MAX = new o.D("1e300");
const FLOAT_MIN = new o.D("1e-300");

/**
 * The value at the point, each shared subexpression evaluated once (symdiff's outputs share heavily). `range.float`
 * is cleared when some part's value is out of float64's range.
 */
export function evalExpr(e: Expr, at: o.Point, range: { float: boolean } = { float: true }): o.Dec {
  const cache = new Map<Expr, o.Dec>();
  const ev = (x: Expr): o.Dec => {
    let d = cache.get(x);
    if (d === undefined) {
      d = o.evalNode(shallow(x), at);
      if (d.isFinite() && !d.isZero() && (d.abs().gt(FLOAT_MAX) || d.abs().lt(FLOAT_MIN))) range.float = false;
      cache.set(x, d);
    }
    return d;
  };
  // The node over its children's values.
  const shallow = (x: Expr): o.Node => {
    switch (x.kind) {
      case "num":
      case "sym":
      case "const":
        return fromExpr(x);
      case "add":
        return x.terms.map((t) => o.val(ev(t))).reduce(o.add);
      case "mul":
        return x.factors.map((f) => o.val(ev(f))).reduce(o.mul);
      case "pow":
        // The exponent keeps its exact form: the real-root convention depends on it being a rational literal.
        return o.pow(o.val(ev(x.base)), x.exponent.kind === "num" ? fromExpr(x.exponent) : o.val(ev(x.exponent)));
      case "call":
        return o.call(x.name, ...x.args.map((a) => o.val(ev(a))));
    }
  };
  return ev(e);
}
