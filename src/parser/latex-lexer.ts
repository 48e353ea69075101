/**
 * The LaTeX lexer: math-mode LaTeX → the tokens grammar/latex.ne reads. moo splits the text; `tokenizeLatex` then
 * does what is lexical in LaTeX, so that the grammar only has to know the structure:
 *
 * - commands are classified (`\frac` `\dfrac` `\tfrac` are one token type, `\cdot` `\times` are `*`, `\sin` is a
 *   function, `\alpha` a name) and spacing (`\,` `\quad` `\displaystyle`) is dropped; an unknown command is an error
 *   that names the closest known one;
 * - a name is one token: a letter (`x`), a Greek command (`\theta`, read as the letter θ) or a word
 *   (`\mathrm{rate}`), with its subscript (`w_{1}` is the name w_1, `x_{i,j}` is x_i_j). Letters side by side are
 *   separate names (`xy` is x times y), as LaTeX typesets them;
 * - `\left(` is `(` (and so on for `[` and `|`): pairs are checked here, with errors that say which is unclosed;
 * - a plain `|` opens an absolute value, or closes the innermost open one right after an operand (`|x| |y|`);
 * - a single-character argument takes one digit, as in TeX: `x^23` is x^2 times 3, `\frac12` is 1/2;
 * - a Leibniz operator at the start (`\frac{d}{dx}`, `\frac{\partial^2}{\partial x \partial y}`) becomes one
 *   `derivative` token carrying its variables, so `\frac{d}{dx}` never also reads as the quotient d/(d x).
 */
import moo from "moo";
import { MAX_DEPTH } from "../ast/expr.js";
import { FUNCTIONS, FUNCTION_NAMES } from "../functions.js";
import { closest } from "./expression.js";
import { errorAt } from "./position.js";
import type { ParseOptions } from "./statement.js";

/** Greek letters typed as such (the same set the text lexer takes as letters). */
const TYPED_GREEK = String.raw`\u0391-\u03A1\u03A3-\u03A9\u03B1-\u03C9\u03D1\u03D5\u03D6\u03F5`;

const rules = {
  space: { match: /\s+/u, lineBreaks: true },
  // A name or function set in a font: \operatorname{sech}, \mathrm{rate}, \text{é}; `\_` is an underscore in it.
  word: /\\(?:operatorname|mathrm|mathit|text|textrm|textit)\s*\{(?:[^{}\\\s]|\\_)+\}/u,
  command: /\\(?:[A-Za-z]+|[^A-Za-z])/u,
  number: /\d+(?:\.\d+)?|\.\d+/u,
  letter: new RegExp(`[A-Za-z${TYPED_GREEK}]`, "u"),
  lbrace: "{",
  rbrace: "}",
  lparen: "(",
  rparen: ")",
  lbrack: "[",
  rbrack: "]",
  bar: "|",
  pow: "^",
  sub: "_",
  plus: "+",
  minus: ["-", "−"],
  times: ["*", "·", "⋅", "×"],
  div: "/",
  equals: "=",
  comma: ",",
  period: ".",
  tilde: "~",
  invalid: { match: /[^]/u, lineBreaks: true },
};

const base = moo.compile(rules);

/** The token types the grammar reads. */
export type LatexTokenType =
  | "number" | "name" | "func" | "logbase" | "frac" | "sqrt" | "derivative" | "partial"
  | "lbrace" | "rbrace" | "lparen" | "rparen" | "lbrack" | "rbrack" | "lbar" | "rbar"
  | "pow" | "sub" | "plus" | "minus" | "times" | "div" | "equals" | "comma";

/** A token for the grammar. `value` is what it means (a name, a function, digits); `text` is what was typed. */
export interface LatexToken extends moo.Token {
  readonly type: LatexTokenType;
  /** For a `derivative` token: the variables, in the order they apply. */
  readonly variables?: readonly string[];
}

/** Commands that typeset space or style and mean nothing. */
const IGNORED = new Set(["\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad", "\\displaystyle", "\\textstyle", "\\limits"]);

