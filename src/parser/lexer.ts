/**
 * The moo lexer. Whitespace separates tokens (`x y` is two names, `xy` one) and is then dropped, so the grammar
 * never mentions it. A name directly followed by `(` is a single `call` token, which keeps `f(x)` (a call) apart
 * from `2(x)` (implicit multiplication) without grammar ambiguity.
 *
 * Text is lexed once (`tokenize`): the parser checks the tokens for bad characters and limits, then nearley reads
 * the same tokens back through `lexer`.
 */
import moo from "moo";
import { position } from "./position.js";

/**
 * Letters of names: ASCII letters and the Greek alphabet (with its variant forms ϑ ϕ ϖ ϵ), as in maths texts.
 * Invariant: nothing else is a letter. Other scripts hold look-alikes (Cyrillic х is not x) and \p{N} holds ² and ½,
 * which would make `x²` a variable of its own; every other character is an error that names it (parse.ts).
 */
const LETTER = String.raw`A-Za-z_\u0391-\u03A1\u03A3-\u03A9\u03B1-\u03C9\u03D1\u03D5\u03D6\u03F5`;
/** A name: a letter, then letters and ASCII digits (`x`, `y2`, `w_1`, `θ`). Shared by the REPL and diff's wrt check. */
export const NAME = String.raw`[${LETTER}][${LETTER}0-9]*`;

/** Superscript digits and signs, read as an exponent: `x²` is x^2 and `x⁻¹` is x^-1. */
const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const SUPERSCRIPT = new RegExp(`[⁺⁻]?[${SUPERSCRIPT_DIGITS}]+`, "u");
const isSuperscript = (c: string) => SUPERSCRIPT_DIGITS.includes(c) || c === "⁺" || c === "⁻";

/** Vulgar fractions, read as a parenthesised quotient: `x^½` is x^(1/2). */
const VULGAR_FRACTIONS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ["½", [1, 2]], ["⅓", [1, 3]], ["⅔", [2, 3]], ["¼", [1, 4]], ["¾", [3, 4]], ["⅕", [1, 5]], ["⅖", [2, 5]],
  ["⅗", [3, 5]], ["⅘", [4, 5]], ["⅙", [1, 6]], ["⅚", [5, 6]], ["⅐", [1, 7]], ["⅛", [1, 8]], ["⅜", [3, 8]],
  ["⅝", [5, 8]], ["⅞", [7, 8]], ["⅑", [1, 9]], ["⅒", [1, 10]],
]);

const rules = {
  space: { match: /\s+/u, lineBreaks: true },
  number: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/u,
  vulgar: [...VULGAR_FRACTIONS.keys()],
  // A name directly followed by `(` is a call; `f'(` is one too, so that `f'(x) = 2x` reads as an equation.
  call: new RegExp(`${NAME}'*\\(`, "u"),
  // A subscript in braces after `_`, as in LaTeX, is part of the name: `w_{1}` is `w_1` (not w_ times 1).
  name: { match: new RegExp(String.raw`${NAME}(?:(?<=_)\{[${LETTER}0-9]+\})?`, "u"), value: (name: string) => name.replace(/[{}]/g, "") },
  superscript: SUPERSCRIPT,
  // One token type per precedence level keeps the grammar (and the parser's chart) small; a token's value says
  // which operator it is: + or -, * or /, ^.
  pow: { match: ["^", "**"], value: () => "^" },
  multiplicative: { match: ["*", "·", "⋅", "∙", "∗", "×", "/", "÷"], value: (op: string) => (op === "/" || op === "÷" ? "/" : "*") },
  additive: { match: ["+", "-", "−"], value: (op: string) => (op === "+" ? "+" : "-") },
  root: { match: ["√", "∛", "∜"], value: (r: string) => (r === "√" ? "2" : r === "∛" ? "3" : "4") },
  lparen: "(",
  rparen: ")",
  lbracket: "[",
  rbracket: "]",
  lbrace: "{",
  rbrace: "}",
  bar: "|",
  comma: ",",
  equals: "=",
  invalid: { match: /[^]/u, lineBreaks: true },
};

/**
 * The types of the tokens the grammar reads. Besides the lexer's own: a `function` is the name of a built-in function
 * written without parentheses (`sin x`), `lbar`/`rbar` are a `|` that opens or closes an absolute value, `leibniz`
 * is a derivative prefix (`d/dx`) at the start of the text.
 */
export const TOKEN_TYPES = [...Object.keys(rules), "functionName", "lbar", "rbar", "leibniz"] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

const base = moo.compile(rules);

/** Token types that end an operand, and that start one. */
const ENDS_OPERAND: ReadonlySet<string> = new Set(["name", "number", "rparen", "rbracket", "rbrace", "rbar"]);

/** Does a token of this type end an operand (so that a sign after it is binary, and juxtaposition may follow)? */
export function endsOperand(type: string | undefined): boolean {
  return type !== undefined && ENDS_OPERAND.has(type);
}
const STARTS_OPERAND: ReadonlySet<string> = new Set(["name", "call", "functionName", "root", "vulgar", "lparen", "lbracket", "lbrace", "lbar"]);

