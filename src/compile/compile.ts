/**
 * Compiled evaluators: expressions become plain JavaScript functions (`new Function` over the source that
 * program.ts prints), calling `Math.*` directly with no interpretation per call.
 *
 * - `compile`: one expression, a function of positional arguments;
 * - `compileAll`: several expressions at one point, written into the caller's Float64Array;
 * - `compileSum`: several expressions summed over the rows of a table, the loop over the rows generated too.
 *
 * They compute exactly what `evaluate` computes, operation for operation. In particular they keep the textbook form of
 * an expression; apply `stabilize` (stable.ts) first when `log(sigmoid(z))` must stay finite for large |z|.
 */
import { gradient, toExpr, type ExprLike } from "../diff.js";
import { ArgumentError } from "../errors.js";
import { buildProgram } from "./program.js";

/** `(x, y, ...) => value`, arguments in the order of the parameter list. `source` is the generated JavaScript. */
export type CompiledFunction = ((...args: number[]) => number) & { readonly source: string };

/**
 * `(args, out?) => out`: every expression of the set at the point `args` (in the order of the parameter list),
 * written to `out` in the order of the expressions. Pass `out` to allocate nothing per call.
 */
export type CompiledSet = ((args: ArrayLike<number>, out?: Float64Array) => Float64Array) & { readonly source: string };

/** Compiles one expression to a function of the given parameters (every free variable must be one of them). */
export function compile(expr: ExprLike, params: readonly string[]): CompiledFunction {
  const program = buildProgram([toExpr(expr)], checkList(params, "params"));
  // `+p` keeps arithmetic numeric when a caller passes a numeric string: "2" + 1 would concatenate.
  const body = [
    '"use strict";',
    ...program.params.map((p) => `${p} = +${p};`),
    ...program.invariant,
    ...program.statements,
    `return ${program.results[0]};`,
  ].join("\n");
  const fn = new Function(...program.params, body) as (...args: number[]) => number;
  return Object.assign(fn, { source: fn.toString() });
}

/**
 * Compiles several expressions — say a loss and all its partial derivatives — into one function that computes
 * each shared subexpression once and writes the results into the caller's `out`.
 */
export function compileAll(exprs: readonly ExprLike[], params: readonly string[]): CompiledSet {
  const list = checkList(exprs, "exprs").map(toExpr);
  const program = buildProgram(list, checkList(params, "params"));
  const arity = params.length;
  const size = list.length;
  // The size checks live in the generated function itself, so that each compiled set is its own function to V8
  // (with its own type feedback) and nothing stands between the caller and the arithmetic. Typed arrays of fixed
  // length are checked once: a hot loop passing the same arrays pays two comparisons per call.
  const source = [
    "function compiled(a, out) {",
    "if (a !== checked.args || out !== checked.out) out = check(a, out);",
    ...program.params.map((p, i) => `const ${p} = +a[${i}];`),
    ...program.invariant,
    ...program.statements,
    ...program.results.map((r, i) => `out[${i}] = ${r};`),
    "return out;",
    "}",
  ].join("\n");
  // The last arrays that passed the checks; a fresh object matches no argument at first (undefined would).
  const checked: { args: unknown; out: unknown } = { args: {}, out: {} };
  const check = (args: ArrayLike<number>, out: Float64Array = new Float64Array(size)): Float64Array => {
    checkArray(args, arity, `argument values [${params.join(", ")}]`);
    checkOutput(out, size);
    if (hasFixedLength(args) && hasFixedLength(out)) Object.assign(checked, { args, out });
    return out;
  };
  const compiled = new Function("checked", "check", `"use strict";\nreturn ${source};`)(checked, check) as CompiledSet;
  return Object.assign(compiled, { source });
}

/** A typed array over a buffer that cannot resize: its length never changes (short of detaching the buffer). */
function hasFixedLength(array: ArrayLike<number>): boolean {
  return ArrayBuffer.isView(array) && !(array.buffer as ArrayBuffer & { resizable?: boolean }).resizable;
}