/** Greek letters with a command, as the letters they stand for: `\theta` is the variable θ, as typed in text. */
const GREEK: Readonly<Record<string, string>> = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ϵ", varepsilon: "ε", zeta: "ζ", eta: "η", theta: "θ",
  vartheta: "ϑ", iota: "ι", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", varpi: "ϖ", rho: "ρ",
  varrho: "ϱ", sigma: "σ", varsigma: "ς", tau: "τ", upsilon: "υ", phi: "ϕ", varphi: "φ", chi: "χ", psi: "ψ",
  omega: "ω", Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π", Sigma: "Σ", Upsilon: "Υ", Phi: "Φ",
  Psi: "Ψ", Omega: "Ω",
};

/**
 * Functions by the spelling the printer gives them (the `latex` of their row: `\sin`, `\operatorname{arccot}`,
 * `\sigma`), plus LaTeX's other function commands. `\log` is apart: it may take a base.
 */
const FUNCTION_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ...[...FUNCTIONS.values()].flatMap((row) => (typeof row.latex === "string" ? [[row.latex, row.name] as const] : [])),
  ["\\arccot", "acot"], ["\\sgn", "sign"], ["\\lg", "log10"],
]);

/** Every command this reader knows, for "did you mean" hints. */
const KNOWN_COMMANDS = [
  ...[...FUNCTION_SPELLINGS.keys()].filter((c) => /^\\[A-Za-z]+$/.test(c)),
  ...Object.keys(GREEK).map((g) => `\\${g}`),
  "\\log", "\\frac", "\\dfrac", "\\tfrac", "\\sqrt", "\\left", "\\right", "\\cdot", "\\times", "\\div", "\\partial",
  "\\lvert", "\\rvert", "\\operatorname", "\\mathrm", "\\mathit", "\\text", "\\quad", "\\qquad", "\\displaystyle",
];

/** Delimiters after `\left` and `\right`, and the bracket token each one is. */
const DELIMITERS: Readonly<Record<string, { open: LatexTokenType; close: LatexTokenType }>> = {
  "(": { open: "lparen", close: "rparen" }, ")": { open: "lparen", close: "rparen" },
  "[": { open: "lbrack", close: "rbrack" }, "]": { open: "lbrack", close: "rbrack" },
  "|": { open: "lbar", close: "rbar" }, "\\vert": { open: "lbar", close: "rbar" },
  "\\lvert": { open: "lbar", close: "rbar" }, "\\rvert": { open: "lbar", close: "rbar" },
};

/** Longest accepted input, in characters: the Earley parse of LaTeX this long takes about a second. */
export const MAX_LATEX_LENGTH = 100_000;

function token(type: LatexTokenType, value: string, text: string, offset: number, extra: { variables?: readonly string[] } = {}): LatexToken {
  return { type, value, text, offset, lineBreaks: 0, line: 0, col: 0, ...extra };
}

/** The grammar's tokens for `text`, or a ParseError for what no grammar rule could take. */
export function tokenizeLatex(text: string, options: ParseOptions): LatexToken[] {
  if (text.length > MAX_LATEX_LENGTH) {
    throw errorAt(text, MAX_LATEX_LENGTH, `input too long: ${text.length.toLocaleString("en")} characters, the limit is ${MAX_LATEX_LENGTH.toLocaleString("en")}`, "", "");
  }
  const raw = rawTokens(text);
  const tokens = new Classifier(text, raw, options).run();
  if (tokens.length === 0) throw errorAt(text, text.length, "empty input", "", "an expression");
  return checkBrackets(text, derivativeOperators(text, tokens));
}

/** moo's tokens without space, ignorable commands and a closing `.` or `,` (as at the end of a sentence). */
function rawTokens(text: string): moo.Token[] {
  const list: moo.Token[] = [];
  base.reset(text);
  for (let t = base.next(); t; t = base.next()) {
    if (t.type === "space" || t.type === "tilde" || (t.type === "command" && IGNORED.has(t.text))) continue;
    list.push(t);
  }
  while (list.length > 1 && (list[list.length - 1]!.type === "period" || list[list.length - 1]!.type === "comma")) list.pop();
  return list;
}