/** The closing token type of each opening one. */
export const CLOSING: Readonly<Record<string, TokenType>> = { lparen: "rparen", call: "rparen", lbracket: "rbracket", lbrace: "rbrace", lbar: "rbar" };
/** The closing token types. */
export const CLOSERS: ReadonlySet<string> = new Set(Object.values(CLOSING));

/**
 * A derivative prefix at the start of the text: `d/dx`, `d²/dx²`, `d^2/dx^2`, `∂/∂x`, `∂²/∂x∂y`, `∂^2/∂x^2`. The
 * numerator's d and order, then each variable with its order; a space, a bracket or the end must follow.
 */
const ORDER = String.raw`(?:\^\s*(\d+)|([${SUPERSCRIPT_DIGITS}]+))?`;
const LEIBNIZ = new RegExp(String.raw`^\s*([d∂])${ORDER}\s*\/\s*((?:[d∂]\s*${NAME}${ORDER}\s*)+?)(?=[\s(\[{|]|$)`, "u");
const LEIBNIZ_VARIABLE = new RegExp(String.raw`([d∂])\s*(${NAME})${ORDER}`, "gu");

/** A whole number written in ASCII or superscript digits (undefined when absent). */
function orderOf(ascii: string | undefined, superscript: string | undefined): number | undefined {
  if (ascii !== undefined) return Number(ascii);
  if (superscript !== undefined) return Number([...superscript].map((d) => SUPERSCRIPT_DIGITS.indexOf(d)).join(""));
  return undefined;
}

/**
 * The derivative prefix at the start of `text` as one token whose value lists the variables in the order they
 * apply, comma-separated (`∂²/∂x∂y`: "y,x", y first), or undefined if there is none. A prefix whose d's do not match
 * or whose orders do not add up is returned with the value "" (an error for the parser to report).
 */
function leibnizPrefix(text: string): moo.Token | undefined {
  const m = LEIBNIZ.exec(text);
  if (!m) return undefined;
  const [whole, d, orderAscii, orderSuper, denominator] = m;
  const variables: string[] = [];
  let consistent = true;
  for (const v of denominator!.matchAll(LEIBNIZ_VARIABLE)) {
    consistent &&= v[1] === d;
    variables.unshift(...Array<string>(orderOf(v[3], v[4]) ?? 1).fill(v[2]!));
  }
  consistent &&= (orderOf(orderAscii, orderSuper) ?? 1) === variables.length && variables.length <= 64;
  const offset = whole.length - whole.trimStart().length;
  const { line, column } = position(text, offset);
  return { type: "leibniz", value: consistent ? variables.join(",") : "", text: whole.trim(), offset, lineBreaks: 0, line, col: column };
}

/**
 * The tokens of `text` as the grammar reads them: whitespace dropped, and what the lexer cannot decide alone
 * decided here, from the tokens before:
 * - implicit multiplication is made explicit. Where a token that ends an operand (`2`, `x`, `)`) meets one that
 *   starts an operand (`x`, `sin`, `(`), nothing but implicit multiplication can join them, so an empty `*` token goes
 *   between: `2x` reads as `2*x`, `x^2 y` as `x^2*y`, while `2 3` and `x -y` stay as they are (juxtaposition never
 *   starts with a number or a sign). The parser then needs no rule for juxtaposition, which would cost it chart
 *   states after every operand;
 * - a name that `isFunction` knows, not followed by `(`, is a `function` (`sin x`), and the exponent of a function
 *   power (`sin^2 x`) is not multiplied by what follows;
 * - a `|` closes an absolute value when an operand has just ended and one is open, and opens one otherwise:
 *   `|x + |y||` is abs(x + abs(y)), `|x||y|` is abs(x)*abs(y);
 * - superscripts and vulgar fractions become the tokens they stand for (`x²` is `x ^ 2`, `½` is `( 1 / 2 )`), and a
 *   derivative prefix at the start is one `leibniz` token.
 */
export function tokenize(text: string, isFunction: (name: string) => boolean = () => false): moo.Token[] {
  const list: moo.Token[] = [];
  const open: string[] = []; // the types of the open brackets and bars, innermost last
  let previous: moo.Token | undefined;
  const push = (t: moo.Token) => {
    list.push(t);
    previous = t;
  };

  // After a derivative prefix, the rest is lexed on its own; offsets are moved back into `text` (the parser's
  // errors are placed by offset alone).
  const prefix = leibnizPrefix(text);
  const shift = prefix ? prefix.offset + prefix.text.length : 0;
  if (prefix) push(prefix);
  base.reset(shift ? text.slice(shift) : text);

  for (let t = base.next(); t; t = base.next()) {
    if (t.type === "space") continue;
    if (shift) t = { ...t, offset: t.offset + shift };
    if (t.type === "name" && isFunction(t.text)) t.type = "functionName";
    else if (t.type === "bar") t.type = endsOperand(previous?.type) && open[open.length - 1] === "lbar" ? "rbar" : "lbar";

    // Nothing is multiplied onto a function's exponent: `sin^2 x` is sin(x)^2, not sin^(2x).
    if (endsOperand(previous?.type) && STARTS_OPERAND.has(t.type!) && !endsFunctionPower(list)) push(implicitTimes(t));

    if (t.type! in CLOSING) open.push(t.type!);
    else if (open.length > 0 && CLOSING[open[open.length - 1]!] === t.type) open.pop();

    if (t.type === "superscript" && previous?.type === "number" && isSuperscript(previous.text[0]!)) {
      // A superscript right after another (x²⁻¹) has no single reading: an error at its first character.
      push({ ...t, type: "invalid", text: t.text[0]!, value: t.text[0]! });
    } else if (t.type === "superscript") asExponent(t).forEach(push);
    else if (t.type === "vulgar") asQuotient(t).forEach(push);
    else push(t);
  }
  return list;
}

