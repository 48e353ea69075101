/**
 * The canonical constructors as the library exports them (`build.add(x, y)`, ...). Each checks its arguments, as
 * every public function does (src/arguments.ts), and runs as an operation of its own (`withinGeneration`), so that
 * a program building expressions in a loop has its memory bounded exactly as one calling `diff` does.
 */
import { expectArray, expectExpr, expectString } from "./arguments.js";
import * as canonical from "./ast/build.js";
import { type Expr, withinGeneration } from "./ast/expr.js";
import { Rational } from "./ast/rational.js";
import { ArgumentError } from "./errors.js";
import { functionRow, FUNCTIONS } from "./functions.js";

export const { ZERO, ONE, MINUS_ONE, HALF, PI } = canonical;

/** An exact number: an integer (number or bigint) or a Rational. */
export function num(value: Rational | number | bigint): Expr {
  const ok = value instanceof Rational || typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value));
  if (!ok) throw new ArgumentError(`build.num: the value must be an integer or a Rational, got ${String(value)} (write 0.5 as Rational.of(1, 2))`);
  return withinGeneration(() => canonical.num(value));
}

/** A variable. Any name is allowed here (compiled code sanitises it); names `parse` reads back are letters, digits and _. */
export function sym(name: string): Expr {
  if (expectString(name, "build.sym: the name") === "") throw new ArgumentError("build.sym: the name must not be empty");
  return withinGeneration(() => canonical.sym(name));
}

/** A constructor of any number of expressions (`part` names each in messages: "term 2"), checked and run as one operation. */
function ofMany(make: (...parts: Expr[]) => Expr, name: string, part: string): (...parts: Expr[]) => Expr {
  return (...parts) => {
    parts.forEach((p, i) => expectExpr(p, `build.${name}: ${part} ${i}`));
    return withinGeneration(() => make(...parts));
  };
}

/** A constructor of two expressions (named in messages as given), checked and run as one operation. */
function ofTwo(make: (a: Expr, b: Expr) => Expr, name: string, first: string, second: string): (a: Expr, b: Expr) => Expr {
  return (a, b) => {
    expectExpr(a, `build.${name}: ${first}`);
    expectExpr(b, `build.${name}: ${second}`);
    return withinGeneration(() => make(a, b));
  };
}

export const add = ofMany(canonical.add, "add", "term");
export const mul = ofMany(canonical.mul, "mul", "factor");
export const sub = ofTwo(canonical.sub, "sub", "the first operand", "the second operand");
export const div = ofTwo(canonical.div, "div", "the numerator", "the denominator");
export const pow = ofTwo(canonical.pow, "pow", "the base", "the exponent");

export function neg(e: Expr): Expr {
  expectExpr(e, "build.neg: the operand");
  return withinGeneration(() => canonical.neg(e));
}

/** A call of a function of the table (FUNCTIONS), with as many arguments as it takes. */
export function call(name: string, args: readonly Expr[]): Expr {
  expectString(name, "build.call: the function name");
  if (!FUNCTIONS.has(name)) throw new ArgumentError(`build.call: unknown function ${JSON.stringify(name)} (FUNCTIONS lists them)`);
  expectArray(args, "build.call: the arguments", "[x]").forEach((a, i) => expectExpr(a, `build.call: argument ${i}`));
  const arity = functionRow(name).arity;
  if (args.length !== arity) throw new ArgumentError(`build.call: ${name} takes ${arity} argument${arity === 1 ? "" : "s"}, got ${args.length}`);
  return withinGeneration(() => canonical.call(name, args));
}

/** The same kind of node as `e` with new children, through the constructors. */
export function rebuild(e: Expr, kids: readonly Expr[]): Expr {
  expectExpr(e, "build.rebuild: the expression");
  expectArray(kids, "build.rebuild: the children", "children of the expression").forEach((k, i) => expectExpr(k, `build.rebuild: child ${i}`));
  if (kids.length !== e.kids.length) throw new ArgumentError(`build.rebuild: a ${e.kind} node here has ${e.kids.length} children, got ${kids.length}`);
  return withinGeneration(() => canonical.rebuild(e, kids));
}
