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
 * - `\left(` is `(` (and so on for `[`, `\{` and `|`): pairs are checked here, with errors that say which is unclosed;
 *   an invisible delimiter (`\left.`) and an evaluation bar (`\left. x^2 \right|_{x=2}`) are refused here, with
 *   what to write instead;
 * - a plain `|` opens an absolute value, or closes the innermost open one right after an operand (`|x| |y|`);
 * - a single-character argument takes one digit, as in TeX: `\frac12` is 1/2, and `x^23` is x^2 then a 3 that the
 *   grammar refuses; so does an exponent after a sign, which TeX would not read (`x^-1` is x^{-1}, as in text);
 * - a Leibniz operator (`\frac{d}{dx}`, `\frac{\partial^2}{\partial x \partial y}`) becomes one `derivative` token
 *   carrying its variables, so `\frac{d}{dx}` never also reads as the quotient d/(d x). A Leibniz fraction with a
 *   name on top, `\frac{dy}{dx}`, is a derivative's name: at the start of an equation it defines y'(x), as text's
 *   `y'(x) = ...` does; anywhere else, and with more on top (`\frac{d(x^2)}{dx}`), it is an error that says how to
 *   write it;
 * - an equation's left side that defines a name (`y =`, `f(x, y) =`, `\frac{dy}{dx} =`) becomes one `definition`
 *   token, decided by the shape of the tokens as text decides it; any other left side is an expression, an implicit
 *   curve (`x^2 + y^2 = 1`).
 */
import moo from "moo";
import { MAX_DEPTH } from "../ast/expr.js";
import { FUNCTIONS, FUNCTION_NAMES } from "../functions.js";
import { checkDefinition } from "./definition.js";
import { closest, isBuiltinFunction } from "./expression.js";
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
  | "number" | "name" | "func" | "logbase" | "frac" | "sqrt" | "derivative" | "partial" | "definition"
  | "lbrace" | "rbrace" | "lparen" | "rparen" | "lbrack" | "rbrack" | "lcurly" | "rcurly" | "lbar" | "rbar"
  | "pow" | "sub" | "plus" | "minus" | "times" | "div" | "equals" | "comma";

/** A token for the grammar. `value` is what it means (a name, a function, digits); `text` is what was typed. */
export interface LatexToken extends moo.Token {
  readonly type: LatexTokenType;
  /** For a `derivative` token: the variables, in the order they apply. */
  readonly variables?: readonly string[];
  /** For a `definition` token (an equation's left side and its `=`): what it defines. */
  readonly definition?: { readonly name: string; readonly params: readonly string[] };
}

/** Commands that typeset space, style or the size of the next delimiter (`\Big|`), and mean nothing. */
const IGNORED = new Set([
  "\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad", "\\displaystyle", "\\textstyle", "\\limits",
  ...["big", "Big", "bigg", "Bigg"].flatMap((size) => [`\\${size}`, `\\${size}l`, `\\${size}r`]),
]);

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
  "\\lvert", "\\rvert", "\\lbrace", "\\rbrace", "\\operatorname", "\\mathrm", "\\mathit", "\\text", "\\quad", "\\qquad",
  "\\displaystyle", "\\Big",
];

/** Delimiters after `\left` and `\right`, and the bracket token each one is. */
const DELIMITERS: Readonly<Record<string, { open: LatexTokenType; close: LatexTokenType }>> = {
  "(": { open: "lparen", close: "rparen" }, ")": { open: "lparen", close: "rparen" },
  "[": { open: "lbrack", close: "rbrack" }, "]": { open: "lbrack", close: "rbrack" },
  "\\{": { open: "lcurly", close: "rcurly" }, "\\}": { open: "lcurly", close: "rcurly" },
  "\\lbrace": { open: "lcurly", close: "rcurly" }, "\\rbrace": { open: "lcurly", close: "rcurly" },
  "|": { open: "lbar", close: "rbar" }, "\\vert": { open: "lbar", close: "rbar" },
  "\\lvert": { open: "lbar", close: "rbar" }, "\\rvert": { open: "lbar", close: "rbar" },
};