/**
 * The power written between a bare function and its argument — `sin^2 x`, `sin^-1 x`, `sin²x` (a superscript is
 * lexed as `^` and its number) — when tokens[i] is a function followed by `^`: the optional sign, the number if one
 * follows, and the index just past them. The lexer, the parser's checks and the precedence pass all read function
 * powers through this one place. Whether the number is a whole number is for the parser to check.
 */
export function functionPowerAt(tokens: readonly moo.Token[], i: number): { sign?: moo.Token; number?: moo.Token; end: number } | undefined {
  if (tokens[i]?.type !== "functionName" || tokens[i + 1]?.type !== "pow") return undefined;
  const sign = tokens[i + 2]?.type === "additive" ? tokens[i + 2] : undefined;
  const at = sign ? i + 3 : i + 2;
  const number = tokens[at]?.type === "number" ? tokens[at] : undefined;
  return { ...(sign && { sign }), ...(number && { number }), end: number ? at + 1 : at };
}

/** Whether the tokens so far end with a function's power, `sin ^ 2` or `sin ^ - 1`. */
function endsFunctionPower(list: readonly moo.Token[]): boolean {
  return [3, 4].some((back) => {
    const power = functionPowerAt(list, list.length - back);
    return power?.number !== undefined && power.end === list.length;
  });
}

/** A token made from part of `t` (its text and position), of another type and value. */
function derived(t: moo.Token, type: string, value: string): moo.Token {
  return { type, value, text: t.text, offset: t.offset, lineBreaks: 0, line: t.line, col: t.col };
}

/**
 * A superscript as the tokens of `^exponent`: `²` is `^` then the number 2, `⁻¹` is `^`, `-`, 1. The number's value
 * is in ASCII digits (the parser reads numbers from `value`); its text and offset stay those of the input, so
 * errors point at the superscript.
 */
function asExponent(t: moo.Token): moo.Token[] {
  const sign = /^[⁺⁻]/u.test(t.text) ? t.text[0]! : "";
  const digits = [...t.text.slice(sign.length)].map((d) => String(SUPERSCRIPT_DIGITS.indexOf(d))).join("");
  const tokens = [derived(t, "pow", "^")];
  if (sign) tokens.push(derived(t, "additive", sign === "⁻" ? "-" : "+"));
  tokens.push(derived(t, "number", digits));
  return tokens;
}

/** A vulgar fraction as the tokens of a parenthesised quotient: `½` is `( 1 / 2 )`, so `x^½` is x^(1/2). */
function asQuotient(t: moo.Token): moo.Token[] {
  const [numerator, denominator] = VULGAR_FRACTIONS.get(t.text)!;
  return [
    derived(t, "lparen", "("),
    derived(t, "number", String(numerator)),
    derived(t, "multiplicative", "/"),
    derived(t, "number", String(denominator)),
    derived(t, "rparen", ")"),
  ];
}

/** The implicit multiplication before `next`: no text, at its position. */
function implicitTimes(next: moo.Token): moo.Token {
  return { type: "multiplicative", value: "*", text: "", offset: next.offset, lineBreaks: 0, line: next.line, col: next.col };
}

const NO_STATE = Object.freeze({});

/**
 * A nearley lexer that hands out tokens read beforehand (`load`), so that text checked token by token before the
 * parse is not lexed a second time. `reset` ignores the text it is given: it is the text the tokens came from.
 */
export class TokenReplay {
  private list: readonly moo.Token[] = [];
  private index = 0;

  load(list: readonly moo.Token[]): void {
    this.list = list;
    this.index = 0;
  }
  reset(): void {
    this.index = 0;
  }
  next(): moo.Token | undefined {
    return this.list[this.index++];
  }
  save(): Readonly<Record<string, never>> {
    return NO_STATE; // the tokens are all there is
  }
  formatError(token: moo.Token, message = "syntax error"): string {
    return `${message} at offset ${token.offset}`;
  }
  has(type: string): boolean {
    return base.has(type);
  }
}

/** The grammar's lexer (src/parser/parse.ts loads each text's tokens into it). */
export const lexer = new TokenReplay();