/** One pass over moo's tokens, classifying commands and gathering names. */
class Classifier {
  private readonly out: LatexToken[] = [];
  private i = 0;
  /** Single digits still to split off a number: a script or \frac argument written without braces takes one. */
  private digitArguments = 0;

  constructor(
    private readonly text: string,
    /** moo's tokens; the subscript reader splits a number in place (x_12 is x_1 times 2). */
    private readonly raw: moo.Token[],
    private readonly options: ParseOptions,
  ) {}

  run(): LatexToken[] {
    while (this.i < this.raw.length) {
      const t = this.raw[this.i++]!;
      const pending = this.digitArguments;
      this.digitArguments = 0;
      this.classify(t, pending);
    }
    return this.out;
  }

  private fail(t: moo.Token, reason: string, expected: string): never {
    throw errorAt(this.text, t.offset, reason, t.text, expected);
  }

  private push(type: LatexTokenType, value: string, t: moo.Token, text = t.text): void {
    this.out.push(token(type, value, text, t.offset));
  }

  private classify(t: moo.Token, digitArguments: number): void {
    switch (t.type) {
      case "number":
        return this.number(t, digitArguments);
      case "letter":
        return this.name(t, t.text);
      case "word":
        return this.word(t);
      case "command":
        return this.command(t);
      case "pow":
      case "sub":
        this.push(t.type, t.text, t);
        this.digitArguments = 1;
        return;
      case "bar":
        return this.push("lbar", "|", t); // open or close: decided in checkBrackets
      case "lbrace": case "rbrace": case "lparen": case "rparen": case "lbrack": case "rbrack":
      case "plus": case "minus": case "times": case "div": case "equals": case "comma":
        return this.push(t.type, t.type === "minus" ? "-" : t.type === "times" ? "*" : t.text, t);
      case "period":
        return this.fail(t, "unexpected '.'", "a number such as 0.5, or '.' only at the end");
      default:
        return this.fail(t, `unexpected character '${t.text}'`, "an expression");
    }
  }

  /** A number; where scripts or \frac arguments have no braces, each takes one digit (`x^23` is x^2*3, `\frac12` 1/2). */
  private number(t: moo.Token, digitArguments: number): void {
    let offset = 0;
    for (; digitArguments > 0 && offset < t.text.length - 1 && /\d/.test(t.text[offset + 1]!); digitArguments--, offset++) {
      this.out.push(token("number", t.text[offset]!, t.text[offset]!, t.offset + offset));
    }
    const rest = t.text.slice(offset);
    this.out.push(token("number", rest, rest, t.offset + offset));
  }

  private command(t: moo.Token): void {
    const c = t.text;
    const name = c.slice(1);
    if (c === "\\frac" || c === "\\dfrac" || c === "\\tfrac") {
      this.push("frac", "frac", t);
      this.digitArguments = 2;
    } else if (c === "\\sqrt") {
      this.push("sqrt", "sqrt", t);
      this.digitArguments = 1;
    } else if (c === "\\cdot" || c === "\\times" || c === "\\ast") this.push("times", "*", t);
    else if (c === "\\div") this.push("div", "/", t);
    else if (c === "\\left" || c === "\\right") this.delimiter(t);
    else if (c === "\\lvert" || c === "\\rvert") this.push(c === "\\lvert" ? "lbar" : "rbar", "|", t);
    else if (c === "\\log") this.push("logbase", "log", t);
    // \sigma is sigmoid's symbol when applied, \sigma(x); otherwise the letter (the printer writes \sigma \cdot (x) then).
    else if (c === "\\sigma") this.opensParenthesis() ? this.push("func", "sigmoid", t) : this.name(t, GREEK.sigma!);
    else if (FUNCTION_SPELLINGS.has(c)) this.push("func", FUNCTION_SPELLINGS.get(c)!, t);
    else if (GREEK[name] !== undefined) this.name(t, GREEK[name]);
    else if (c === "\\partial") this.push("partial", "∂", t); // only a derivative operator reads it
    else if (c === "\\operatorname" || c === "\\mathrm" || c === "\\mathit" || c === "\\text") {
      this.fail(t, `${c} without a name in braces`, `${c}{name}, of letters, digits and \\_`);
    } else {
      const hint = closest(c, KNOWN_COMMANDS);
      this.fail(t, `unknown command '${c}'`, hint ? `'${hint}'` : "a known command such as \\frac, \\sin or \\alpha");
    }
  }