/** Longest accepted input, in characters: the Earley parse of LaTeX this long takes about a second. */
export const MAX_LATEX_LENGTH = 100_000;

function token(type: LatexTokenType, value: string, text: string, offset: number, extra: Pick<LatexToken, "variables" | "definition"> = {}): LatexToken {
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
  return definitionAtStart(text, checkBrackets(text, derivativeOperators(text, tokens)));
}

/** moo's tokens without space, ignorable commands and a closing `.` or `,` (as at the end of a sentence). */
function rawTokens(text: string): moo.Token[] {
  const list: moo.Token[] = [];
  base.reset(text);
  for (let t = base.next(); t; t = base.next()) {
    if (t.type === "space" || t.type === "tilde" || (t.type === "command" && IGNORED.has(t.text))) continue;
    list.push(t);
  }
  const end = () => list[list.length - 1]!;
  // A `.` after \left or \right is a delimiter (refused with its own error), not the end of a sentence.
  while (list.length > 1 && (end().type === "period" || end().type === "comma") && !/^\\(?:left|right)$/.test(list[list.length - 2]!.text)) list.pop();
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
        if (this.raw[this.i]?.type === "sub") this.failEvaluationBar(t, this.i);
        return this.push("lbar", "|", t); // open or close: decided in checkBrackets
      case "plus": case "minus":
        this.push(t.type, t.type === "minus" ? "-" : "+", t);
        // A sign that opens an exponent without braces (x^-12) leaves the one-digit rule to what follows it.
        if (digitArguments > 0 && this.out[this.out.length - 2]?.type === "pow") this.digitArguments = digitArguments;
        return;
      case "lbrace": case "rbrace": case "lparen": case "rparen": case "lbrack": case "rbrack":
      case "times": case "div": case "equals": case "comma":
        return this.push(t.type, t.type === "times" ? "*" : t.text, t);
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
    else if (c === "\\lvert" || c === "\\rvert") {
      if (c === "\\rvert" && this.raw[this.i]?.type === "sub") this.failEvaluationBar(t, this.i);
      this.push(c === "\\lvert" ? "lbar" : "rbar", "|", t);
    } else if (c === "\\{" || c === "\\lbrace") this.push("lcurly", c, t);
    else if (c === "\\}" || c === "\\rbrace") this.push("rcurly", c, t);
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
    if (d?.type === "period") this.invisibleDelimiter(t);
    const kind = d ? DELIMITERS[d.text] : undefined;
    if (!d || !kind) {
      const found = d ? `'${d.text}'` : "end of input";
      this.fail(d ?? t, `${t.text} needs a delimiter, found ${found}`, `${t.text}( ${t.text}[ ${t.text}\\{ or ${t.text}|`);
    }
    this.i++;
    if (t.text === "\\right" && kind.close === "rbar" && this.raw[this.i]?.type === "sub") this.failEvaluationBar(t, this.i);
    this.push(t.text === "\\left" ? kind.open : kind.close, d.text, t, `${t.text}${d.text}`);
  }

  /**
   * `\left.` or `\right.`, which typeset nothing: used for an evaluation bar (`\left. x^2 \right|_{x=2}`), refused
   * with what to write instead, or for a one-sided bracket (`\left\{ ... \right.`), which means nothing here.
   */
  private invisibleDelimiter(t: moo.Token): never {
    const found = `${t.text}.`;
    if (t.text === "\\right") {
      throw errorAt(this.text, t.offset, `'${found}' (an invisible delimiter) is not read`, found, "a \\right that matches its \\left, as in \\left( x \\right)");
    }
    // The \right that closes this \left: an evaluation bar if it is a bar with a subscript.
    let depth = 0;
    for (let j = this.i + 1; j < this.raw.length; j++) {
      const r = this.raw[j]!;
      if (r.text === "\\left") depth++;
      else if (r.text === "\\right" && depth > 0) depth--;
      else if (r.text === "\\right") {
        const script = this.raw[j + 2]?.type;
        if (DELIMITERS[this.raw[j + 1]?.text ?? ""]?.close === "rbar" && (script === "sub" || script === "pow")) this.failEvaluationBar(r, j + 2);
        break;
      }
    }
    throw errorAt(this.text, t.offset, `'${found}' (an invisible delimiter) is not read`, found, "\\left( \\left[ \\left\\{ or \\left|, closed by its \\right");
  }

  /**
   * An evaluation bar, `x^2 \Big|_{x=2}` or `\left. x^2 \right|_{x=2}`: the bar `t`, whose scripts start at
   * `this.raw[script]`. Text syntax has no way to write one either; the error says how to give the point instead.
   */
  private failEvaluationBar(t: moo.Token, script: number): never {
    // The bar and its scripts (`_{x=2}`, `_0^1`), as found.
    let last = t;
    for (let j = script; this.raw[j]?.type === "sub" || this.raw[j]?.type === "pow"; j++) {
      for (let depth = 0; ++j < this.raw.length; ) {
        last = this.raw[j]!;
        if (last.type === "lbrace") depth++;
        else if (last.type === "rbrace") depth--;
        if (depth <= 0) break;
      }
    }
    const found = this.text.slice(t.offset, last.offset + last.text.length);
    const at = /_\{?\s*([A-Za-z])\s*=\s*(-?\d+(?:\.\d+)?)\s*\}?/u.exec(found);
    const [x, a] = at ? [at[1]!, at[2]!] : ["x", "..."];
    throw errorAt(this.text, t.offset, "an evaluation bar is not read", found, `the expression alone, with the point given apart: --at ${x}=${a} on the command line, evaluate(e, { ${x}: ${a} }) in code`);
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
 * Leibniz fractions. An operator, `\frac{d}{dx}`, `\frac{d^2}{dx^2}`, `\frac{\partial}{\partial x}`,
 * `\frac{\partial^2}{\partial x \partial y}`, becomes one `derivative` token (the grammar allows it only first). With a
 * name on top, `\frac{dy}{dx}` is y' of x (`\frac{d^2y}{dx^2}` is y''): before the `=` of an equation it defines it,
 * as text's `y'(x) = ...` does, and `parse` reads the right side; elsewhere it is an error, as text's `y'(x)` is.
 * Anything else on top (`\frac{d(x^2)}{dx}`, `\frac{\partial^2 f}{\partial x \partial y}`) is an error that says how
 * to write it with the operator in front.
 */
function derivativeOperators(text: string, tokens: LatexToken[]): LatexToken[] {
  const out: LatexToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const leibniz = t.type === "frac" ? readLeibniz(text, tokens, i) : undefined;
    if (!leibniz) {
      out.push(t);
    } else if (leibniz.top.length === 0) {
      const written = text.slice(t.offset, leibniz.endOffset);
      out.push(token("derivative", leibniz.variables.join(","), written, t.offset, { variables: leibniz.variables }));
      i = leibniz.next - 1;
    } else {
      out.push(derivativeName(text, tokens, i, leibniz));
      i = leibniz.next; // past the `=`
    }
  }
  return out;
}

