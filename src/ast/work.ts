/**
 * The work budget of one public operation (diff, gradient, hessian, simplify, steps, check): a single deterministic
 * counter of work units, charged where the work is done. A unit is about one comparison of the canonical order:
 * one per comparison a sort makes, per operand a sum or product constructor collects, per product of terms an
 * expansion makes and per coefficient operation of the polynomial arithmetic; a call of a constructor costs
 * CONSTRUCTOR_WORK and a node it makes NODE_WORK more (weights fitted to CPU time on derivatives of power towers,
 * nested compositions, tan(tan(tan(x))) and products of linear factors: 0.1 to 0.25 µs a unit on all of the costly
 * ones). Counting rather than timing keeps results the same on every machine and every run.
 *
 * Two marks: past AMPLE_WORK the operation is `short` of work, and optional work (the simplifier's search for
 * smaller forms) is skipped for the rest of it, so the answer comes out correct but less simplified; past
 * MAX_WORK even that is too much, and a WorkLimitError ends the operation. Nested operations (diff inside steps,
 * simplify inside diff) spend from the outermost one's budget.
 */
import { LimitError } from "../errors.js";
import { withinGeneration } from "./expr.js";

export const CONSTRUCTOR_WORK = 10;
export const NODE_WORK = 10;

/**
 * Work after which the rest of an operation is done without optional work: about 0.7 to 1.1 s on this machine, leaving room under 2 s when both cores are busy.
 * Every corpus, benchmark and test case stays below it, with results as before.
 */
export const AMPLE_WORK = 6_000_000;
/** Work after which an operation is refused, rough forms and all. */
export const MAX_WORK = AMPLE_WORK + AMPLE_WORK / 4;

/**
 * The operation ran out of work. A LimitError like the others, but never one to recover from inside the operation
 * (as the simplifier does from a number past its bound): once spent, the budget stays spent.
 */
export class WorkLimitError extends LimitError {}

let spent = 0;
let ample = Infinity;
let limit = Infinity;
let what = "";
let operation = 0;
let active = false;

/** Charges `units` of work to the current operation (free outside one). */
export function charge(units: number): void {
  spent += units;
  if (spent > limit) {
    throw new WorkLimitError(`${what} too costly: more than ${limit.toLocaleString("en")} units of work (the limit)`);
  }
}

/** Is the current operation past its ample work, so that optional work should be skipped? */
export function isShort(): boolean {
  return spent > ample;
}

/** A number that identifies the current operation (distinct for every top-level call). */
export function currentOperation(): number {
  return operation;
}

/** Work charged so far in the current operation (a test hook). */
export function workSpent(): number {
  return spent;
}

/**
 * Runs `fn` as one operation named `name` ("derivative", "simplification", ...), with the budget above; within
 * another operation, as part of that one. `limits` lowers the marks (for tests).
 */
export function withWork<T>(name: string, fn: () => T, limits: { ample: number; max: number } = { ample: AMPLE_WORK, max: MAX_WORK }): T {
  if (active) return fn();
  return withinGeneration(() => run(name, fn, limits));
}

function run<T>(name: string, fn: () => T, limits: { ample: number; max: number }): T {
  active = true;
  operation++;
  spent = 0;
  ample = limits.ample;
  limit = limits.max;
  what = name;
  try {
    return fn();
  } finally {
    active = false;
    spent = 0;
    ample = limit = Infinity;
  }
}