  /** Is the next token an opening parenthesis, plain or `\left(`? */
  private opensParenthesis(): boolean {
    const next = this.raw[this.i];
    return next?.type === "lparen" || (next?.text === "\\left" && this.raw[this.i + 1]?.type === "lparen");
  }

  /** `\left(`, `\right]`, ...: the bracket token, with the text of both. */
  private delimiter(t: moo.Token): void {
    const d = this.raw[this.i];
    const kind = d ? DELIMITERS[d.text] : undefined;
    if (!d || !kind) {
      const found = d ? `'${d.text}'` : "end of input";
      this.fail(d ?? t, `${t.text} needs a delimiter, found ${found}`, `${t.text}( ${t.text}[ or ${t.text}|`);
    }
    this.i++;
    this.push(t.text === "\\left" ? kind.open : kind.close, d.text, t, `${t.text}${d.text}`);
  }

  /** `\operatorname{sech}` is a function; `\mathrm{rate}` a name, unless it spells a function. */
  private word(t: moo.Token): void {
    const content = /\{(.*)\}$/su.exec(t.text)![1]!.replaceAll("\\_", "_");
    const f = FUNCTION_SPELLINGS.get(t.text) ?? FUNCTION_NAMES.get(content) ?? (this.options.functions?.has(content) ? content : undefined);
    if (f !== undefined) return this.push("func", f, t);
    if (t.text.startsWith("\\operatorname") && this.opensParenthesis()) {
      const hint = closest(content, [...FUNCTION_NAMES.keys(), ...(this.options.functions?.keys() ?? [])]);
      this.fail(t, `unknown function '${content}'`, `${hint ? `'${hint}', ` : ""}a known function`);
    }
    this.name(t, content);
  }

  /** A name and its subscript, if any: `w_{1}` is w_1, `x_{i,j}` is x_i_j, `\alpha_{\mathrm{max}}` is α_max. */
  private name(t: moo.Token, stem: string): void {
    let name = stem;
    let end = t.offset + t.text.length;
    if (this.raw[this.i]?.type === "sub") {
      const sub = this.raw[this.i++]!;
      const parts = this.subscript(sub);
      name += `_${parts.names.join("_")}`;
      end = parts.end;
    }
    // A user's function applied: `g(x)` calls g, as in text.
    const type = this.options.functions?.has(name) && this.opensParenthesis() ? "func" : "name";
    this.out.push(token(type, name, this.text.slice(t.offset, end), t.offset));
  }

  /** The parts of a subscript after `_`: one character or command, or `{...}` with parts separated by commas. */
  private subscript(sub: moo.Token): { names: string[]; end: number } {
    const first = this.raw[this.i];
    const simple = (t: moo.Token | undefined): string | undefined =>
      t?.type === "letter" || t?.type === "number" ? t.text
      : t?.type === "word" ? /\{(.*)\}$/su.exec(t.text)![1]!.replaceAll("\\_", "_")
      : t?.type === "command" ? GREEK[t.text.slice(1)]
      : undefined;
    const expected = "a subscript of letters and digits, as in w_{1} or x_{i,j}";
    if (first?.type !== "lbrace") {
      const part = simple(first);
      if (part === undefined) this.fail(first ?? sub, "a subscript here must be part of a name", expected);
      // Without braces a subscript is one character: x_12 is x_1 times 2.
      if (first!.type === "number" && part.length > 1) {
        this.raw[this.i] = { ...first!, text: part.slice(1), value: part.slice(1), offset: first!.offset + 1 };
        return { names: [part[0]!], end: first!.offset + 1 };
      }
      this.i++;
      return { names: [part], end: first!.offset + first!.text.length };
    }
    this.i++;
    const names: string[] = [];
    let current = "";
    for (;;) {
      const t = this.raw[this.i++];
      if (t?.type === "rbrace" && current !== "") {
        names.push(current);
        return { names, end: t.offset + 1 };
      }
      if (t?.type === "comma" && current !== "") {
        names.push(current);
        current = "";
        continue;
      }
      const part = simple(t);
      if (part === undefined) this.fail(t ?? sub, t ? `unexpected '${t.text}' in a subscript` : "unclosed '{' in a subscript", expected);
      current += part;
    }
  }
}

