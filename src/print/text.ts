/**
 * The plain-text printer: `format(e)` gives text that `parse` reads back to the very same expression.
 * Subtraction, division, square roots and `e` are restored from their canonical forms.
 */
import { isNegative, neg, ZERO } from "../ast/build.js";
import { deepFirst, type Expr, setTextFormatter, SHALLOW_DEPTH } from "../ast/expr.js";
import { LimitError } from "../errors.js";
import { asFraction, isHalf, Prec, precedence, readingOrder } from "./precedence.js";

export { readingOrder };

/** Printing a tree this large would take gigabytes; shared subtrees make such trees possible in little memory. */
export const MAX_PRINT_SIZE = 20_000_000;

export function format(e: Expr): string {
  if (e.size > MAX_PRINT_SIZE) throw new LimitError(`expression too large to print (${e.size.toLocaleString("en")} nodes)`);
  if (e.depth <= SHALLOW_DEPTH) return print(e);
  // Deep input: each node's text is kept, children first, so that printing recurses only where it is shallow.
  printed = new Map();
  try {
    deepFirst(e, (n) => printed!.set(n, print(n)), () => false);
    return print(e);
  } finally {
    printed = undefined;
  }
}

/** The text of nodes of a deep expression being printed (see `format`). */
let printed: Map<Expr, string> | undefined;

function wrap(e: Expr, min: Prec): string {
  const s = print(e);
  return precedence(e) < min ? `(${s})` : s;
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
      return `${e.name}(${e.args.map(print).join(", ")})`;
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
