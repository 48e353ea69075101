/**
 * Scaling: time and result size of derivatives as the problem grows, with a fitted growth model per series.
 *
 * Every round renames the variable (x → x_r), so each round computes from scratch instead of hitting the memo of
 * the previous round; the n-th derivative is reached through the 1st..(n-1)-th, and its time is cumulative.
 * Sizes: tree nodes (shared subtrees counted each time), distinct nodes (the shared graph actually in memory), and
 * operations (SymPy's count_ops).
 */
import { derivative as mathjsDerivative, parse as mathjsParse, type MathNode } from "mathjs";
import { diff, opCount, parse, type Expr } from "../../dist/index.js";
import { distinctNodes } from "../../dist/ast/expr.js";
import { describeFit, fitGrowth } from "../lib/growth.js";
import { printTable } from "../lib/table.js";
import { median } from "../lib/timing.js";

const ROUNDS = 5;

interface Point {
  readonly n: number;
  readonly ms: number;
  readonly result: Expr;
}

/** Repeated derivatives of `text(x)`: for n = 1..maxOrder, the median cumulative time to reach the n-th. */
function orders(text: (x: string) => string, maxOrder: number): Point[] {
  const times: number[][] = Array.from({ length: maxOrder }, () => []);
  let results: Expr[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const x = `x_${r}`;
    const start = performance.now();
    let e = parse(text(x));
    results = [];
    for (let n = 1; n <= maxOrder; n++) {
      e = diff(e, x);
      times[n - 1]!.push(performance.now() - start);
      results.push(e);
    }
  }
  return results.map((result, i) => ({ n: i + 1, ms: median(times[i]!), result }));
}

/** One first derivative of `text(n, x)` for each n: its median time (parse + diff + simplify). */
function family(text: (n: number, x: string) => string, ns: readonly number[]): Point[] {
  return ns.map((n) => {
    const times: number[] = [];
    let result: Expr | undefined;
    for (let r = 0; r < ROUNDS; r++) {
      const x = `x_${r}`;
      const start = performance.now();
      result = diff(parse(text(n, x)), x);
      times.push(performance.now() - start);
    }
    return { n, ms: median(times), result: result! };
  });
}

function report(title: string, variable: string, points: readonly Point[], shown: readonly number[]): void {
  console.log(`\n${title}`);
  printTable(
    [variable, "time ms", "nodes", "distinct nodes", "ops"],
    points.filter((p) => shown.includes(p.n)).map((p) => [p.n, p.ms, p.result.size, distinctNodes(p.result), opCount(p.result)]),
  );
  const ns = points.map((p) => p.n);
  console.log(`fit: time ${describeFit(fitGrowth(ns, points.map((p) => p.ms)), variable)}`);
  console.log(`     nodes ${describeFit(fitGrowth(ns, points.map((p) => p.result.size)), variable)}`);
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The same repeated derivative with math.js, unsimplified (its fast mode): one round, as its trees swell. */
function mathjsOrders(text: string, maxOrder: number): void {
  console.log(`\nthe same with math.js derivative(..., { simplify: false }), one round`);
  const rows: number[][] = [];
  let e: MathNode = mathjsParse(text);
  const start = performance.now();
  for (let n = 1; n <= maxOrder; n++) {
    e = mathjsDerivative(e, "x", { simplify: false });
    let nodes = 0;
    e.traverse(() => nodes++);
    rows.push([n, performance.now() - start, nodes]);
  }
  printTable(["n", "time ms", "nodes"], rows);
  console.log(`fit: nodes ${describeFit(fitGrowth(rows.map((r) => r[0]!), rows.map((r) => r[2]!)))}`);
}

export async function run(): Promise<void> {
  console.log(`Median of ${ROUNDS} rounds; each round starts from fresh variables (no memo hits).`);
  report("n-th derivative of x*sin(x)*exp(x)", "n", orders((x) => `${x}*sin(${x})*exp(${x})`, 12), upTo(12));
  report("n-th derivative of exp(sin(x))", "n", orders((x) => `exp(sin(${x}))`, 12), upTo(12));
  mathjsOrders("exp(sin(x))", 10);
  const depths = upTo(40);
  report(
    "d/dx sin(sin(...sin(x))), nesting depth d",
    "d",
    family((d, x) => "sin(".repeat(d) + x + ")".repeat(d), depths),
    [1, 2, 5, 10, 15, 20, 25, 30, 35, 40],
  );
  report(
    "d/dx (x+1)*(x+2)*...*(x+k)",
    "k",
    family((k, x) => upTo(k).map((i) => `(${x}+${i})`).join("*"), depths),
    [1, 2, 5, 10, 15, 20, 25, 30, 35, 40],
  );
}
