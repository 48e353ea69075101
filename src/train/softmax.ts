/**
 * Softmax regression over K classes: logits `zk = bk + wk_1*x1 + ... + wk_d*xd`, probabilities
 * `pk = exp(zk)/(exp(z1) + ... + exp(zK))` and the cross-entropy loss against the one-hot label `y1 ... yK`.
 *
 * The loss is written `log(exp(z1) + ... + exp(zK)) - (y1*z1 + ... + yK*zK)`: for a one-hot label that is exactly
 * `-log(p_label)`, and in this form diff derives `dL/dwk_j = x_j*(pk - yk)` without being told that the labels sum
 * to 1 (the form `-Σ yk*log(pk)` differentiates to `x_j*(pk*(y1 + ... + yK) - yk)`).
 */
import { add, call, div, mul, num, pow, sub, sym } from "../ast/build.js";
import { equals, type Expr, withinGeneration } from "../ast/expr.js";
import { postwalk } from "../ast/transform.js";
import { describeValue } from "../arguments.js";
import { ArgumentError } from "../errors.js";
import { affine, featureNames, type Model } from "./model.js";

export function softmaxRegression(dimension: number, classes: number): Model {
  if (!Number.isInteger(classes) || classes < 2) throw new ArgumentError(`softmax regression needs 2 or more classes, got ${describeValue(classes)}`);
  const features = featureNames(dimension);
  const K = Array.from({ length: classes }, (_, k) => k + 1);
  const labels = K.map((k) => `y${k}`);
  const units = K.map((k) => ({ weights: features.map((_, j) => `w${k}_${j + 1}`), bias: `b${k}` }));
  const logits = units.map((u) => affine(u.weights, features.map(sym), u.bias));
  const exps = logits.map((z) => call("exp", [z]));
  const total = add(...exps);
  const loss = sub(call("log", [total]), add(...logits.map((z, k) => mul(sym(labels[k]!), z))));
  const parameters = units.flatMap((u) => [...u.weights, u.bias]);

  // The model keeps these expressions while diff, simplify and compile run: nodes are interned in generations
  // (ast/expr.ts), so a kept node and its equal made later need not be one object. Matching is by `equals`.
  const logitIndex = (e: Expr) => logits.findIndex((z) => equals(z, e));

  // exp(zk) overflows past zk ≈ 709: shifting every logit by their maximum m leaves each pk unchanged and turns the
  // log-sum-exp into m + log(Σ exp(zk - m)), whose largest term is exp(0) = 1.
  const stable = (e: Expr) =>
    withinGeneration(() => {
      const m = logits.slice(1).reduce((max, z) => call("max", [max, z]), logits[0]!);
      const shiftedTotal = add(...logits.map((z) => call("exp", [sub(z, m)])));
      return postwalk(e, (node) => {
        if (node.kind !== "call") return undefined;
        if (node.name === "exp") {
          const k = logitIndex(node.args[0]!);
          return k < 0 ? undefined : call("exp", [sub(logits[k]!, m)]);
        }
        return node.name === "log" && equals(node.args[0]!, shiftedTotal) ? add(m, node) : undefined;
      });
    });

  // Printed formulas name each logit zk and probability pk.
  const zNames = K.map((k) => `z${k}`);
  const namedTotal = () => add(...zNames.map((z) => call("exp", [sym(z)])));
  const rename = (e: Expr) =>
    withinGeneration(() => {
      const namedExps = zNames.map((z) => call("exp", [sym(z)]));
      const inverseTotal = pow(add(...namedExps), num(-1));
      const named = postwalk(e, (node) => {
        const k = logitIndex(node);
        return k < 0 ? undefined : sym(zNames[k]!);
      });
      // exp(zk) * (exp(z1) + ... + exp(zK))^-1 is pk, wherever the pair stands among a product's factors.
      return postwalk(named, (node) => {
        if (node.kind !== "mul" || !node.factors.includes(inverseTotal)) return undefined;
        const k = namedExps.findIndex((exp) => node.factors.includes(exp));
        return k < 0 ? undefined : mul(sym(`p${k + 1}`), ...node.factors.filter((f) => f !== namedExps[k] && f !== inverseTotal));
      });
    });

  return {
    kind: "softmax",
    loss,
    outputs: exps.map((e) => div(e, total)),
    parameters,
    weights: units.flatMap((u) => u.weights),
    features,
    labels,
    // Zero is a fine start for a convex loss: every class starts at probability 1/K.
    initial: new Float64Array(parameters.length),
    stable,
    summary: (params) => {
      const value = (name: string) => params[parameters.indexOf(name)]!;
      return { weights: units.map((u) => u.weights.map(value)), bias: units.map((u) => value(u.bias)) };
    },
    named: {
      definitions: [
        ...K.map((k, i) => [`z${k}`, logits[i]!] as const),
        ...K.map((k, i) => [`p${k}`, div(call("exp", [sym(zNames[i]!)]), namedTotal())] as const),
      ],
      rename,
    },
    families: units.flatMap((u) => [
      { representative: u.weights[0]!, ...(dimension > 1 && { note: `${u.weights[0]} ... ${u.weights.at(-1)} alike, with x1 ... x${dimension}` }) },
      { representative: u.bias },
    ]),
  };
}
