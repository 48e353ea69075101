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
import { geometricMean, timeCalls } from "../lib/timing.js";

interface Case {
  readonly label: string;
  readonly text: string;
  readonly wrt: string;
}

const POLYNOMIAL_20 = ["1", "2*x", ...Array.from({ length: 18 }, (_, i) => `${i + 3}*x^${i + 2}`)].join("+");

export const CASES: readonly Case[] = [
  { label: "x^2*y+sin(y)", text: "x^2*y+sin(y)", wrt: "x" },
  { label: "sin(3*x^2+x)", text: "sin(3*x^2+x)", wrt: "x" },
  { label: "(4*x^2+x)*(x^3+8*x^2)", text: "(4*x^2+x)*(x^3+8*x^2)", wrt: "x" },
  { label: "x^x", text: "x^x", wrt: "x" },
  { label: "BCE of sigmoid (d/dw)", text: "-(y*log(1/(1+exp(-(w*x+b))))+(1-y)*log(1-1/(1+exp(-(w*x+b)))))", wrt: "w" },
  { label: "20-term polynomial", text: POLYNOMIAL_20, wrt: "x" },
  { label: "atan(x/y)*exp(-x^2-y^2)", text: "atan(x/y)*exp(-x^2-y^2)", wrt: "x" },
  { label: "sqrt(1+sin(x)^2)/log(x)", text: "sqrt(1+sin(x)^2)/log(x)", wrt: "x" },
];

/** Single-letter variables (not function names, not the constant e) get the suffix `i`: fresh nodes per call. */
function renamed(c: Case, i: number): Case {
  const rename = (s: string) => s.replace(/\b([a-df-z])\b(?!\s*\()/g, `$1${i}`);
  return { ...c, text: rename(c.text), wrt: rename(c.wrt) };
}

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
  readonly cold: number;
  readonly raw: number;
  readonly simplified: number;
}

async function throughput(): Promise<void> {
  warmUp();
  const rows: Row[] = [];
  for (const c of CASES) {
    const parseOnly = (await timeCalls((i) => renamed(c, i).text, (text) => parse(text))).micros;
    const warm = (await timeCalls(() => c, symdiff)).micros;
    const cold = (await timeCalls((i) => renamed(c, i), symdiff)).micros;
    const raw = (await timeCalls((i) => renamed(c, i), mathjsRaw)).micros;
    const simplified = (await timeCalls((i) => renamed(c, i), mathjsSimplified, { rounds: 5, budgetMs: 8000 })).micros;
    rows.push({ label: c.label, parseOnly, warm, cold, raw, simplified });
  }
  const gm = (pick: (r: Row) => number) => geometricMean(rows.map(pick));
  const all = [
    ...rows,
    { label: "geometric mean", parseOnly: gm((r) => r.parseOnly), warm: gm((r) => r.warm), cold: gm((r) => r.cold), raw: gm((r) => r.raw), simplified: gm((r) => r.simplified) },
  ];
  console.log("Throughput, µs per call (median of rounds). symdiff warm = same text again (everything remembered);");
  console.log("cold = variables renamed per call (nothing cached); parse = the cold parse alone. math.js gets the cold inputs.\n");
  printTable(
    ["expression", "symdiff parse", "symdiff warm", "symdiff cold", "math.js", "math.js+simplify", "cold/math.js", "math.js+simp/cold"],
    all.map((r) => [r.label, r.parseOnly, r.warm, r.cold, r.raw, r.simplified, r.cold / r.raw, r.simplified / r.cold]),
  );
  const ratio = gm((r) => r.cold) / gm((r) => r.raw);
  const verdict = ratio <= 1 ? "met" : `not met, ${ratio.toFixed(2)}x slower`;
  console.log(`\ngoal: cold geometric mean no slower than math.js without simplify: ${verdict}`);
}

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
