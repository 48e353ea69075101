/**
 * A large program split into several generated functions ("chunks"), called in order.
 *
 * Why: V8 never optimises a function whose bytecode passes a limit (about 60 KB), and TurboFan's time grows faster
 * than the function: the straight-line code of a logistic loss and its gradient summed over rows ran more than 10x
 * slower than a hand-written loop at 1000 features (164 KB of source, never optimised), and at 400 features its
 * optimisation took seconds. Chunks of a few KB are optimised in tens of milliseconds each.
 *
 * How: the statements are packed, in order, into chunks of about `budget` characters, each a function declaration
 * `c0, c1, ...` with the same generated names inside as a single function has (so user names still never reach the
 * source). Values pass between chunks through one preallocated Float64Array `S`, a constant of the chunks' scope (V8
 * then knows its address and length; passed as an argument instead, an epoch ran 20% slower):
 *
 * - the caller copies the parameters to S once per call (row values are read from the rows themselves);
 * - a value that another chunk reads has a slot, stored right after it is computed and loaded right before its first
 *   use; every other value stays a block-local `const`, as in a single function;
 * - result k goes to S[resultSlot + k].
 *
 * A phase run for every row (compileSum's loop) is not a chunk call per row: each of its chunks loops itself over a
 * block of rows (loop fission). It loads the parameters once per block, a value that a later chunk reads has a slot
 * per row of the block, and the sums accumulate in S row by row (the same additions, in the same order, as
 * `let s = 0; s += v` per row). Measured on the logistic loss and gradient at 400 features (node 20): an epoch took
 * 2.07 ms with a chunk call per row, and 2.9 ms once any ArrayBuffer in the process had been detached (as tsx does, or
 * a transfer to a worker: V8 then checks every typed-array access); 1.4 and 1.9 ms with chunks that loop; 1.8 and
 * 1.9 ms as the single function once optimised. Sums kept in locals instead (loop phis) took 1.96 and 2.1 ms, and
 * TurboFan 50% longer.
 */
import { declaration, isLocal, type Statement } from "./program.js";

/** How a large program is split; tests pass small values to force splitting. */
export interface Chunking {
  /**
   * Characters of source per generated function: a program whose single function stays within it compiles to that
   * function, exactly as before chunking existed; a larger one to chunks of about this size.
   */
  readonly budget: number;
  /** The most operands a statement of a chunked program adds or multiplies (buildProgram's `chainLength`). */
  readonly chainLength: number;
  /** Rows per call of a chunk that loops over rows; the values crossing between chunks take a slot per row of it. */
  readonly rowBlock: number;
}

/**
 * Chosen by measurement (node 20; bench/suites/compile.ts has the side-by-side). TurboFan took 35 ms on a single
 * function of 4 KB, 120 ms at 8 KB, 650 ms at 31 KB and 3-4 s at 63 KB, and never optimised one past about 100 KB;
 * it takes 30-90 ms on a chunk of 8 KB. Once optimised, chunks ran the logistic loss and gradient as fast as the
 * single function or faster (1.4 against 1.8 ms an epoch at 400 features), a softmax regression within 10%, and a
 * tanh network, which spends most of its time in Math.pow and Math.tanh, 1.25x slower: so programs up to 8 KB stay
 * one function. Chunks of 4 KB took about as long to compile in all and ran no faster; the chain length and the block
 * of rows mattered little (8 to 32 operands, 64 to 1024 rows).
 */
export const CHUNKING: Chunking = { budget: 8000, chainLength: 16, rowBlock: 256 };

/** Statements run together: once per call, or once per row of a table. */
export interface Phase {
  /** In dependency order; they may read the parameters and the intermediates of earlier phases. */
  readonly statements: readonly Statement[];
  /** Run for every row of `rows` (compileSum's loop); the results are then summed over the rows. */
  readonly overRows: boolean;
}

export interface ChunkOptions {
  readonly budget: number;
  /** Where chunks read a parameter `pN`: its slot of S, where the caller copies it, or its column in each row. */
  readonly param: (local: string) => { readonly slot: number } | { readonly column: number };
  /** The atomic sources of the results (a local or a literal), computed in the last phase. */
  readonly results: readonly string[];
  /** Result k goes to S[resultSlot + k]: set, or in a phase over rows summed from the value S holds at the call. */
  readonly resultSlot: number;
  /** The first slot of S free for the chunks' own values (the caller's parameters and results come first). */
  readonly firstSlot: number;
  /** For a phase over rows: the values per row, and the number of rows one call of a chunk loops over. */
  readonly rows?: { readonly width: number; readonly block: number };
}

export interface Chunks {
  /** The source of each chunk: `function cN() { ... }`, or for a phase over rows `function cN(rows, start, end)`. */
  readonly functions: readonly string[];
  /**
   * Per phase, its calls in order: `cN();`, or `cN(rows, start, end);` to run through the rows from index `start` up
   * to `end` of `rows` (multiples of the width, at most `block` rows apart).
   */
  readonly calls: readonly (readonly string[])[];
  /** The length S must have. */
  readonly scratchSize: number;
}

/** A statement, or the sink of result k, right after the statement computing its value. */
type Step = { readonly statement: Statement } | { readonly result: number; readonly value: string };

const usesOf = (step: Step): readonly string[] => ("statement" in step ? step.statement.uses : isLocal(step.value) ? [step.value] : []);

