/**
 * What the LaTeX grammar (grammar/latex.ne) builds beyond the shared syntax tree: the statement around the
 * expression (a derivative request, a definition or an implicit curve), and function heads (`\sin`, `\sin^2`, `\sin^{-1}`, `\log_2`) before they are applied.
 */
import type { Token } from "moo";
import { inverseFunction, isMinusOne } from "./expression.js";
import type { Syntax } from "./syntax.js";

export interface LatexStatement {
  readonly syntax: Syntax;
  /** Variables of a Leibniz operator in front, in the order they apply. */
  readonly derivative?: readonly string[];
  readonly definition?: { readonly name: string; readonly params: readonly string[] };
  /** The left side of an equation that defines nothing: an implicit curve, `x^2 + y^2 = 1`. */
  readonly left?: Syntax;
}

/** A function about to be applied: its name, its power (`\sin^2`), and a logarithm's base (`\log_2`). */
export interface Head {
  readonly name: string;
  readonly token: Token;
  readonly power?: Syntax;
  readonly base?: Syntax;
}

/** `f^{-1}` where the function table has no inverse of f: the reader turns it into a ParseError at `token`. */
export class NoInverseError extends Error {
  constructor(readonly token: Token) {
    super(`no inverse of ${token.value}`);
  }
}

/** `\sin^{2}` is a power of the function's value; `\sin^{-1}` (exactly -1) is the inverse function, asin. */
export function inverseHead(token: Token, power: Syntax): Head {
  if (!isMinusOne(power)) return { name: token.value, token, power };
  const inverse = inverseFunction(token.value);
  if (inverse === undefined) throw new NoInverseError(token);
  return { name: inverse, token };
}
