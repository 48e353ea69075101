/**
 * A model's forward and backward passes compiled to plain JavaScript loops over units and inputs — the loops one
 * writes by hand — with the symbolic parts spliced in as straight-line code:
 *
 * - the activation `a = f(u)` and its slope `∂a/∂u` (backprop.ts `slope`, derived by diff),
 * - the head's stable loss and error signals `dL/dz_k` (diff of the head's loss), or its probabilities,
 * - the L2 term `lambda/2*w^2` and its derivative.
 *
 * Each piece is small whatever the model's size, so the generated function stays small too: V8 optimises it as it
 * would hand-written code (a function with one statement per parameter stops being optimised past some size, which is
 * why fully unrolled code fell off a cliff at a few hundred features). Every loop bound and offset is a literal, and
 * loops of a few iterations are unrolled (`loop`).
 */
import { call, div, mul, num, pow, sym } from "../ast/build.js";
import type { Expr } from "../ast/expr.js";
import { buildProgram, declaration } from "../compile/program.js";
import { diff } from "../diff.js";
import { ArgumentError } from "../errors.js";
import type { Layer } from "./architecture.js";
import { slope } from "./backprop.js";
import type { Head } from "./head.js";

/** `(params, rows, out) => out`: out[0] = Σ loss over the rows, and with the gradient out[1 + k] = Σ ∂loss/∂param_k. */
export type RowSum = (params: Float64Array, rows: Float64Array, out: Float64Array) => Float64Array;
/** `(params, features, out) => out`: each row's probabilities, out[row*K + k]. */
export type Forward = (params: Float64Array, features: Float64Array, out: Float64Array) => Float64Array;
/** `(params, lambda, grad) => penalty`: lambda/2 × Σ weight², its gradient added into grad. */
export type Penalty = (params: Float64Array, lambda: number, grad: Float64Array) => number;

export interface ModelShape {
  readonly layers: readonly Layer[];
  readonly head: Head;
  readonly dimension: number;
  readonly parameterCount: number;
}

/**
 * One piece of symbolic code as a block: its inputs bound to sources (`const p0 = PRE0[j];`), the straight-line
 * program computing the expressions (shared subexpressions once), and the statements `use` makes of their results.
 * Its locals (`p0`, `t0`, ...) are block-scoped, so pieces never clash with each other or with the loops around them.
 */
function snippet(exprs: readonly Expr[], inputs: readonly (readonly [name: string, source: string])[], use: (results: readonly string[]) => readonly string[]): string {
  const program = buildProgram(exprs, inputs.map(([name]) => name));
  return [
    "{",
    ...program.params.map((p, i) => `const ${p} = ${inputs[i]![1]};`),
    ...program.invariant.map(declaration),
    ...program.statements.map(declaration),
    ...use(program.results),
    "}",
  ].join("\n");
}

/** Scratch arrays per layer: PRE{l}, POST{l} (hidden layers), D{l} (dL/dpre). */
function scratch(layers: readonly Layer[], gradient: boolean): string[] {
  return layers.flatMap((layer, l) => [
    `const PRE${l} = new Float64Array(${layer.units});`,
    ...(layer.activation ? [`const POST${l} = new Float64Array(${layer.units});`] : []),
    ...(gradient ? [`const D${l} = new Float64Array(${layer.units});`] : []),
  ]);
}

/** The source of input i of layer l inside the row loop. */
function input(l: number, i: string): string {
  return l === 0 ? `X[r + ${i}]` : `POST${l - 1}[${i}]`;
}

/**
 * `for (let v = 0; v < n; v++) { body }` — or, for at most UNROLLED iterations, the body n times with `v` a literal:
 * for small layers straight-line code is faster than a loop, and its size is still bounded.
 */
function loop(v: string, n: number, body: (v: string) => readonly string[]): string[] {
  if (n <= UNROLLED) return Array.from({ length: n }, (_, k) => ["{", ...body(String(k)), "}"]).flat();
  return [`for (let ${v} = 0; ${v} < ${n}; ${v}++) {`, ...body(v), "}"];
}

