/**
 * One fuzz case: its input (from the seed and index alone) and the calls made on it. Every call is timed and its
 * exceptions classified; `status` is told which call is running, so that a watchdog outside the process can name a
 * call that hangs or exhausts memory.
 */
import {
  check, compile, diff, equals, evaluate, format, gradient, hessian, parse, simplify, steps, SymdiffError, toLatex, variables,
  type Expr,
} from "../../src/index.js";
import { add as addNodes, num as numNode } from "../../src/ast/build.js";
import { caseSeed, generateCase, Rng } from "../support/generate.js";
import { checkCase, type Failure } from "../support/properties.js";
import { adversarial, garbage, mutated } from "./inputs.js";

/** A call slower than this is a finding. */
export const SLOW_MS = 2000;

export type Kind = "generated" | "mutated" | "garbage" | "adversarial" | "misuse";

export function kindOf(seed: number, index: number): { kind: Kind; rng: Rng } {
  const rng = new Rng(caseSeed(seed ^ 0x5bd1e995, index));
  const kind = rng.weighted<Kind>([
    [35, "generated"],
    [25, "mutated"],
    [15, "garbage"],
    [12, "adversarial"],
    [7, "misuse"],
  ]);
  return { kind, rng };
}

/** The input text of a case (misuse cases have a description instead). */
export function inputOf(seed: number, index: number): { kind: Kind; text: string } {
  const { kind, rng } = kindOf(seed, index);
  switch (kind) {
    case "generated":
      return { kind, text: generateCase(seed, index).text };
    case "mutated":
      return { kind, text: mutated(rng) };
    case "garbage":
      return { kind, text: garbage(rng) };
    case "adversarial":
      return { kind, text: adversarial(rng) };
    case "misuse":
      return { kind, text: MISUSE[rng.int(0, MISUSE.length - 1)]![0] };
  }
}

type Status = (op: string) => void;

/** Calls with wrong argument types: each must return or throw a SymdiffError. */
const MISUSE: readonly (readonly [string, () => unknown])[] = [
  ["parse(123)", () => parse(123 as unknown as string)],
  ["parse(null)", () => parse(null as unknown as string)],
  ["parse(undefined)", () => parse(undefined as unknown as string)],
  ['parse("x", null)', () => parse("x", null as never)],
  ['parse("x", {functions: 5})', () => parse("x", { functions: 5 } as never)],
  ['evaluate("x", null)', () => evaluate("x", null as never)],
  ['evaluate("x", {x: "3"})', () => evaluate("x", { x: "3" } as never)],
  ['evaluate("x", {x: 1n})', () => evaluate("x", { x: 1n } as never)],
  ['evaluate("x", [1])', () => evaluate("x", [1] as never)],
  ['evaluate("x", {get x()})', () => {
    let reads = 0;
    evaluate("x", { get x() { reads++; return 2; } });
    if (reads > 1) throw new Error(`evaluate read the getter ${reads} times`);
  }],
  ['evaluate(5)', () => evaluate(5 as never)],
  ['evaluate({})', () => evaluate({} as never)],
  ['gradient("x", "x")', () => gradient("x", "x" as never)],
  ['gradient("x", null)', () => gradient("x", null as never)],
  ['hessian("x", "xy")', () => hessian("x", "xy" as never)],
  ['diff("x", 5)', () => diff("x", 5 as never)],
  ['diff("x", "x", -1)', () => diff("x", "x", -1)],
  ['diff("x", "x", 1.5)', () => diff("x", "x", 1.5)],
  ['diff("x", "x", "2")', () => diff("x", "x", "2" as never)],
  ['diff("x", [])', () => diff("x", [])],
  ['diff("x", "sin")', () => diff("x", "sin")],
  ['diff("x", "__proto__")', () => diff("x", "__proto__")],
  ['diff("x", "constructor")', () => diff("x", "constructor")],
  ['diff(null, "x")', () => diff(null as never, "x")],
  ['toLatex("x", null)', () => toLatex("x", null as never)],
  ['toLatex("x", {lhs: 1})', () => toLatex("x", { lhs: 1 } as never)],
  ['toLatex("x", {lhs: {of: "x", wrt: 7}})', () => toLatex("x", { lhs: { of: "x", wrt: 7 } } as never)],
  ['compile("x", "x")', () => compile("x", "x" as never)],
  ['compile("x", [1])', () => compile("x", [1] as never)],
  ['compile("x", ["x", "x"])', () => compile("x", ["x", "x"])],
  ['compile("x", ["constructor"])', () => compile("x", ["constructor"])],
  ['compile("x+y", ["x"])', () => compile("x+y", ["x"])],
  ['check("x", null)', () => check("x", null as never)],
  ['check("x", "x", null)', () => check("x", "x", null as never)],
  ['check("x", "x", {samples: -1})', () => check("x", "x", { samples: -1 } as never)],
  ['check("x", "x", {samples: 1e9})', () => check("x", "x", { samples: 1e9 } as never)],
  ['steps("x", "")', () => steps("x", "")],
  ['steps("x", null)', () => steps("x", null as never)],
  ['simplify(undefined)', () => simplify(undefined as never)],
  ['format({})', () => format({} as never)],
  ['format({kind: "num"})', () => format({ kind: "num" } as never)],
  ['variables(7)', () => variables(7 as never)],
];