interface Leibniz {
  /** `d` or `∂`. */
  readonly d: string;
  /** The variables, in the order they apply (∂²/∂x∂y: y, then x). */
  readonly variables: readonly string[];
  /** The tokens after `d^n` on top: none for an operator. */
  readonly top: readonly LatexToken[];
  /** The text of the operator's parts, as typed: `d^2` and `dx^2`. */
  readonly numerator: string;
  readonly denominator: string;
  /** Where the first variable is written. */
  readonly variableOffset: number;
  /** The index of the token after the fraction, and the offset after its text. */
  readonly next: number;
  readonly endOffset: number;
}

/** Token types that may start what a derivative differentiates, on top of its fraction. */
const STARTS_TOP: ReadonlySet<LatexTokenType> = new Set(["name", "number", "func", "logbase", "frac", "sqrt", "lbrace", "lparen", "lbrack", "lcurly", "lbar"]);

/**
 * The Leibniz fraction at `tokens[start]` (a `\frac`): `d` or `∂` with an order on top, then possibly what it
 * differentiates, and below, each variable after its own `d` or `∂` with its order. Undefined for any other fraction,
 * such as `\frac{d + 1}{dx}` (on top, only factors may follow the `d`).
 */
function readLeibniz(text: string, tokens: readonly LatexToken[], start: number): Leibniz | undefined {
  let i = start + 1;
  const at = (type: LatexTokenType) => tokens[i]?.type === type;
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
  // d or ∂, the same in every place of the fraction.
  const isD = (t: LatexToken | undefined) => (t?.type === "name" && t.value === "d") || t?.type === "partial";
  const first = tokens[i];
  if (!isD(first)) return undefined;
  i++;
  const total = order();
  if (total === undefined) return undefined;
  const topStart = i;
  const top = topFactors(tokens, topStart);
  if (top === undefined) return undefined;
  i += top.length + 1;
  const numerator = text.slice(first!.offset, tokens[topStart]!.offset).trim();
  if (!at("lbrace")) return undefined;
  const open = tokens[i++]!;
  const written: string[] = [];
  while (isD(tokens[i]) && tokens[i]!.type === first!.type) {
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
  return {
    d: first!.value,
    // The last variable written is applied first: ∂²/∂x∂y differentiates by y, then by x.
    variables: written.reverse(),
    top,
    numerator,
    denominator: text.slice(open.offset + 1, close.offset).trim(),
    variableOffset: tokens[topStart + top.length + 3]!.offset,
    next: i + 1,
    endOffset: close.offset + 1,
  };
}

/**
 * The tokens from `start` to the `}` that closes the top of a fraction, when they are factors of one product (no
 * sign or operator outside brackets), else undefined: `y`, `(x^2)`, `\sin x` are what a derivative differentiates,
 * `y + 1` is not.
 */
function topFactors(tokens: readonly LatexToken[], start: number): LatexToken[] | undefined {
  if (tokens[start]?.type !== "rbrace" && !STARTS_TOP.has(tokens[start]?.type as LatexTokenType)) return undefined;
  let depth = 0;
  let inBar = false; // bars are not yet paired here: inside the top, they alternate
  for (let i = start; i < tokens.length; i++) {
    const type = tokens[i]!.type;
    if (type === "lbrace" || type === "lparen" || type === "lbrack" || type === "lcurly") depth++;
    else if (type === "rbrace" && depth === 0) return tokens.slice(start, i);
    else if (type === "rbrace" || type === "rparen" || type === "rbrack" || type === "rcurly") depth--;
    else if (type === "lbar" || type === "rbar") inBar = !inBar;
    else if (depth === 0 && !inBar && (type === "plus" || type === "minus" || type === "times" || type === "div" || type === "equals" || type === "comma")) return undefined;
  }
  return undefined;
}

/**
 * A Leibniz fraction with something on top, at `tokens[start]`: `\frac{dy}{dx} =` at the start of the text defines
 * y'(x), as text's `y'(x) =`; every other one is an error that says what to write.
 */
function derivativeName(text: string, tokens: readonly LatexToken[], start: number, leibniz: Leibniz): LatexToken {
  const { top, variables } = leibniz;
  const fraction = tokens[start]!;
  const written = text.slice(fraction.offset, leibniz.endOffset);
  const equals = tokens[leibniz.next];
  const startsEquation = start === 0 && equals?.type === "equals";
  const y = top.length === 1 && top[0]!.type === "name" && leibniz.d === "d" && variables.every((v) => v === variables[0]) ? top[0] : undefined;
  if (y && startsEquation) {
    const name = `${y.value}${"'".repeat(variables.length)}`;
    checkDefinition(text, { name, offset: y.offset }, [{ name: variables[0]!, offset: leibniz.variableOffset }]);
    return token("definition", name, text.slice(fraction.offset, equals.offset + 1), fraction.offset, { definition: { name, params: [variables[0]!] } });
  }
  const operator = `\\frac{${leibniz.numerator}}{${leibniz.denominator}}`;
  if (y) {
    throw errorAt(text, fraction.offset, `'${written}', a derivative, is read only on the left of an equation: ${written} = ...`, written, `${operator} before what to differentiate, as in ${operator} x^2`);
  }
  if (startsEquation) {
    throw errorAt(text, fraction.offset, `'${written}' cannot be the left side of an equation: only a name's derivative by one variable can, such as \\frac{dy}{dx} or \\frac{d^2y}{dx^2}`, written, "the right side alone");
  }
  const last = top[top.length - 1]!;
  const what = text.slice(top[0]!.offset, last.offset + last.text.length);
  throw errorAt(text, fraction.offset, `the derivative '${written}' has what it differentiates on top`, written, `the operator in front of it: ${operator} ${what}`);
}

/** Closers for each opener, as the grammar's types. */
const CLOSER: Partial<Record<LatexTokenType, LatexTokenType>> = { lbrace: "rbrace", lparen: "rparen", lbrack: "rbrack", lcurly: "rcurly", lbar: "rbar" };

/** Token types that end an operand (after which a `|` closes, where a bar is open). */
const ENDS_OPERAND: ReadonlySet<LatexTokenType> = new Set(["number", "name", "rbrace", "rparen", "rbrack", "rcurly", "rbar"]);

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
    } else if (t.type === "rbrace" || t.type === "rparen" || t.type === "rbrack" || t.type === "rcurly" || t.type === "rbar") {
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
  const closing: Record<string, string> = {
    "{": "}", "(": ")", "[": "]", "|": "|", "\\lvert": "\\rvert", "\\vert": "\\vert", "\\{": "\\}", "\\lbrace": "\\rbrace",
  };
  if (opener.text.startsWith("\\left")) return `'\\right${closing[opener.value] ?? opener.value}'`;
  return `'${closing[opener.text] ?? opener.text}'`;
}