const UNROLLED = 8;

/** Forward through every layer for the row at X[r ...]: pre-activations and activations into the scratch arrays. */
function forward(layers: readonly Layer[]): string[] {
  return layers.flatMap((layer, l) => {
    const stride = layer.inputs + 1;
    return loop("j", layer.units, (j) => [
      `const o = ${layer.offset} + ${j} * ${stride};`,
      `let s = P[o + ${layer.inputs}];`,
      ...loop("i", layer.inputs, (i) => [`s += P[o + ${i}] * ${input(l, i)};`]),
      `PRE${l}[${j}] = s;`,
      ...(layer.activation ? [snippet([call(layer.activation, [sym("u")])], [["u", "s"]], ([a]) => [`POST${l}[${j}] = ${a};`])] : []),
    ]);
  });
}

/** Backward from the error signals D{last}: gradient sums into G, and each hidden layer's D from the layer above. */
function backward(layers: readonly Layer[]): string[] {
  return [...layers.keys()].reverse().flatMap((l) => {
    const layer = layers[l]!;
    const stride = layer.inputs + 1;
    const accumulate = loop("j", layer.units, (j) => [
      `const g = D${l}[${j}];`,
      `const o = ${layer.offset} + ${j} * ${stride};`,
      `G[o + ${layer.inputs}] += g;`,
      ...loop("i", layer.inputs, (i) => [`G[o + ${i}] += g * ${input(l, i)};`]),
    ]);
    if (l === 0) return accumulate;
    const below = layers[l - 1]!;
    // dL/da_i = Σ_j D{l}[j] * weight_ji, then through the activation's slope at (u_i, a_i).
    const through = loop("i", layer.inputs, (i) => [
      "let s = 0;",
      ...loop("j", layer.units, (j) => [`s += D${l}[${j}] * P[${layer.offset} + ${j} * ${stride} + ${i}];`]),
      snippet([slope(below.activation!, "u", "a")], [["u", `PRE${l - 1}[${i}]`], ["a", `POST${l - 1}[${i}]`]], ([slope]) => [`D${l - 1}[${i}] = s * ${slope};`]),
    ]);
    return [...accumulate, ...through];
  });
}

/** The head for one row: the loss into `loss` and, with the gradient, the error signals into D{last}. */
function headCode(shape: ModelShape, gradient: boolean): string {
  const { layers, head, dimension } = shape;
  const last = layers.length - 1;
  const exprs = [head.loss, ...(gradient ? head.logits.map((z) => diff(head.loss, z)) : [])].map((e) => head.stable(e));
  const inputs = [
    ...head.logits.map((z, k) => [z, `PRE${last}[${k}]`] as const),
    ...head.labels.map((y, k) => [y, `X[r + ${dimension + k}]`] as const),
  ];
  return snippet(exprs, inputs, ([loss, ...signals]) => [`loss += ${loss};`, ...signals.map((d, k) => `D${last}[${k}] = ${d};`)]);
}

/** Compiles the loss summed over rows (features then labels, row after row), with or without its gradient. */
export function compileRowSum(shape: ModelShape, gradient: boolean): RowSum {
  const { layers, head, dimension, parameterCount } = shape;
  const width = dimension + head.labels.length;
  const size = gradient ? parameterCount + 1 : 1;
  const body = [
    "function compiled(P, X, out) {",
    `if (P.length !== ${parameterCount} || X.length % ${width} !== 0 || !(out instanceof Float64Array) || out.length < ${size}) check(P, X, out);`,
    ...(gradient ? ["G.fill(0);"] : []),
    "let loss = 0;",
    `for (let r = 0; r < X.length; r += ${width}) {`,
    ...forward(layers),
    headCode(shape, gradient),
    ...(gradient ? backward(layers) : []),
    "}",
    "out[0] = loss;",
    ...(gradient ? ["out.set(G, 1);"] : []),
    "return out;",
    "}",
  ];
  const check = (P: unknown, X: unknown, out: unknown) => {
    checkArray(P, "parameters", parameterCount);
    checkArray(X, "rows");
    if ((X as Float64Array).length % width !== 0) throw new ArgumentError(`the rows hold ${(X as Float64Array).length} values, not a multiple of ${width} (features and labels)`);
    checkArray(out, "output", undefined, size);
  };
  return build(body, [...scratch(layers, gradient), ...(gradient ? [`const G = new Float64Array(${parameterCount});`] : [])], check) as RowSum;
}

