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
 *
 * A program whose function would pass `chunking.budget` characters becomes several functions called in order
 * (chunks.ts), so that V8 still optimises it, and quickly; a smaller one is the single function it always was. Tests
 * pass a tiny budget to force chunking.
 */
import { gradient, toExpr, type ExprLike } from "../diff.js";
import { ArgumentError } from "../errors.js";
import { type Chunking, CHUNKING, splitIntoChunks } from "./chunks.js";
import { buildProgram, declaration, type Program, type Statement } from "./program.js";

/** `(x, y, ...) => value`, arguments in the order of the parameter list. `source` is the generated JavaScript. */
export type CompiledFunction = ((...args: number[]) => number) & { readonly source: string };

/**
 * `(args, out?) => out`: every expression of the set at the point `args` (in the order of the parameter list),
 * written to `out` in the order of the expressions. Pass `out` to allocate nothing per call.
 */
export type CompiledSet = ((args: ArrayLike<number>, out?: Float64Array) => Float64Array) & { readonly source: string };

/** Compiles one expression to a function of the given parameters (every free variable must be one of them). */
export function compile(expr: ExprLike, params: readonly string[], chunking: Chunking = CHUNKING): CompiledFunction {
  const e = toExpr(expr);
  const program = buildProgram([e], checkList(params, "params"));
  // `+p` keeps arithmetic numeric when a caller passes a numeric string: "2" + 1 would concatenate.
  const body = [
    '"use strict";',
    ...program.params.map((p) => `${p} = +${p};`),
    ...program.invariant.map(declaration),
    ...program.statements.map(declaration),
    `return ${program.results[0]};`,
  ].join("\n");
  if (body.length > chunking.budget) return compileChunks(buildProgram([e], params, undefined, chunking.chainLength), chunking.budget);
  const fn = new Function(...program.params, body) as (...args: number[]) => number;
  return Object.assign(fn, { source: fn.toString() });
}

/** `compile` in chunks: the arguments go to S[0 ...], the result to the slot after them. */
function compileChunks(program: Program, budget: number): CompiledFunction {
  const arity = program.params.length;
  const position = positions(program);
  const chunks = splitIntoChunks([{ statements: allStatements(program), overRows: false }], {
    budget,
    param: (p) => ({ slot: position(p) }),
    results: program.results,
    resultSlot: arity,
    firstSlot: arity + 1,
  });
  const source = [
    ...chunks.functions,
    `function compiled(${program.params.join(", ")}) {`,
    ...program.params.map((p, i) => `S[${i}] = +${p};`),
    ...chunks.calls[0]!,
    `return S[${arity}];`,
    "}",
  ].join("\n");
  const fn = new Function(chunkedBody(chunks.scratchSize, source))() as (...args: number[]) => number;
  return Object.assign(fn, { source });
}

/**
 * Compiles several expressions — say a loss and all its partial derivatives — into one function that computes
 * each shared subexpression once and writes the results into the caller's `out`.
 */