/** Rough size of the statement that loads a value into a chunk (`const t12 = S[345];`) besides its name, or of a sink. */
const LOAD_SIZE = 16;

export function splitIntoChunks(phases: readonly Phase[], options: ChunkOptions): Chunks {
  const { budget, param, resultSlot, firstSlot, rows } = options;
  const chunks = stepsOf(phases, options.results).flatMap((steps, phase) => pack(steps, budget).map((c) => ({ phase, steps: c })));

  // A value crosses a boundary when a chunk other than its own reads it (a later one: order is kept). One computed
  // once gets a slot of S; one computed per row an offset in each row's part of the block region, after the slots.
  const home = new Map<string, number>();
  chunks.forEach((c, i) => c.steps.forEach((s) => "statement" in s && home.set(s.statement.name, i)));
  const slots = new Map<string, number>();
  const offsets = new Map<string, number>();
  let next = firstSlot;
  chunks.forEach((c, i) =>
    c.steps.forEach((s) =>
      usesOf(s).forEach((u) => {
        const h = home.get(u);
        if (h === undefined || h === i || slots.has(u) || offsets.has(u)) return;
        if (phases[chunks[h]!.phase]!.overRows) offsets.set(u, offsets.size);
        else slots.set(u, next++);
      }),
    ),
  );
  const blockBase = next;
  const perRow = offsets.size;

  const functions = chunks.map((c, i) => {
    // Loads come right before a value's first use and stores right after it is computed, so that few values are
    // live at once; in a loop over rows, the loads of values fixed for the call come before the loop.
    const before: string[] = [];
    const body: string[] = [];
    const overRows = phases[c.phase]!.overRows;
    const available = new Set<string>();
    for (const step of c.steps) {
      for (const u of usesOf(step)) {
        if (available.has(u)) continue;
        available.add(u);
        const slot = slots.get(u);
        const offset = offsets.get(u);
        const where = home.has(u) ? undefined : param(u);
        if (slot !== undefined) (overRows ? before : body).push(`const ${u} = S[${slot}];`);
        else if (offset !== undefined) body.push(`const ${u} = S[x + ${offset}];`);
        else if (where !== undefined && "column" in where) body.push(`const ${u} = +rows[r + ${where.column}];`);
        else if (where !== undefined) (overRows ? before : body).push(`const ${u} = S[${where.slot}];`);
      }
      if ("statement" in step) {
        const { name } = step.statement;
        available.add(name);
        body.push(declaration(step.statement));
        const slot = slots.get(name);
        const offset = offsets.get(name);
        if (slot !== undefined) body.push(`S[${slot}] = ${name};`);
        if (offset !== undefined) body.push(`S[x + ${offset}] = ${name};`);
      } else {
        body.push(`S[${resultSlot + step.result}] ${overRows ? "+=" : "="} ${step.value};`);
      }
    }
    if (!overRows) return [`function c${i}() {`, ...body, "}"].join("\n");
    if (rows === undefined) throw new Error("internal: a phase over rows needs the rows' width and block");
    const x = perRow > 0 ? [`, x = ${blockBase}`, `, x += ${perRow}`] : ["", ""];
    return [
      `function c${i}(rows, start, end) {`,
      ...before,
      `for (let r = start${x[0]}; r < end; r += ${rows.width}${x[1]}) {`,
      ...body,
      "}",
      "}",
    ].join("\n");
  });
  const calls = phases.map((p, phase) => chunks.flatMap((c, i) => (c.phase === phase ? [p.overRows ? `c${i}(rows, start, end);` : `c${i}();`] : [])));
  return { functions, calls, scratchSize: blockBase + perRow * (rows?.block ?? 0) };
}

/**
 * Each phase's statements as steps, with the sinks of the results in the last phase: each right after the statement
 * computing its value, or at the end for a value computed before (a parameter, a literal, an earlier phase's value).
 */
function stepsOf(phases: readonly Phase[], results: readonly string[]): Step[][] {
  const last = phases.length - 1;
  const byValue = new Map<string, number[]>();
  results.forEach((r, k) => byValue.set(r, [...(byValue.get(r) ?? []), k]));
  const placed = new Set<number>();
  return phases.map((phase, p) => {
    const steps = phase.statements.flatMap((statement): Step[] => {
      const sinks = p === last ? (byValue.get(statement.name) ?? []) : [];
      sinks.forEach((k) => placed.add(k));
      return [{ statement }, ...sinks.map((k) => ({ result: k, value: statement.name }))];
    });
    if (p === last) steps.push(...results.flatMap((value, k) => (placed.has(k) ? [] : [{ result: k, value }])));
    return steps;
  });
}

/** Steps packed in order into chunks of about `budget` characters, counting the loads each step adds. */
function pack(steps: readonly Step[], budget: number): Step[][] {
  const chunks: Step[][] = [];
  let chunk: Step[] = [];
  let size = 0;
  let available = new Set<string>();
  const cost = (s: Step) =>
    ("statement" in s ? declaration(s.statement).length : LOAD_SIZE) + usesOf(s).reduce((n, u) => (available.has(u) ? n : n + u.length + LOAD_SIZE), 0);
  for (const step of steps) {
    if (chunk.length > 0 && size + cost(step) > budget) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
      available = new Set();
    }
    size += cost(step);
    chunk.push(step);
    usesOf(step).forEach((u) => available.add(u));
    if ("statement" in step) available.add(step.statement.name);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