/**
 * Leibniz operators: `\frac{d}{dx}`, `\frac{d^2}{dx^2}`, `\frac{\partial}{\partial x}`,
 * `\frac{\partial^2}{\partial x \partial y}` become one `derivative` token (the grammar allows it only first).
 */
function derivativeOperators(text: string, tokens: LatexToken[]): LatexToken[] {
  const out: LatexToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const operator = tokens[i]!.type === "frac" ? readOperator(text, tokens, i) : undefined;
    if (!operator) {
      out.push(tokens[i]!);
      continue;
    }
    const t = tokens[i]!;
    out.push(token("derivative", operator.variables.join(","), text.slice(t.offset, operator.endOffset), t.offset, { variables: operator.variables }));
    i = operator.next - 1;
  }
  return out;
}

function readOperator(text: string, tokens: readonly LatexToken[], start: number): { variables: string[]; next: number; endOffset: number } | undefined {
  let i = start + 1;
  const at = (type: LatexTokenType, value?: string) => tokens[i]?.type === type && (value === undefined || tokens[i]!.value === value);
  /** `^2` or `^{2}` after a d or ∂: the order, 1 when absent. */
  const order = (): number | undefined => {
    if (!at("pow")) return 1;
    i++;
    if (at("number")) return Number(tokens[i++]!.value);
    if (!at("lbrace")) return undefined;
    i++;
    if (!at("number")) return undefined;
    const n = Number(tokens[i++]!.value);
    if (!at("rbrace")) return undefined;
    i++;
    return n;
  };
  if (!at("lbrace")) return undefined;
  i++;
  // d or ∂, the same in every place of the operator.
  const isD = (t: LatexToken | undefined) => (t?.type === "name" && t.value === "d") || t?.type === "partial";
  const d = tokens[i]?.type;
  if (!isD(tokens[i])) return undefined;
  i++;
  const total = order();
  if (total === undefined || !at("rbrace")) return undefined;
  i++;
  if (!at("lbrace")) return undefined;
  i++;
  const written: string[] = [];
  while (isD(tokens[i]) && tokens[i]!.type === d) {
    i++;
    if (!at("name")) return undefined;
    const variable = tokens[i++]!.value;
    const n = order();
    if (n === undefined || n < 1 || !Number.isSafeInteger(n) || n > MAX_DEPTH) return undefined;
    for (let k = 0; k < n; k++) written.push(variable);
  }
  if (written.length === 0 || !at("rbrace")) return undefined;
  const close = tokens[i]!;
  if (written.length !== total) {
    throw errorAt(text, tokens[start]!.offset, `the order ${total} above does not match the ${written.length} variable${written.length === 1 ? "" : "s"} below`, text.slice(tokens[start]!.offset, close.offset + 1), `as many variables below as the order above, as in \\frac{d^2}{dx^2}`);
  }
  // The last variable written is applied first: ∂²/∂x∂y differentiates by y, then by x.
  return { variables: written.reverse(), next: i + 1, endOffset: close.offset + 1 };
}

/** Closers for each opener, as the grammar's types. */
const CLOSER: Partial<Record<LatexTokenType, LatexTokenType>> = { lbrace: "rbrace", lparen: "rparen", lbrack: "rbrack", lbar: "rbar" };

