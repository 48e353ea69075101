/**
 * The properties every generated case must have, checked against the oracle (oracle.ts) and reported as failures
 * grouped by class. Shared by the test suite (test/core/oracle.test.ts) and the fuzzer (test/fuzz/fuzz.ts).
 */
import { build, diff, equals, evaluate, format, parse, simplify, SymdiffError, type Expr } from "../../src/index.js";
import { children, nodesOf } from "../../src/ast/expr.js";
import * as o from "./oracle.js";
import { evalExpr } from "./from-expr.js";
import type { Case } from "./generate.js";

export interface Failure {
  /** The class: the kind of property broken (and the operation, for exceptions). */
  readonly cls: string;
  readonly id: string;
  readonly text: string;
  readonly wrt?: readonly string[];
  readonly point?: Readonly<Record<string, number>>;
  readonly detail: string;
}


const show = (d: o.Dec | number) => (typeof d === "number" ? String(d) : d.toSignificantDigits(12).toString());

/** Runs `fn`; a SymdiffError means "skip" (undefined), any other exception is a failure. */
function attempt<T>(op: string, c: Case, failures: Failure[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SymdiffError) return undefined;
    const err = e as Error;
    failures.push({ cls: `exception:${op}:${err?.name ?? typeof e}`, id: c.id, text: c.text, wrt: c.wrt, detail: String(err?.message ?? e).slice(0, 300) });
    return undefined;
  }
}

/** parse(format(e)) is e, and every node is rebuilt from its children as itself (`equals`: see the README). */
export function structural(e: Expr, what: string, c: Case, failures: Failure[]): void {
  const text = attempt(`format(${what})`, c, failures, () => format(e));
  if (text !== undefined) {
    const back = attempt(`parse(format(${what}))`, c, failures, () => parse(text));
    if (back !== undefined && !equals(back, e)) {
      failures.push({ cls: `roundtrip:${what}`, id: c.id, text: c.text, wrt: c.wrt, detail: `format gives ${text}, which parses to ${format(back)}` });
    }
  }
  for (const node of nodesOf(e)) {
    const again = attempt(`rebuild(${what})`, c, failures, () => build.rebuild(node, children(node)));
    if (again !== undefined && !equals(again, node)) {
      failures.push({ cls: `rebuild:${what}`, id: c.id, text: c.text, wrt: c.wrt, detail: `${format(node)} (${node.kind}) rebuilds as ${format(again)}` });
      break; // one per expression is enough
    }
  }
}

/** Float evaluation of `e` is off from `exact` by more than rounding near the point can explain. */
function floatWrong(e: Expr, point: Record<string, number>, exact: o.Dec): string | undefined {
  const value = evaluate(e, point);
  if (o.near(value, exact, 1e-6)) return undefined;
  if (!Number.isFinite(value)) return `evaluate gives ${value}, exact value ${show(exact)}`;
  // How much the float result moves when the point moves by a few ulps: cancellation makes this large.
  let noise = 0;
  for (const k of [1, -1, 2]) {
    const moved = Object.fromEntries(Object.entries(point).map(([name, x]) => [name, x * (1 + k * 4e-16)]));
    noise = Math.max(noise, Math.abs(evaluate(e, moved) - value));
  }
  const gap = Math.abs(value - exact.toNumber());
  return gap > 100 * noise + 1e-6 * (1 + Math.abs(exact.toNumber())) ? `evaluate gives ${value}, exact value ${show(exact)}` : undefined;
}

export interface Counts {
  derivativePoints: number;
  simplifyPoints: number;
}

/**
 * Every property for one generated case; failures are appended, and the number of points compared is returned.
 * `POINTS`: how many of the case's points (those where the oracle has an answer) each value property uses.
 */
export function checkCase(c: Case, failures: Failure[], POINTS = 2, status: (op: string) => void = () => {}): Counts {
  const counts = { derivativePoints: 0, simplifyPoints: 0 };
  const fail = (cls: string, point: Record<string, number> | undefined, detail: string) =>
    failures.push({ cls, id: c.id, text: c.text, wrt: c.wrt, ...(point && { point }), detail });

  status("oracle:parse");
  const e = attempt("parse", c, failures, () => parse(c.text));
  if (e === undefined) return counts;
  structural(e, "input", c, failures);
  status("oracle:simplify");
  const s = attempt("simplify", c, failures, () => simplify(e));
  if (s !== undefined) structural(s, "simplified", c, failures);
  status(`oracle:diff d/${c.wrt.join(",")}`);
  const d = attempt("diff", c, failures, () => diff(e, c.wrt));
  if (d !== undefined) structural(d, "derivative", c, failures);
  status("oracle:values");

  let valuePoints = 0;
  for (const point of c.points) {
    if (valuePoints >= POINTS && counts.derivativePoints >= POINTS) break;
    const exact = o.evalNode(c.node, point);
    if (!o.usable(exact)) continue;

    // The canonical constructors keep the value: symdiff's tree of the input means what the input means.
    if (valuePoints < POINTS) {
      valuePoints++;
      const parsed = evalExpr(e, point);
      if (!o.near(parsed, exact, 1e-12)) fail("parse-value", point, `input is ${show(exact)}, parsed as ${format(e)} = ${show(parsed)}`);
      if (s !== undefined) {
        counts.simplifyPoints++;
        const range = { float: true };
        const simplified = evalExpr(s, point, range);
        if (!simplified.isFinite()) fail("simplify-nan", point, `input is ${show(exact)}, simplify gives ${format(s)} = ${show(simplified)}`);
        else if (!o.near(simplified, exact, 1e-12)) fail("simplify-value", point, `input is ${show(exact)}, simplify gives ${format(s)} = ${show(simplified)}`);
        const wrong = attempt("evaluate", c, failures, () => floatWrong(s, point, exact));
        if (wrong && range.float && simplified.isFinite() && o.near(simplified, exact, 1e-12)) fail("simplify-float", point, `${format(s)}: ${wrong}`);
      }
    }

    if (d === undefined || counts.derivativePoints >= POINTS) continue;
    const expected = o.derivative(c.node, c.wrt, point);
    if (!o.usable(expected)) continue;
    counts.derivativePoints++;
    const range = { float: true };
    const got = evalExpr(d, point, range);
    if (!got.isFinite()) {
      fail("derivative-nan", point, `derivative is ${show(expected)}, diff gives ${format(d)} = ${show(got)}`);
    } else if (!o.near(got, expected, 1e-8)) {
      fail("derivative-value", point, `derivative is ${show(expected)}, diff gives ${format(d)} = ${show(got)}`);
    } else if (range.float) {
      const wrong = attempt("evaluate", c, failures, () => floatWrong(d, point, expected));
      if (wrong) fail("derivative-float", point, `${format(d)}: ${wrong}`);
    }
  }
  return counts;
}

/** Failures grouped by class, each class with its count and its shortest examples. */
export function summarise(failures: readonly Failure[], examples = 3): Record<string, { count: number; examples: Failure[] }> {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) groups.set(f.cls, [...(groups.get(f.cls) ?? []), f]);
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([cls, list]) => [cls, { count: list.length, examples: [...list].sort((a, b) => a.text.length - b.text.length).slice(0, examples) }]),
  );
}
