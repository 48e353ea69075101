/**
 * Derivative throughput, symdiff vs math.js, on the eight expressions of issue 5 (text in, derivative out:
 * parse + differentiate + simplify), and the size of the results.
 *
 * symdiff memoises per interned node and remembers recently parsed texts, so differentiating the same text twice
 * finds everything in memory. Both are reported: "warm" repeats the same text; "cold" renames the variables on every
 * call (x → x17, ...), so every node is new and every parse, derivative and simplification is computed from scratch.
 * "parse" is the cold parse alone. math.js caches nothing, and gets the same renamed inputs as symdiff's cold column.
 */
import { readFileSync } from "node:fs";
import { derivative as mathjsDerivative, type MathNode } from "mathjs";
import { diff, format, nodeCount, opCount, parse } from "../../dist/index.js";
import { printTable } from "../lib/table.js";
import { type Case, CASES, renamed } from "../lib/cases.js";
import { compareCalls, geometricMean, timeCalls } from "../lib/timing.js";

function mathjsNodes(node: MathNode): number {
  return node.filter(() => true).length;
}

const symdiff = (c: Case) => diff(parse(c.text), c.wrt);
const mathjsRaw = (c: Case) => mathjsDerivative(c.text, c.wrt, { simplify: false });
const mathjsSimplified = (c: Case) => mathjsDerivative(c.text, c.wrt, { simplify: true });

/** Runs every case a few hundred times first, so that all of them are timed with the JIT compiler's work done. */
function warmUp(): void {
  let i = 10_000_000; // far from the indices the timed calls use, so no timed call finds a warm-up result in memory
  for (let round = 0; round < 300; round++) {
    for (const c of CASES) {
      symdiff(renamed(c, ++i));
      mathjsRaw(renamed(c, i));
    }
  }
}

interface Row {
  readonly label: string;
  readonly parseOnly: number;
  readonly warm: number;
  readonly coldLoop: number;
  readonly coldTurns: number;
  readonly rawLoop: number;
  readonly rawTurns: number;
  readonly simplified: number;
}

async function throughput(): Promise<void> {
  warmUp();
  const rows: Row[] = [];
  const fresh = (c: Case) => (i: number) => renamed(c, i);
  for (const c of CASES) {
    const parseOnly = (await timeCalls((i) => renamed(c, i).text, (text) => parse(text))).micros;
    const warm = (await timeCalls(() => c, symdiff)).micros;
    const [coldLoop, rawLoop] = (await compareCalls(fresh(c), [symdiff, mathjsRaw], { rounds: 9 })).map((t) => t.micros) as [number, number];
    const [coldTurns, rawTurns] = (await compareCalls(fresh(c), [symdiff, mathjsRaw], { rounds: 9, style: "turns" })).map((t) => t.micros) as [number, number];
    const simplified = (await timeCalls(fresh(c), mathjsSimplified, { rounds: 5, budgetMs: 8000 })).micros;
    rows.push({ label: c.label, parseOnly, warm, coldLoop, coldTurns, rawLoop, rawTurns, simplified });
  }
  const gm = (pick: (r: Row) => number) => geometricMean(rows.map(pick));
  const mean: Row = {
    label: "geometric mean",
    parseOnly: gm((r) => r.parseOnly),
    warm: gm((r) => r.warm),
    coldLoop: gm((r) => r.coldLoop),
    coldTurns: gm((r) => r.coldTurns),
    rawLoop: gm((r) => r.rawLoop),
    rawTurns: gm((r) => r.rawTurns),
    simplified: gm((r) => r.simplified),
  };
  console.log("Throughput, µs per call (median of rounds). symdiff warm = same text again (everything remembered);");
  console.log("cold = variables renamed per call (nothing cached); parse = the cold parse alone. math.js gets the cold inputs.");
  console.log("loop = a round's calls in one synchronous loop; turn = every call in a turn of the event loop of its own.\n");
  printTable(
    ["expression", "parse", "warm", "cold loop", "math.js loop", "ratio", "cold turn", "math.js turn", "ratio", "math.js+simplify"],
    [...rows, mean].map((r) => [r.label, r.parseOnly, r.warm, r.coldLoop, r.rawLoop, r.coldLoop / r.rawLoop, r.coldTurns, r.rawTurns, r.coldTurns / r.rawTurns, r.simplified]),
  );
  for (const [style, ratio] of [["loop", mean.coldLoop / mean.rawLoop], ["turn", mean.coldTurns / mean.rawTurns]] as const) {
    const verdict = ratio <= GOAL ? "met" : "not met";
    console.log(`goal (${style}): cold geometric mean at most ${GOAL}x math.js's unsimplified derivative: ${ratio.toFixed(2)}x, ${verdict}`);
  }
}

/** Issue 16's goal for the cold geometric mean, as a multiple of math.js's derivative without simplification. */
const GOAL = 2;

function sizes(): void {
  console.log("\nResult sizes: tree nodes (shared subtrees counted each time) and operations (SymPy's count_ops).");
  console.log("math.js counts its own node kinds (it has subtraction, division and unary minus nodes).\n");
  printTable(
    ["expression", "symdiff result", "nodes", "ops", "math.js nodes", "math.js+simplify nodes"],
    CASES.map((c) => {
      const ours = symdiff(c);
      return [c.label, format(ours), nodeCount(ours), opCount(ours), mathjsNodes(mathjsRaw(c)), mathjsNodes(mathjsSimplified(c))];
    }),
  );
}

interface CorpusCase {
  readonly expr: string;
  readonly wrt: string;
  readonly order: number;
  readonly sympy: string;
  readonly sympy_ops: number;
}

/** Result size against SymPy's simplified derivatives (from the sample corpus in test/fixtures). */
function versusSympy(): void {
  const file = new URL("../../test/fixtures/corpus-sample.jsonl", import.meta.url);
  const corpus = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CorpusCase);
  const rows = corpus.map((c) => {
    const ours = diff(parse(c.expr), c.wrt, c.order);
    return { c, ours, ops: opCount(ours) };
  });
  const larger = rows.filter((r) => r.ops > r.c.sympy_ops).length;
  console.log(`\nResult size against SymPy (simplify) on the ${rows.length}-case sample corpus: ops = count_ops.\n`);
  printTable(
    ["expression", "d/d", "symdiff", "ops", "SymPy", "SymPy ops"],
    rows.map(({ c, ours, ops }) => [c.expr, c.wrt, format(ours), ops, c.sympy, c.sympy_ops]),
  );
  const total = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
  console.log(`\ntotal ops: symdiff ${total((r) => r.ops)}, SymPy ${total((r) => r.c.sympy_ops)}; symdiff larger in ${larger} of ${rows.length} cases`);
}

export async function run(): Promise<void> {
  await throughput();
  sizes();
  versusSympy();
}