/** Token types that end an operand (after which a `|` closes, where a bar is open). */
const ENDS_OPERAND: ReadonlySet<LatexTokenType> = new Set(["number", "name", "rbrace", "rparen", "rbrack", "rbar"]);

/**
 * Pairs brackets: each closer must match the innermost opener (`\right)` only a `\left(`, `)` only a `(`), and
 * nothing may stay open. Decides which plain `|` close an absolute value. Bounds the nesting, and the runs of signs
 * (which the grammar nests to the right), by the expression depth limit.
 */
function checkBrackets(text: string, tokens: LatexToken[]): LatexToken[] {
  const open: LatexToken[] = [];
  let signs = 0;
  const describe = (t: LatexToken) => `'${t.text}'`;
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i]!;
    if (t.text === "|" && open.length > 0 && open[open.length - 1]!.text === "|" && ENDS_OPERAND.has(tokens[i - 1]!.type)) {
      t = tokens[i] = { ...t, type: "rbar" };
    }
    if (CLOSER[t.type]) {
      open.push(t);
      if (open.length > MAX_DEPTH) throw errorAt(text, t.offset, `expression nested too deeply (more than ${MAX_DEPTH} levels)`, t.text, "");
    } else if (t.type === "rbrace" || t.type === "rparen" || t.type === "rbrack" || t.type === "rbar") {
      const opener = open.pop();
      const matches = opener && CLOSER[opener.type] === t.type && opener.text.startsWith("\\left") === t.text.startsWith("\\right");
      if (!matches) {
        const reason = opener ? `${describe(t)} does not close ${describe(opener)}` : `${describe(t)} closes nothing`;
        throw errorAt(text, t.offset, reason, t.text, opener ? closerOf(opener) : "an expression, or delete it");
      }
    }
    signs = t.type === "plus" || t.type === "minus" ? signs + 1 : 0;
    if (signs > MAX_DEPTH) throw errorAt(text, t.offset, `expression nested too deeply (more than ${MAX_DEPTH} signs in a row)`, t.text, "");
  }
  const unclosed = open.pop();
  if (unclosed) throw errorAt(text, unclosed.offset, `unclosed ${describe(unclosed)}`, unclosed.text, `${closerOf(unclosed)} to close it`);
  return tokens;
}

function closerOf(opener: LatexToken): string {
  const closing: Record<string, string> = { "{": "}", "(": ")", "[": "]", "|": "|", "\\lvert": "\\rvert", "\\vert": "\\vert" };
  if (opener.text.startsWith("\\left")) return `'\\right${closing[opener.value] ?? opener.value}'`;
  return `'${closing[opener.text] ?? opener.text}'`;
}

const NO_STATE = Object.freeze({});

/** A nearley lexer that hands out tokens read beforehand (`load`). */
class LatexTokenReplay {
  private list: readonly LatexToken[] = [];
  private index = 0;

  load(list: readonly LatexToken[]): void {
    this.list = list;
    this.index = 0;
  }
  reset(): void {
    this.index = 0;
  }
  next(): LatexToken | undefined {
    return this.list[this.index++];
  }
  save(): Readonly<Record<string, never>> {
    return NO_STATE;
  }
  formatError(t: LatexToken, message = "syntax error"): string {
    return `${message} at offset ${t.offset}`;
  }
  has(type: string): boolean {
    return TYPES.has(type);
  }
}

const TYPES: ReadonlySet<string> = new Set<LatexTokenType>([
  "number", "name", "func", "logbase", "frac", "sqrt", "derivative", "partial", "lbrace", "rbrace", "lparen", "rparen", "lbrack",
  "rbrack", "lbar", "rbar", "pow", "sub", "plus", "minus", "times", "div", "equals", "comma",
]);

/** The LaTeX grammar's lexer (src/parser/latex.ts loads each text's tokens into it). */
export const latexLexer = new LatexTokenReplay();