/** Compiles the probabilities of each row of features. */
export function compileForward(shape: ModelShape): Forward {
  const { layers, head, dimension, parameterCount } = shape;
  const last = layers.length - 1;
  const K = head.outputs.length;
  const probabilities = snippet(
    head.outputs.map((e) => head.stable(e)),
    head.logits.map((z, k) => [z, `PRE${last}[${k}]`] as const),
    (results) => results.map((p, k) => `out[row + ${k}] = ${p};`),
  );
  const body = [
    "function compiled(P, X, out) {",
    `if (P.length !== ${parameterCount} || X.length % ${dimension} !== 0 || !(out instanceof Float64Array) || out.length < (X.length / ${dimension}) * ${K}) check(P, X, out);`,
    `for (let r = 0, row = 0; r < X.length; r += ${dimension}, row += ${K}) {`,
    ...forward(layers),
    probabilities,
    "}",
    "return out;",
    "}",
  ];
  const check = (P: unknown, X: unknown, out: unknown) => {
    checkArray(P, "parameters", parameterCount);
    checkArray(X, "features");
    if ((X as Float64Array).length % dimension !== 0) throw new ArgumentError(`the features hold ${(X as Float64Array).length} values, not a multiple of ${dimension}`);
    checkArray(out, "output", undefined, ((X as Float64Array).length / dimension) * K);
  };
  return build(body, scratch(layers, false), check) as Forward;
}

/** The L2 penalty over every weight (no bias): the term `lambda/2*w^2` and its derivative, derived and compiled once. */
export function compilePenalty(layers: readonly Layer[]): { term: Expr; derivative: Expr; run: Penalty } {
  const term = mul(div(sym("lambda"), num(2)), pow(sym("w"), num(2)));
  const derivative = diff(term, "w");
  const code = snippet([term, derivative], [["w", "P[o + i]"], ["lambda", "lambda"]], ([t, d]) => [`total += ${t};`, `G[o + i] += ${d};`]);
  const body = [
    "function penalty(P, lambda, G) {",
    "let total = 0;",
    ...layers.flatMap((layer) => [
      `for (let j = 0; j < ${layer.units}; j++) {`,
      `const o = ${layer.offset} + j * ${layer.inputs + 1};`,
      `for (let i = 0; i < ${layer.inputs}; i++) ${code}`,
      "}",
    ]),
    "return total;",
    "}",
  ];
  return { term, derivative, run: build(body, [], () => undefined) as Penalty };
}

function build(body: readonly string[], prelude: readonly string[], check: (...args: unknown[]) => void): unknown {
  const source = ['"use strict";', ...prelude, `return ${body.join("\n")};`].join("\n");
  const compiled = new Function("check", source)(check) as object;
  return Object.assign(compiled, { source: body.join("\n") });
}

function checkArray(array: unknown, what: string, length?: number, atLeast?: number): void {
  if (!(array instanceof Float64Array)) throw new ArgumentError(`the ${what} must be a Float64Array, got ${array === null ? "null" : typeof array}`);
  if (length !== undefined && array.length !== length) throw new ArgumentError(`expected ${length} ${what}, got ${array.length}`);
  if (atLeast !== undefined && array.length < atLeast) throw new ArgumentError(`the ${what} array holds ${array.length} values, ${atLeast} needed`);
}