/**
 * `(params, rows, out?) => out`: each expression summed over the rows of a table, `out[k] = Σ exprs[k]`, e.g. a loss
 * and its gradient over a whole data set. `rows` holds the values of `rowVariables`, row after row; `params` the
 * values of `params`, fixed for the call.
 */
export type CompiledSum = ((params: ArrayLike<number>, rows: ArrayLike<number>, out?: Float64Array) => Float64Array) & { readonly source: string };

/**
 * Compiles the sums over rows of several expressions into one function: the loop over the rows is generated too,
 * so the JIT sees straight-line code per row, and subexpressions of the parameters alone are computed once per call
 * rather than once per row. Sums accumulate row by row, in order.
 */
export function compileSum(exprs: readonly ExprLike[], params: readonly string[], rowVariables: readonly string[]): CompiledSum {
  const list = checkList(exprs, "exprs").map(toExpr);
  if (checkList(rowVariables, "rowVariables").length === 0) throw new ArgumentError("a sum over rows needs at least one row variable");
  const variables = [...checkList(params, "params"), ...rowVariables];
  const program = buildProgram(list, variables, new Set(rowVariables));
  const arity = params.length;
  const width = rowVariables.length;
  const size = list.length;
  const source = [
    "function compiled(a, rows, out) {",
    `if (a.length !== ${arity} || rows.length % ${width} !== 0 || out === undefined || out.length < ${size}) out = check(a, rows, out);`,
    ...program.params.slice(0, arity).map((p, i) => `const ${p} = +a[${i}];`),
    ...program.invariant,
    ...list.map((_, k) => `let s${k} = 0;`),
    `for (let r = 0; r < rows.length; r += ${width}) {`,
    ...program.params.slice(arity).map((p, j) => `const ${p} = +rows[r + ${j}];`),
    ...program.statements,
    ...program.results.map((result, k) => `s${k} += ${result};`),
    "}",
    ...list.map((_, k) => `out[${k}] = s${k};`),
    "return out;",
    "}",
  ].join("\n");
  const check = (args: ArrayLike<number>, rows: ArrayLike<number>, out: Float64Array = new Float64Array(size)): Float64Array => {
    checkArray(args, arity, `parameter values [${params.join(", ")}]`);
    checkArray(rows, undefined, "rows");
    if (rows.length % width !== 0) throw new ArgumentError(`the rows hold ${rows.length} values, not a multiple of ${width} [${rowVariables.join(", ")}]`);
    checkOutput(out, size);
    return out;
  };
  const compiled = new Function("check", `"use strict";\nreturn ${source};`)(check) as CompiledSum;
  return Object.assign(compiled, { source });
}

/**
 * The value of `f` and its gradient with respect to `wrt` as one compiled function: `out[0]` is f and `out[1 + i]`
 * is ∂f/∂wrt[i]. Parameters default to `wrt` followed by f's other variables, sorted.
 */
export function gradientFunction(f: ExprLike, wrt: readonly string[], params?: readonly string[]): CompiledSet {
  const e = toExpr(f);
  const names = params ?? [...wrt, ...[...e.vars].filter((v) => !wrt.includes(v)).sort()];
  return compileAll([e, ...gradient(e, wrt)], names);
}

/** An array (or typed array) of `length` numbers, if given. */
function checkArray(array: ArrayLike<number>, length: number | undefined, what: string): void {
  if (typeof array !== "object" || array === null || typeof array.length !== "number") {
    throw new ArgumentError(`expected an array of ${what}, got ${array === null ? "null" : typeof array}`);
  }
  if (length !== undefined && array.length !== length) throw new ArgumentError(`expected ${length} ${what}, got ${array.length}`);
}

function checkOutput(out: Float64Array, size: number): void {
  if (!(out instanceof Float64Array)) throw new ArgumentError("the output array must be a Float64Array");
  if (out.length < size) throw new ArgumentError(`the output array holds ${out.length} values, ${size} needed`);
}

function checkList<T>(list: readonly T[], what: string): readonly T[] {
  if (!Array.isArray(list)) throw new ArgumentError(`${what} must be an array, got ${typeof list}`);
  return list;
}
