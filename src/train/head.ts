/**
 * Output heads: how the logits of the last layer become probabilities and a per-sample loss. Both are written in the
 * logits' names (`z`, or `z1 ... zK`), so that the loss is one small expression whatever the model below it, and `diff`
 * derives the error signal `dL/dz_k` from it once.
 *
 * - sigmoid: two classes, `p = sigmoid(z)`, binary cross-entropy against the label `y` (0 or 1);
 * - softmax: K classes, `pk = exp(zk)/(exp(z1) + ... + exp(zK))`, cross-entropy against the one-hot `y1 ... yK`.
 */
import { add, call, div, mul, neg, num, ONE, pow, sub, sym } from "../ast/build.js";
import { equals, type Expr, type Mul, withinGeneration } from "../ast/expr.js";
import { postwalk } from "../ast/transform.js";
import { stabilize } from "../compile/stable.js";
import { indexed, range } from "./architecture.js";

export interface Head {
  readonly kind: "sigmoid" | "softmax";
  /** The logit names, `z` or `z1 ... zK`. */
  readonly logits: readonly string[];
  /** The label names, `y` or `y1 ... yK`. */
  readonly labels: readonly string[];
  /** The per-sample loss in the logits and labels, in textbook form. */
  readonly loss: Expr;
  /** The predicted probabilities in the logits: [P(label = 1)] for two classes, [p1, ..., pK] for K. */
  readonly outputs: readonly Expr[];
  /** The same expression rewritten to stay finite in float64 (what is compiled; never shown). */
  stable(e: Expr): Expr;
  /** Printed formulas name the probabilities: `exp(z2)/(exp(z1) + ...)` becomes `p2`. */
  rename(e: Expr): Expr;
  /** The concrete names standing for class 1 and their lettered forms (`z1 → z_k`): class 1 represents every class. */
  readonly letters: ReadonlyMap<string, string>;
}

/** Binary cross-entropy of the logit z against the label y: -(y*log(sigmoid(z)) + (1 - y)*log(1 - sigmoid(z))). */
export function crossEntropy(z: Expr, y: Expr): Expr {
  const p = call("sigmoid", [z]);
  return neg(add(mul(y, call("log", [p])), mul(sub(ONE, y), call("log", [sub(ONE, p)]))));
}

export function sigmoidHead(): Head {
  const z = sym("z");
  return {
    kind: "sigmoid",
    logits: ["z"],
    labels: ["y"],
    loss: crossEntropy(z, sym("y")),
    outputs: [call("sigmoid", [z])],
    // log(sigmoid(z)) and log(1 - sigmoid(z)) in terms of softplus (compile/stable.ts).
    stable: stabilize,
    rename: (e) => e,
    letters: new Map(),
  };
}

/**
 * The loss is written `log(exp(z1) + ... + exp(zK)) - (y1*z1 + ... + yK*zK)`: for a one-hot label that is exactly
 * `-log(p_label)`, and in this form diff derives `dL/dzk = pk - yk` without being told that the labels sum to 1 (the
 * form `-Σ yk*log(pk)` differentiates to `pk*(y1 + ... + yK) - yk`).
 */
export function softmaxHead(classes: number): Head {
  const K = range(classes);
  const logits = K.map((k) => indexed("z", k));
  const labels = K.map((k) => indexed("y", k));
  const z = logits.map(sym);
  const exps = z.map((zk) => call("exp", [zk]));
  const total = add(...exps);
  const loss = sub(call("log", [total]), add(...z.map((zk, k) => mul(sym(labels[k]!), zk))));

  // exp(zk) overflows past zk ≈ 709: shifting every logit by their maximum m leaves each pk unchanged and turns the
  // log-sum-exp into m + log(Σ exp(zk - m)), whose largest term is exp(0) = 1. The logits are symbols, so matching
  // them is matching names.
  const stable = (e: Expr) =>
    withinGeneration(() => {
      const m = z.slice(1).reduce<Expr>((max, zk) => call("max", [max, zk]), z[0]!);
      const shiftedTotal = add(...z.map((zk) => call("exp", [sub(zk, m)])));
      return postwalk(e, (node) => {
        if (node.kind !== "call") return undefined;
        if (node.name === "exp" && node.args[0]!.kind === "sym" && logits.includes(node.args[0]!.name)) return call("exp", [sub(node.args[0]!, m)]);
        return node.name === "log" && equals(node.args[0]!, shiftedTotal) ? add(m, node) : undefined;
      });
    });

  // exp(zk) * (exp(z1) + ... + exp(zK))^-1 is pk, wherever the pair stands among a product's factors.
  const rename = (e: Expr) =>
    withinGeneration(() => {
      const namedExps = z.map((zk) => call("exp", [zk]));
      const inverseTotal = pow(add(...namedExps), num(-1));
      return postwalk(e, (node) => {
        // A node kept from an earlier generation need not be the object made here for it: match with `equals`.
        const has = (x: Expr) => node.kind === "mul" && node.factors.some((f) => equals(f, x));
        if (!has(inverseTotal)) return undefined;
        const k = namedExps.findIndex(has);
        return k < 0 ? undefined : mul(sym(indexed("p", k + 1)), ...(node as Mul).factors.filter((f) => !equals(f, namedExps[k]!) && !equals(f, inverseTotal)));
      });
    });

  return {
    kind: "softmax",
    logits,
    labels,
    loss,
    outputs: exps.map((e) => div(e, total)),
    stable,
    rename,
    letters: new Map(["z", "y", "p"].map((base) => [indexed(base, 1), indexed(base, "k")])),
  };
}
