/**
 * The moo lexer. Whitespace separates tokens (`x y` is two names, `xy` one) and is then dropped, so the grammar
 * never mentions it. A name directly followed by `(` is a single `call` token, which keeps `f(x)` (a call) apart
 * from `2(x)` (implicit multiplication) without grammar ambiguity.
 *
 * Text is lexed once (`tokenize`): the parser checks the tokens for bad characters and limits, then nearley reads
 * the same tokens back through `lexer`.
 */
import moo from "moo";

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

const rules = {
  space: { match: /\s+/u, lineBreaks: true },
  number: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/u,
  call: new RegExp(`${NAME}[ \\t]*\\(`, "u"),
  name: new RegExp(NAME, "u"),
  superscript: SUPERSCRIPT,
  // One token type per precedence level keeps the grammar (and the parser's chart) small; a token's value says
  // which operator it is: + or -, * or /, ^.
  pow: { match: ["^", "**"], value: () => "^" },
  multiplicative: { match: ["*", "·", "×", "/", "÷"], value: (op: string) => (op === "/" || op === "÷" ? "/" : "*") },
  additive: { match: ["+", "-", "−"], value: (op: string) => (op === "+" ? "+" : "-") },
  lparen: "(",
  rparen: ")",
  comma: ",",
  invalid: { match: /[^]/u, lineBreaks: true },
};

export type TokenType = keyof typeof rules;
export const TOKEN_TYPES = Object.keys(rules) as TokenType[];

const base = moo.compile(rules);

/** Token types that end an operand, and that start one. */
const ENDS_OPERAND: ReadonlySet<string> = new Set(["name", "number", "rparen"]);

/** Does a token of this type end an operand (so that a sign after it is binary, and juxtaposition may follow)? */
export function endsOperand(type: string | undefined): boolean {
  return type !== undefined && ENDS_OPERAND.has(type);
}
const STARTS_OPERAND: ReadonlySet<string> = new Set(["name", "call", "lparen"]);

/**
 * The tokens of `text` as the grammar reads them: whitespace dropped, and implicit multiplication made explicit.
 * Where a token that ends an operand (`2`, `x`, `)`) meets one that starts an operand (`x`, `sin(`, `(`), nothing but
 * implicit multiplication can join them, so an empty `*` token goes between: `2x` reads as `2*x`, `x^2 y` as
 * `x^2*y`, while `2 3` and `x -y` stay as they are (juxtaposition never starts with a number or a sign). The parser
 * then needs no rule for juxtaposition, which would cost it chart states after every operand.
 */
export function tokenize(text: string): moo.Token[] {
  const list: moo.Token[] = [];
  let previous: moo.Token | undefined;
  base.reset(text);
  for (let t = base.next(); t; t = base.next()) {
    if (t.type === "space") continue;
    if (endsOperand(previous?.type) && STARTS_OPERAND.has(t.type!)) list.push(implicitTimes(t));
    // A superscript right after another (x²⁻¹) has no single reading: an error at its first character.
    if (t.type === "superscript" && previous?.type === "number" && SUPERSCRIPT_DIGITS.includes(previous.text[0] ?? "")) list.push({ ...t, type: "invalid", text: t.text[0]!, value: t.text[0]! });
    else if (t.type === "superscript") list.push(...asExponent(t));
    else list.push(t);
    previous = list[list.length - 1];
  }
  return list;
}

/**
 * A superscript as the tokens of `^exponent`: `²` is `^` then the number 2, `⁻¹` is `^`, `-`, 1. The number's value
 * is in ASCII digits (the parser reads numbers from `value`); its text and offset stay those of the input, so
 * errors point at the superscript.
 */
function asExponent(t: moo.Token): moo.Token[] {
  const sign = /^[⁺⁻]/u.test(t.text) ? t.text[0]! : "";
  const digits = t.text.slice(sign.length);
  const at = (offset: number) => ({ offset: t.offset + offset, lineBreaks: 0, line: t.line, col: t.col + offset });
  const tokens: moo.Token[] = [{ type: "pow", value: "^", text: t.text, ...at(0) }];
  if (sign) tokens.push({ type: "additive", value: sign === "⁻" ? "-" : "+", text: sign, ...at(0) });
  const value = [...digits].map((d) => String(SUPERSCRIPT_DIGITS.indexOf(d))).join("");
  tokens.push({ type: "number", value, text: digits, ...at(sign.length) });
  return tokens;
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