export function compileAll(exprs: readonly ExprLike[], params: readonly string[], chunking: Chunking = CHUNKING): CompiledSet {
  const list = checkList(exprs, "exprs").map(toExpr);
  const program = buildProgram(list, checkList(params, "params"));
  const arity = params.length;
  const size = list.length;
  // The size checks live in the generated function itself, so that each compiled set is its own function to V8
  // (with its own type feedback) and nothing stands between the caller and the arithmetic. Typed arrays of fixed
  // length are checked once: a hot loop passing the same arrays pays two comparisons per call.
  const prologue = ["function compiled(a, out) {", "if (a !== checked.args || out !== checked.out) out = check(a, out);"];
  let source = [
    ...prologue,
    ...program.params.map((p, i) => `const ${p} = +a[${i}];`),
    ...program.invariant.map(declaration),
    ...program.statements.map(declaration),
    ...program.results.map((r, i) => `out[${i}] = ${r};`),
    "return out;",
    "}",
  ].join("\n");
  let body = `"use strict";\nreturn ${source};`;
  if (source.length > chunking.budget) {
    // The arguments go to S[0 ...] and the results to the slots after them; out is written last, so it may be `a`.
    const chained = buildProgram(list, params, undefined, chunking.chainLength);
    const position = positions(chained);
    const chunks = splitIntoChunks([{ statements: allStatements(chained), overRows: false }], {
      budget: chunking.budget,
      param: (p) => ({ slot: position(p) }),
      results: chained.results,
      resultSlot: arity,
      firstSlot: arity + size,
    });
    source = [
      ...chunks.functions,
      ...prologue,
      `for (let i = 0; i < ${arity}; i++) S[i] = +a[i];`,
      ...chunks.calls[0]!,
      `for (let k = 0; k < ${size}; k++) out[k] = S[${arity} + k];`,
      "return out;",
      "}",
    ].join("\n");
    body = chunkedBody(chunks.scratchSize, source);
  }
  // The last arrays that passed the checks; a fresh object matches no argument at first (undefined would).
  const checked: { args: unknown; out: unknown } = { args: {}, out: {} };
  const check = (args: ArrayLike<number>, out: Float64Array = new Float64Array(size)): Float64Array => {
    checkArray(args, arity, `argument values [${params.join(", ")}]`);
    checkOutput(out, size);
    if (hasFixedLength(args) && hasFixedLength(out)) Object.assign(checked, { args, out });
    return out;
  };
  const compiled = new Function("checked", "check", body)(checked, check) as CompiledSet;
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
export function compileSum(exprs: readonly ExprLike[], params: readonly string[], rowVariables: readonly string[], chunking: Chunking = CHUNKING): CompiledSum {
  const list = checkList(exprs, "exprs").map(toExpr);
  if (checkList(rowVariables, "rowVariables").length === 0) throw new ArgumentError("a sum over rows needs at least one row variable");
  const variables = [...checkList(params, "params"), ...rowVariables];
  const program = buildProgram(list, variables, new Set(rowVariables));
  const arity = params.length;
  const width = rowVariables.length;
  const size = list.length;
  const prologue = [
    "function compiled(a, rows, out) {",
    `if (a.length !== ${arity} || rows.length % ${width} !== 0 || out === undefined || out.length < ${size}) out = check(a, rows, out);`,
  ];
  let source = [
    ...prologue,
    ...program.params.slice(0, arity).map((p, i) => `const ${p} = +a[${i}];`),
    ...program.invariant.map(declaration),
    ...list.map((_, k) => `let s${k} = 0;`),
    `for (let r = 0; r < rows.length; r += ${width}) {`,
    ...program.params.slice(arity).map((p, j) => `const ${p} = +rows[r + ${j}];`),
    ...program.statements.map(declaration),
    ...program.results.map((result, k) => `s${k} += ${result};`),
    "}",
    ...list.map((_, k) => `out[${k}] = s${k};`),
    "return out;",
    "}",
  ].join("\n");
  let body = `"use strict";\nreturn ${source};`;
  if (source.length > chunking.budget) {
    // The parameters go to S[0 ...] and the sums to the slots after them, row by row as in the loop above (0 + v,
    // then += v: the same additions). The chunks of the invariant statements run once per call, the others through
    // the rows block by block, each reading the row's values from `rows` itself.
    const chained = buildProgram(list, variables, new Set(rowVariables), chunking.chainLength);
    const position = positions(chained);
    const chunks = splitIntoChunks(
      [
        { statements: chained.invariant, overRows: false },
        { statements: chained.statements, overRows: true },
      ],
      {
        budget: chunking.budget,
        param: (p) => {
          const i = position(p);
          return i < arity ? { slot: i } : { column: i - arity };
        },
        results: chained.results,
        resultSlot: arity,
        firstSlot: arity + size,
        rows: { width, block: chunking.rowBlock },
      },
    );
    source = [
      ...chunks.functions,
      ...prologue,
      `for (let i = 0; i < ${arity}; i++) S[i] = +a[i];`,
      ...chunks.calls[0]!,
      `S.fill(0, ${arity}, ${arity + size});`,
      `for (let start = 0; start < rows.length; start += ${chunking.rowBlock * width}) {`,
      `const end = Math.min(start + ${chunking.rowBlock * width}, rows.length);`,
      ...chunks.calls[1]!,
      "}",
      `for (let k = 0; k < ${size}; k++) out[k] = S[${arity} + k];`,
      "return out;",
      "}",
    ].join("\n");
    body = chunkedBody(chunks.scratchSize, source);
  }
  const check = (args: ArrayLike<number>, rows: ArrayLike<number>, out: Float64Array = new Float64Array(size)): Float64Array => {
    checkArray(args, arity, `parameter values [${params.join(", ")}]`);
    checkArray(rows, undefined, "rows");
    if (rows.length % width !== 0) throw new ArgumentError(`the rows hold ${rows.length} values, not a multiple of ${width} [${rowVariables.join(", ")}]`);
    checkOutput(out, size);
    return out;
  };
  const compiled = new Function("check", body)(check) as CompiledSum;
  return Object.assign(compiled, { source });
}

function allStatements(program: Program): Statement[] {
  return [...program.invariant, ...program.statements];
}

/** The position of each parameter's local (`pN`) in the parameter list. */
function positions(program: Program): (local: string) => number {
  const index = new Map(program.params.map((p, i) => [p, i]));
  return (local) => index.get(local)!;
}

/** The body of a `new Function` returning a chunked program's function `compiled`, its scratch array in scope. */
function chunkedBody(scratchSize: number, source: string): string {
  return `"use strict";\nconst S = new Float64Array(${scratchSize});\n${source}\nreturn compiled;`;
}

/**
 * The value of `f` and its gradient with respect to `wrt` as one compiled function: `out[0]` is f and `out[1 + i]`
 * is ∂f/∂wrt[i]. Parameters default to `wrt` followed by f's other variables, sorted.
 */
export function gradientFunction(f: ExprLike, wrt: readonly string[], params?: readonly string[], chunking: Chunking = CHUNKING): CompiledSet {
  const e = toExpr(f);
  const names = params ?? [...wrt, ...[...e.vars].filter((v) => !wrt.includes(v)).sort()];
  return compileAll([e, ...gradient(e, wrt)], names, chunking);
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
