/**
 * Checks of the arguments of public functions. JavaScript callers (and TypeScript callers with `any`) can pass
 * anything; each public entry point checks its arguments' types here first, so misuse is an ArgumentError that says
 * which argument is wrong and what was expected, never a TypeError from deep inside.
 */
import { type Expr, isExpr } from "./ast/expr.js";
import { ArgumentError } from "./errors.js";

/** What a value is, for messages: "null", "a number (123)", "an array", "an object". */
export function describeValue(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  switch (typeof x) {
    case "undefined":
      return "undefined";
    case "number":
    case "boolean":
    case "bigint":
      return `a ${typeof x} (${String(x)})`;
    case "string":
      return `a string (${JSON.stringify(x.length > 20 ? `${x.slice(0, 20)}…` : x)})`;
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      return isExpr(x) ? "an expression" : x instanceof Map ? "a Map" : "an object";
  }
}

export function expectString(x: unknown, what: string): string {
  if (typeof x !== "string") throw new ArgumentError(`${what} must be a string, got ${describeValue(x)}`);
  return x;
}

export function expectExpr(x: unknown, what: string): Expr {
  if (!isExpr(x)) throw new ArgumentError(`${what} must be an expression (from parse), got ${describeValue(x)}`);
  return x;
}


export function expectArray(x: unknown, what: string, example: string): readonly unknown[] {
  if (!Array.isArray(x)) throw new ArgumentError(`${what} must be an array, such as ${example}, got ${describeValue(x)}`);
  return x;
}

/** A list of variable names (each name is checked further by the function that uses it). */
export function expectNames(x: unknown, what: string): readonly string[] {
  const list = expectArray(x, what, '["x", "y"]');
  list.forEach((v, i) => expectString(v, `${what}[${i}]`));
  return list as readonly string[];
}

/** A list of expressions or their texts. */
export function expectExprLikeList(x: unknown, what: string): void {
  expectArray(x, what, '["x^2", "sin(x)"]').forEach((e, i) => {
    if (typeof e !== "string" && !isExpr(e)) throw new ArgumentError(`${what}[${i}] must be an expression or the text of one, got ${describeValue(e)}`);
  });
}

/** A record such as a row of a table: an object that is not an array. */
export function expectObject(x: unknown, what: string, example: string): Readonly<Record<string, unknown>> {
  if (typeof x !== "object" || x === null || Array.isArray(x) || x instanceof Map) {
    throw new ArgumentError(`${what} must be an object such as ${example}, got ${describeValue(x)}`);
  }
  return x as Record<string, unknown>;
}

/** An options object: undefined (defaults) or a plain object. */
export function expectOptions(x: unknown, what: string): void {
  if (x !== undefined && (typeof x !== "object" || x === null || Array.isArray(x))) {
    throw new ArgumentError(`${what} must be an object (or left out), got ${describeValue(x)}`);
  }
}

/** Options of the text printer, `{ ln?: boolean }`, or undefined. */
export function expectTextOptions(x: unknown, what: string): void {
  expectOptions(x, what);
  const ln = (x as { ln?: unknown } | undefined)?.ln;
  if (ln !== undefined && typeof ln !== "boolean") throw new ArgumentError(`${what}: ln must be true or false, got ${describeValue(ln)}`);
}
