/**
 * The plain-text printer: `format(e)` gives text that `parse` reads back to the very same expression.
 * Subtraction, division, square roots and `e` are restored from their canonical forms. `format(e, { ln: true })`
 * spells the logarithm `ln` and the exponential `e^u`, as textbooks do; the parser reads those back the same.
 */
import { isNegative, neg, ZERO } from "../ast/build.js";
import { deepFirst, type Expr, setTextFormatter, SHALLOW_DEPTH } from "../ast/expr.js";
import { LimitError } from "../errors.js";
import { asFraction, isHalf, Prec, precedence, readingOrder } from "./precedence.js";

export { readingOrder };

/** Printing a tree this large would take gigabytes; shared subtrees make such trees possible in little memory. */
export const MAX_PRINT_SIZE = 20_000_000;

export interface TextOptions {
  /** Textbook spelling: `ln(x)` for `log(x)` and `e^x` for `exp(x)`. */
  readonly ln?: boolean;
}

// The one-argument form is declared last so that `exprs.map(format)` still type-checks (map passes an index second).
export function format(e: Expr, options: TextOptions): string;
export function format(e: Expr): string;
export function format(e: Expr, options: TextOptions = {}): string {
  if (e.size > MAX_PRINT_SIZE) throw new LimitError(`expression too large to print (${e.size.toLocaleString("en")} nodes)`);
  const [outerPrinted, outerTextbook] = [printed, textbook];
  printed = undefined;
  textbook = options.ln === true;
  try {
    if (e.depth <= SHALLOW_DEPTH) return print(e);
    // Deep input: each node's text is kept, children first, so that printing recurses only where it is shallow.
    printed = new Map();
    deepFirst(e, (n) => printed!.set(n, print(n)), () => false);
    return print(e);
  } finally {
    [printed, textbook] = [outerPrinted, outerTextbook];
  }
}

/** The text of nodes of a deep expression being printed (see `format`). */
let printed: Map<Expr, string> | undefined;
/** The expression being printed uses the textbook spelling (`TextOptions.ln`). */
let textbook = false;

/** `exp(u)` other than `e` itself, which the textbook spelling writes as the power `e^u`. */
function isExponential(e: Expr): boolean {
  return e.kind === "call" && e.name === "exp" && !(e.args[0]!.kind === "num" && e.args[0].value.isOne);
}

function wrap(e: Expr, min: Prec): string {
  const s = print(e);
  // `e^u` binds as a power, not as the call `exp(u)` does: `x^(e^u)`, never `x^e^u`.
  const binds = textbook && isExponential(e) ? Prec.Power : precedence(e);
  return binds < min ? `(${s})` : s;
}

function print(e: Expr): string {
  return printed?.get(e) ?? printNode(e);
}

function printNode(e: Expr): string {
  switch (e.kind) {
    case "num":
      return e.value.toString();
    case "sym":
      return e.name;
    case "const":
      return e.name;
    case "call":
      if (e.name === "exp" && e.args[0]!.kind === "num" && e.args[0].value.isOne) return "e";
      if (textbook && e.name === "exp") return `e^${wrap(e.args[0]!, Prec.Atom)}`;
      return `${textbook && e.name === "log" ? "ln" : e.name}(${e.args.map(print).join(", ")})`;
    case "add":
      return printSum(e.terms);
    case "mul":
      return printProduct(e);
    case "pow":
      if (precedence(e) === Prec.Product) return printProduct(e);
      if (isHalf(e.exponent)) return `sqrt(${print(e.base)})`;
      return `${wrap(e.base, Prec.Atom)}^${wrap(e.exponent, Prec.Atom)}`;
  }
}

function printSum(terms: readonly Expr[]): string {
  const ordered = readingOrder(terms);
  let s = print(ordered[0]!);
  for (let i = 1; i < ordered.length; i++) {
    const t = ordered[i]!;
    s += isNegative(t) ? ` - ${wrap(neg(t), Prec.Product)}` : ` + ${print(t)}`;
  }
  return s;
}

function printProduct(e: Expr): string {
  const { negative, coefficient, numerator, denominator } = asFraction(e);
  const top = numerator.map((f) => wrap(f, Prec.Power));
  if (coefficient.num !== 1n || top.length === 0) top.unshift(coefficient.num.toString());
  let s = top.join("*");
  // A division by zero is written last and on its own: `x/(2*0)` would read back as x/0, losing the 2.
  const byZero = denominator.includes(ZERO);
  const bottom = denominator.filter((f) => f !== ZERO).map((f) => wrap(f, Prec.Power));
  if (coefficient.den !== 1n) bottom.unshift(coefficient.den.toString());
  if (bottom.length === 1) s += `/${bottom[0]}`;
  else if (bottom.length > 0) s += `/(${bottom.join("*")})`;
  if (byZero) s += "/0";
  return negative ? `-${s}` : s;
}

setTextFormatter(format);