/**
 * An equation whose left side defines a name, decided by its shape as text decides it (isDefinition in parse.ts): a
 * name (`y =`), or a name or a user's function applied to names (`f(x, y) =`, `g\\left(t\\right) =`). The left side
 * and the `=` become one `definition` token. Any other left side (`x^2 + y^2 = 1`, `\\sin(x) = y`) is an
 * expression: its `=` stays for the grammar, and the equation is an implicit curve.
 */
function definitionAtStart(text: string, tokens: LatexToken[]): LatexToken[] {
  const equals = tokens.findIndex((t) => t.type === "equals");
  if (equals <= 0) return tokens;
  const [head, ...rest] = tokens.slice(0, equals);
  const inside = rest.slice(1, -1);
  const applied =
    (head!.type === "name" || (head!.type === "func" && !isBuiltinFunction(head!.value))) &&
    rest[0]?.type === "lparen" && rest[rest.length - 1]?.type === "rparen" && inside.length % 2 === 1 &&
    inside.every((t, i) => t.type === (i % 2 === 0 ? "name" : "comma"));
  if (!(head!.type === "name" && rest.length === 0) && !applied) return tokens;
  const params = inside.filter((t) => t.type === "name");
  checkDefinition(text, { name: head!.value, offset: head!.offset }, params.map((p) => ({ name: p.value, offset: p.offset })));
  const definition = { name: head!.value, params: params.map((p) => p.value) };
  const written = text.slice(head!.offset, tokens[equals]!.offset + 1);
  return [token("definition", head!.value, written, head!.offset, { definition }), ...tokens.slice(equals + 1)];
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
  "number", "name", "func", "logbase", "frac", "sqrt", "derivative", "partial", "definition", "lbrace", "rbrace", "lparen",
  "rparen", "lbrack", "rbrack", "lcurly", "rcurly", "lbar", "rbar", "pow", "sub", "plus", "minus", "times", "div", "equals",
  "comma",
]);

/** The LaTeX grammar's lexer (src/parser/latex.ts loads each text's tokens into it). */
export const latexLexer = new LatexTokenReplay();