/** Runs one case, appending its findings. */
export function runCase(seed: number, index: number, failures: Failure[], status: Status): void {
  const { kind, rng } = kindOf(seed, index);
  const id = `${seed}:${index}`;
  if (kind === "misuse") {
    const [text, fn] = MISUSE[rng.int(0, MISUSE.length - 1)]!;
    call(`misuse ${text}`, id, text, failures, status, fn);
    return;
  }
  if (kind === "generated") {
    const c = generateCase(seed, index);
    // Each step of the oracle's check timed from one status to the next.
    let [op, since] = ["", performance.now()];
    const timed = (next: string) => {
      const ms = performance.now() - since;
      if (op && ms > SLOW_MS) failures.push({ cls: `slow:${op.split(" ")[0]}`, id, text: c.text, wrt: c.wrt, detail: `${op} took ${Math.round(ms)} ms` });
      [op, since] = [next, performance.now()];
      status(next);
    };
    checkCase(c, failures, 1, timed);
    timed("");
    textCalls(c.text, id, rng, failures, status, c.wrt);
    return;
  }
  textCalls(inputOf(seed, index).text, id, rng, failures, status);
}

/** Classifies an exception: its name and message with numbers blanked, so that like errors group. */
function errorClass(e: unknown): string {
  const err = e as Error;
  const message = String(err?.message ?? e).replace(/\d+/g, "N").replace(/'[^']*'|"[^"]*"/g, "'…'").slice(0, 70);
  return `${err?.name ?? typeof e}: ${message}`;
}

function call<T>(op: string, id: string, text: string, failures: Failure[], status: Status, fn: () => T): T | undefined {
  status(op);
  const t = performance.now();
  let result: T | undefined;
  try {
    result = fn();
  } catch (e) {
    if (!(e instanceof SymdiffError)) {
      failures.push({ cls: `exception:${op.split(" ")[0]}: ${errorClass(e)}`, id, text, detail: String((e as Error)?.stack ?? e).split("\n").slice(0, 4).join(" | ").slice(0, 400) });
    }
  }
  const ms = performance.now() - t;
  if (ms > SLOW_MS) failures.push({ cls: `slow:${op.split(" ")[0]}`, id, text, detail: `${op} took ${Math.round(ms)} ms` });
  return result;
}

/** Every operation on a text input. */
function textCalls(text: string, id: string, rng: Rng, failures: Failure[], status: Status, wrt?: readonly string[]): void {
  const run = <T>(op: string, fn: () => T) => call(op, id, text, failures, status, fn);
  const fail = (cls: string, detail: string) => failures.push({ cls, id, text, detail });
  const e = run("parse", () => parse(text));
  if (e === undefined) return;
  const vars = [...e.vars].sort();
  const v = wrt?.[0] ?? vars[0] ?? "x";
  const point = Object.fromEntries(vars.map((name) => [name, Math.round((rng.next() * 6 - 3) * 1e4) / 1e4 || 0.5]));

  const text2 = run("format", () => format(e));
  if (text2 !== undefined) {
    const back = run("parse(format)", () => parse(text2));
    if (back !== undefined && !equals(back, e)) fail("roundtrip:input", `format gives ${text2.slice(0, 300)}, which parses to ${format(back).slice(0, 300)}`);
  }
  run("toLatex", () => toLatex(e));
  const value = run("evaluate", () => evaluate(e, point));
  const compiled = run("compile", () => compile(e, vars));
  if (compiled !== undefined) {
    const c = run("compiled-call", () => compiled(...vars.map((name) => point[name]!)));
    if (c !== undefined && value !== undefined && !Object.is(c, value) && !(Number.isNaN(c) && Number.isNaN(value))) {
      fail("compile-mismatch", `at ${JSON.stringify(point)} compiled ${c}, evaluate ${value}`);
    }
  }
  const s = run("simplify", () => simplify(e));
  const order = wrt?.length ?? rng.weighted([[5, 1], [3, 2], [1, 3], [1, 4]] as const);
  const d = run(`diff order ${order}`, () => (wrt ? diff(e, wrt) : diff(e, v, order)));
  if (d !== undefined) {
    const dt = run("format(diff)", () => format(d));
    if (dt !== undefined) {
      const back = run("parse(format(diff))", () => parse(dt));
      if (back !== undefined && !equals(back, d)) fail("roundtrip:derivative", `format gives ${dt.slice(0, 300)}, which parses to ${format(back).slice(0, 300)}`);
    }
    run("toLatex(diff)", () => toLatex(d));
  }
  run("steps", () => steps(e, v));
  if (s !== undefined) {
    const verdict = run("check(e,simplify(e))", () => check(e, s));
    // An expression and its simplified form are equal where both are defined: a "different" verdict is wrong
    // (either simplify changed the value or check misjudged). "never defined" cases are not verdicts on equality.
    if (verdict && !verdict.equivalent && verdict.point) {
      fail("check-verdict:simplify", `check(e, ${format(s).slice(0, 200)}) says different at ${JSON.stringify(verdict.point)}: ${JSON.stringify(verdict.values)}${verdict.note ? ` (${verdict.note})` : ""}`);
    }
  }
  const shifted = run("add", () => addNodes(e, numNode(1)));
  if (shifted !== undefined) {
    const verdict = run("check(e,e+1)", () => check(e, shifted as Expr));
    if (verdict?.equivalent) fail("check-verdict:shifted", `check(e, e + 1) says equivalent (${verdict.method})${verdict.note ? `: ${verdict.note}` : ""}`);
  }
}
