/**
 * `parse(text)`: text → canonical expression, or a ParseError that says where, what was found and what was expected.
 *
 * Four steps: lexing and a quick scan of the tokens (bad characters, input length and nesting limits fail fast,
 * before the Earley parser could spend quadratic time on them), the nearley parse, which accepts the tokens or says
 * what was expected where, the shaping of the accepted tokens into a syntax tree by precedence (precedence.ts), and an
 * iterative build of the canonical expression (no recursion, so deep input cannot overflow the stack).
 */
import nearley from "nearley";
import type { Token } from "moo";
import { describeValue, expectNames, expectOptions, expectString } from "../arguments.js";
import { currentGeneration, type Expr, MAX_DEPTH, withinGeneration } from "../ast/expr.js";
import { ArgumentError, ParseError } from "../errors.js";
import { checkDefinition } from "./definition.js";
import { buildExpression, isBuiltinFunction } from "./expression.js";
import grammar from "./grammar.generated.js";
import { CLOSERS, CLOSING, endsOperand, functionPowerAt, lexer, tokenize, TOKEN_TYPES, type TokenType } from "./lexer.js";
import { syntaxOf } from "./precedence.js";
import { errorAt } from "./position.js";
import { readLatex } from "./latex.js";
import type { ParseOptions, Statement, UserFunction } from "./statement.js";

export type { ParseOptions, UserFunction } from "./statement.js";
export { CONSTANTS, isBuiltinFunction } from "./expression.js";

/**
 * Longest accepted input, in characters. Parsing is linear, but the Earley parser costs several µs and about 1 KB
 * per token on input this long, so the densest input of this length (`x+x+x+...`, one token per character) takes
 * about 1 s and 150 MB (2-core Xeon, Node 20): longer input fails fast instead of approaching the 2-second budget.
 * Sums of 20,000 terms written with spaces (`x1 + x2 + ...`) fit.
 */
export const MAX_INPUT_LENGTH = 150_000;

/** A column of nearley's Earley chart (untyped in @types/nearley). */
type Column = { states: { rule: { symbols: unknown[] }; dot: number }[] };

/**
 * A nearley parser that each parse restarts. Its first chart column (the whole grammar predicted) depends only on the
 * grammar, so it is made once and each parse restores it: feeding reads earlier columns but never changes them.
 * Sharing is safe because nothing called while feeding parses, and each parse runs to completion.
 */
type Restartable = { readonly parser: nearley.Parser & { table: Column[] }; readonly start: ReturnType<nearley.Parser["save"]> };

function restartable(grammar: nearley.Grammar, keepHistory: boolean): Restartable {
  const parser = new nearley.Parser(grammar, { keepHistory }) as Restartable["parser"];
  return { parser, start: parser.save() };
}

/**
 * Without `keepHistory` nearley deletes each finished column from its table: that bounds memory, but V8 then turns
 * the table into a slow sparse array, which costs about half as much time again per token. Short input keeps its
 * chart (a few MB at most, until the parse ends); long input, whose chart would take hundreds of MB, lets it go.
 */
const GRAMMAR = nearley.Grammar.fromCompiled(grammar);
const SHORT_INPUT = restartable(GRAMMAR, true);
const LONG_INPUT = restartable(GRAMMAR, false);
const LONG_INPUT_TOKENS = 5_000;

/**
 * The last texts parsed (without user functions; the oldest is dropped first), at most RECENT_TEXTS of them and
 * RECENT_CHARS characters in all. Expressions are immutable and interned, so handing out the same one again is
 * exact; it saves the Earley parse when a program differentiates the same text repeatedly. The cache belongs to one
 * generation of nodes (see expr.ts) and is emptied when a new one starts.
 */
const recent = new Map<string, Statement>();
const RECENT_TEXTS = 256;
const RECENT_CHARS = 500_000;
let recentChars = 0;
let recentGeneration = -1;

function remembered(text: string): Statement | undefined {
  if (recentGeneration !== currentGeneration()) {
    recent.clear();
    recentChars = 0;
    recentGeneration = currentGeneration();
  }
  return recent.get(text);
}

function remember(text: string, e: Statement): void {
  if (text.length > RECENT_CHARS / 4) return;
  for (const [old] of recent) {
    if (recent.size < RECENT_TEXTS && recentChars + text.length <= RECENT_CHARS) break;
    recent.delete(old);
    recentChars -= old.length;
  }
  recent.set(text, e);
  recentChars += text.length;
}

function checkUserFunctions(functions: unknown): void {
  if (!(functions instanceof Map)) throw new ArgumentError(`parse: options.functions must be a Map from names to functions, got ${describeValue(functions)}`);
  for (const [name, f] of functions as Map<unknown, Partial<UserFunction> | null>) {
    const ok = typeof name === "string" && typeof f === "object" && f !== null && Array.isArray(f.params) && f.params.every((p) => typeof p === "string") && typeof f.apply === "function";
    if (!ok) throw new ArgumentError(`parse: options.functions maps each name to { params: string[], apply(args) }, got ${describeValue(f)} for ${describeValue(name)}`);
  }
}

/**
 * The expression of `text`. A derivative request (`d/dx x^2`) is refused here: the parser knows no derivatives. The
 * public `parse` (src/diff.ts) answers it.
 */
export function parse(text: string, options: ParseOptions = {}): Expr {
  const statement = readStatement(text, options);
  if (statement.derivative) throw errorAt(text, 0, "a derivative request is not an expression here", text, "an expression");
  return statement.expression;
}

/**
 * What `text` says: its expression, and the definition or derivative request around it. An implicit equation
 * (`x^2 + y^2 = 1`) is refused here: it is not an expression; `readEquation` reads it.
 */
export function readStatement(text: string, options: ParseOptions = {}): Statement {
  const statement = readAny(text, options);
  if (statement.left) {
    const at = text.indexOf("=");
    throw errorAt(text, at, "an equation whose left side is not a name being defined is not an expression", "=", "y = ... or f(x) = ... for a definition; implicit differentiation (implicitDiff, --implicit) for a curve");
  }
  return statement;
}

/** An equation, `left = right`: a definition (`y = x^2`: left is y) or an implicit curve (`x^2 + y^2 = 1`). */
export function readEquation(text: string, options: ParseOptions = {}): { readonly left: Expr; readonly right: Expr } {
  const statement = readAny(text, options);
  if (statement.derivative || (!statement.left && !statement.definition)) {
    throw errorAt(text, text.length, statement.derivative ? "a derivative request is not an equation" : "not an equation: there is no '='", "", "an equation such as x^2 + y^2 = 1");
  }
  const definition = statement.definition;
  if (definition && definition.params.length > 0) {
    // As written: `f(x, y)`, or in LaTeX `\frac{dy}{dx}` (which defines y'(x)).
    const left = text.slice(0, text.indexOf("=")).trim();
    throw errorAt(text, text.indexOf(left), `'${left} = ...' defines a function, not a curve`, left, "an equation between expressions, such as y^2 = x^3 + x");
  }
  // The defined name is a name in text syntax whichever reader read it (LaTeX's `\mathrm{rate}` defines `rate`).
  return { left: statement.left ?? parse(definition!.name, { ...options, syntax: "text" }), right: statement.expression };
}

function readAny(text: string, options: ParseOptions): Statement {
  expectString(text, "parse: the text");
  expectOptions(options, "parse: the options");
  if (options.functions !== undefined) checkUserFunctions(options.functions);
  checkSyntax(options.syntax);
  if (options.variables !== undefined) expectNames(options.variables, "parse: options.variables");
  const cacheable = (options.functions === undefined || options.functions.size === 0) && options.variables === undefined && options.syntax === undefined;
  return withinGeneration(() => {
    const known = cacheable ? remembered(text) : undefined;
    if (known) return known;
    const statement = isLatex(text, options.syntax) ? readLatex(text, options) : readText(text, options);
    if (cacheable) remember(text, statement);
    return statement;
  });
}

function checkSyntax(syntax: unknown): void {
  if (syntax !== undefined && syntax !== "text" && syntax !== "latex" && syntax !== "auto") {
    throw new ArgumentError(`parse: options.syntax must be "text", "latex" or "auto", got ${describeValue(syntax)}`);
  }
}

/** A backslash command (`\frac`, `\sin`) marks LaTeX: text syntax has no backslash. */
const LATEX_COMMAND = /\\[A-Za-z]/;

function isLatex(text: string, syntax: ParseOptions["syntax"]): boolean {
  return syntax === "latex" || (syntax !== "text" && LATEX_COMMAND.test(text));
}

function readText(text: string, options: ParseOptions): Statement {
  if (text.length > MAX_INPUT_LENGTH) {
    throw errorAt(text, MAX_INPUT_LENGTH, `input too long: ${text.length.toLocaleString("en")} characters, the limit is ${MAX_INPUT_LENGTH.toLocaleString("en")}`, "", "");
  }
  const isFunction = (name: string) => isBuiltinFunction(name) || options.functions?.has(name) === true;
  const tokens = scan(text, tokenize(text, isFunction));
  accept(text, tokens);
  return statementOf(text, tokens, options);
}

/** The parts of an accepted statement: a derivative prefix or an equation's left side, then the expression. */
function statementOf(text: string, tokens: Token[], options: ParseOptions): Statement {
  const first = tokens[0]!;
  if (first.type === "leibniz") {
    if (first.value === "") {
      throw errorAt(text, first.offset, `the derivative prefix '${first.text}' does not add up: its orders differ, or it mixes d and ∂`, first.text, "a prefix such as d/dx, d²/dx², ∂/∂x or ∂²/∂x∂y");
    }
    return { expression: expressionOf(text, tokens.slice(1), options), derivative: first.value.split(",") };
  }
  const equals = tokens.findIndex((t) => t.type === "equals");
  if (equals === -1) return { expression: expressionOf(text, tokens, options) };
  const [left, right] = [tokens.slice(0, equals), tokens.slice(equals + 1)];
  const expression = expressionOf(text, right, options);
  return isDefinition(left) ? { expression, definition: definitionOf(text, left) } : { expression, left: expressionOf(text, left, options) };
}

/**
 * Whether an equation's left side names what it defines: `y`, `f(x, y)`, `f'(x)` (names as parameters). A built-in
 * function's call (`sin(x) = y`) is an expression: the equation is a curve.
 */
function isDefinition(left: readonly Token[]): boolean {
  if (left.length === 1) return left[0]!.type === "name";
  if (left[0]!.type !== "call" || left[left.length - 1]!.type !== "rparen" || isBuiltinFunction(left[0]!.text.slice(0, -1))) return false;
  return left.slice(1, -1).every((t, i) => t.type === (i % 2 === 0 ? "name" : "comma"));
}

function expressionOf(text: string, tokens: Token[], options: ParseOptions): Expr {
  return buildExpression(text, syntaxOf(text, tokens), options);
}

/** The left side of an equation that is a definition (`y`, `f(x, y)`, `f'(x)`): what it defines. */
function definitionOf(text: string, tokens: Token[]): NonNullable<Statement["definition"]> {
  const [head, ...rest] = tokens;
  const name = head!.type === "call" ? head!.text.slice(0, -1) : head!.text;
  const params = rest.filter((t) => t.type === "name");
  checkDefinition(text, { name, offset: head!.offset }, params.map((p) => ({ name: p.text, offset: p.offset })));
  return { name, params: params.map((p) => p.text) };
}

/**
 * Token-type sequences the grammar accepted lately. The grammar's terminals are token types, so whether tokens form
 * an expression depends on their types alone: `sin(x1*y1)` and `sin(x2*y2)` are one sequence, and a sequence met
 * before needs no Earley parse. Only short sequences are kept, at most SHAPES of them (the oldest is dropped first),
 * so the set stays within a few hundred kB. Rejected sequences are not kept: their errors come from the parse.
 */
const accepted = new Set<string>();
const SHAPES = 1024;
const SHAPE_TOKENS = 256;

/** The sequence of token types as a string, one character per token (undefined for long input). */
function shapeOf(tokens: readonly Token[]): string | undefined {
  if (tokens.length > SHAPE_TOKENS) return undefined;
  let shape = "";
  for (const t of tokens) shape += TYPE_CODES[t.type as TokenType];
  return shape;
}

const TYPE_CODES = Object.fromEntries(TOKEN_TYPES.map((type, i) => [type, String.fromCharCode(65 + i)])) as Record<TokenType, string>;

/** The nearley parse of `text`, read as `tokens`: returns when they form an expression, else throws a ParseError. */
function accept(text: string, tokens: Token[]): void {
  const shape = shapeOf(tokens);
  if (shape !== undefined && accepted.has(shape)) return;
  parseTokens(text, tokens);
  if (shape === undefined) return;
  if (accepted.size >= SHAPES) accepted.delete(accepted.values().next().value!);
  accepted.add(shape);
}

let earleyParses = 0;
/** How many texts went through the Earley parser (a test hook for the `accepted` shapes). */
export function earleyParseCount(): number {
  return earleyParses;
}

function parseTokens(text: string, tokens: Token[]): void {
  earleyParses++;
  const { parser, start } = tokens.length > LONG_INPUT_TOKENS ? LONG_INPUT : SHORT_INPUT;
  lexer.load(tokens); // the parser is at its start: every parse restores it when done
  try {
    try {
      parser.feed(text);
    } catch (e) {
      const token = (e as { token?: Token }).token;
      if (!token) throw e;
      throw unexpected(text, token, expectedAfter(parser.table[parser.table.length - 2]));
    }
    const parses = parser.results.length;
    if (parses === 0) {
      const unclosed = unclosedBracket(text, tokens);
      if (unclosed) throw unclosed;
      const found = text.trim() === "" ? "empty input" : "unexpected end of input";
      throw errorAt(text, text.length, found, "", expectedAfter(parser.table[parser.table.length - 1]));
    }
    if (parses > 1) throw new Error(`internal: the grammar is ambiguous for ${JSON.stringify(text)}`);
  } finally {
    // Back to the start, letting go of this text's chart and tokens.
    parser.restore(start);
    lexer.load([]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

function describe(token: Token): string {
  const shown = token.text.length > 20 ? `${token.text.slice(0, 20)}...` : token.text;
  switch (token.type as TokenType) {
    case "number":
      return `number '${shown}'`;
    case "name":
      return `name '${shown}'`;
    case "call":
      return `call '${shown}'`;
    case "functionName":
      return `function '${shown}'`;
    case "invalid":
      return `character '${shown}'`;
    default:
      return `'${shown}'`;
  }
}

/** A character as it can be shown in a message: quoted, or as a code point if it is invisible. */
function printable(c: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? `'${c}'` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** For a character the lexer does not take: how to write what it probably means. */
function howToWrite(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const hint =
    c === "⁻" || c === "⁺"
      ? "write exponents with ^, as in x^-1 (or x⁻¹)"
      : c === "√" ? "write sqrt(x)"
      : c === "∛" ? "write cbrt(x)"
      : /[⋅∙•✕]/u.test(c) ? "write * for multiplication"
      : /[\u2010-\u2015]/u.test(c) ? "write - for minus"
      : /[₀-₉]/u.test(c) ? "write a subscript with _, as in x_1"
      : /\p{No}/u.test(c) ? "write fractions with /, as in 1/2"
      : /\p{Nd}/u.test(c) ? "write digits as 0-9"
      : /\p{L}/u.test(c) ? "names are made of ASCII letters, digits, _ and Greek letters"
      : "";
  const shown = printable(c).startsWith("U+") || c.codePointAt(0)! < 0x80 ? "" : ` (${code})`;
  return hint ? `${shown}: ${hint}` : shown;
}

function unexpected(text: string, token: Token, expected: string): ParseError {
  return errorAt(text, token.offset, `unexpected ${describe(token)}`, token.text, expected);
}

/** What the parser could have accepted in a chart column, in words: "an expression", "an operator or ')'". */
function expectedAfter(column: Column | undefined): string {
  const types = new Set<string>();
  for (const state of column?.states ?? []) {
    const next = state.rule.symbols[state.dot] as { type?: string } | string | undefined;
    if (next && typeof next === "object" && next.type) types.add(next.type);
  }
  const words: string[] = [];
  if (types.has("number")) words.push("an expression");
  else if (types.has("additive") || types.has("multiplicative")) words.push("an operator");
  if (types.has("comma")) words.push("','");
  for (const [type, closer] of [["rparen", "')'"], ["rbracket", "']'"], ["rbrace", "'}'"], ["rbar", "'|'"]] as const) {
    if (types.has(type)) words.push(closer);
  }
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/**
 * Checks the tokens before the parse, for errors a reader can be told more about than "unexpected token": unknown
 * characters, unmatched brackets and bars, bare functions without an argument, juxtapositions with two readings. It
 * also fails fast on chains that nest to the right, such as `2^2^2^...`, `----x` or `sin sin sin ... x`, longer than
 * any expression may be deep: prefixes are right-recursive in the grammar, and nearley, without Leo's optimisation,
 * spends quadratic time on them. Deep brackets are fine for the parser; nesting that makes a deep expression is
 * refused while building it. Returns the tokens.
 */
function scan(text: string, tokens: Token[]): Token[] {
  const chain: number[] = [0]; // length of the chain to the right, per open bracket
  const open: Token[] = []; // the open brackets, innermost last
  let previous: TokenType | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type = token.type as TokenType;
    switch (type) {
      case "invalid":
        throw errorAt(text, token.offset, `unexpected character ${printable(token.text)}${howToWrite(token.text)}`, token.text, previous ? "an operator or an expression" : "an expression");
      case "lparen":
      case "lbracket":
      case "lbrace":
      case "lbar":
      case "call":
        open.push(token);
        chain.push(0);
        break;
      case "rparen":
      case "rbracket":
      case "rbrace":
      case "rbar": {
        // A closer of another kind than the innermost opener: `(x]`. (A closer with nothing open is the grammar's to
        // report: it says what could have come instead.)
        const opener = open.pop();
        if (opener && CLOSING[opener.type!] !== type) {
          const bracket = openingText(opener);
          throw errorAt(text, token.offset, `'${token.text}' does not match the '${bracket}' before it`, token.text, `${closerOf(bracket)} to close the '${bracket}'`);
        }
        if (chain.length > 1) chain.pop();
        break;
      }
      case "pow":
        chain[chain.length - 1]!++;
        break;
      case "root":
        chain[chain.length - 1]!++;
        break;
      case "functionName":
        chain[chain.length - 1]!++;
        checkArgument(text, tokens, i);
        break;
      case "additive":
        if (endsOperand(previous)) chain[chain.length - 1] = 0;
        else chain[chain.length - 1]!++;
        break;
      case "multiplicative":
        if (token.text === "") checkJuxtaposition(text, tokens, i);
        chain[chain.length - 1] = 0;
        break;
      case "comma":
        chain[chain.length - 1] = 0;
        break;
    }
    if (chain[chain.length - 1]! > MAX_DEPTH) {
      throw errorAt(text, token.offset, `expression nested too deeply (more than ${MAX_DEPTH} levels)`, token.text, "");
    }
    previous = type;
  }
  return tokens;
}

/** The bracket a token opens: `(` for a call. */
function openingText(opener: Token): string {
  return opener.type === "call" ? "(" : opener.text;
}

function closerOf(bracket: string): string {
  return `'${{ "[": "]", "{": "}", "|": "|" }[bracket] ?? ")"}'`;
}

/**
 * Why input ended too soon, when it did so inside brackets: if its last token ends an operand and a bracket is still
 * open (`(((x`, `|x`), that bracket, unclosed. Otherwise (`(x +`) undefined: the parser says what was expected.
 */
function unclosedBracket(text: string, tokens: readonly Token[]): ParseError | undefined {
  if (!endsOperand(tokens[tokens.length - 1]?.type)) return undefined;
  const open: Token[] = [];
  for (const t of tokens) {
    if (t.type! in CLOSING) open.push(t);
    else if (CLOSERS.has(t.type!)) open.pop();
  }
  const unclosed = open.pop();
  if (!unclosed) return undefined;
  const bracket = openingText(unclosed);
  return errorAt(text, unclosed.offset + (unclosed.type === "call" ? unclosed.text.length - 1 : 0), `unclosed '${bracket}'`, bracket, `${closerOf(bracket)} to close it`);
}

/** A bare function needs an argument: `sin x`, `sin^2 x`, `sin(x)`. Its power is a whole number (`sin^2`, `sin^-1`). */
function checkArgument(text: string, tokens: readonly Token[], i: number): void {
  const f = tokens[i]!;
  let next = tokens[i + 1];
  const power = functionPowerAt(tokens, i);
  if (power) {
    if (power.number === undefined || !/^\d+$/.test(power.number.value)) {
      const at = power.number ?? tokens[power.end] ?? next!;
      throw errorAt(text, at.offset, `the power of a function written before its argument is a whole number: ${f.text}^2 x is ${f.text}(x)^2`, at.text, `a number, or (${f.text} x)^... for another power`);
    }
    next = tokens[power.end];
  }
  if (next === undefined || !STARTS_ARGUMENT.has(next.type!)) {
    throw errorAt(text, next?.offset ?? text.length, `'${f.text}' needs an argument`, next?.text ?? "", `its argument: ${f.text}(x) or ${f.text} x`);
  }
}
const STARTS_ARGUMENT: ReadonlySet<string> = new Set(["number", "name", "call", "functionName", "root", "additive", "lparen", "lbracket", "lbrace", "lbar"]);

/**
 * Juxtapositions with two readings are refused, with both spelled out: an exponent's number against what follows
 * (`2^3x`: 2^(3x) or 2^3*x?), and an operand against a vulgar fraction after it (`2½`: a mixed number, or 2*(1/2)?;
 * `x½`: x^(1/2) or x*(1/2)?). A fraction before an operand is a coefficient: `½x` is x/2.
 */
function checkJuxtaposition(text: string, tokens: readonly Token[], i: number): void {
  const left = tokens[i - 1]!;
  const right = tokens[i + 1]!;
  if (right.type === "lparen" && right.text !== "(") {
    const fraction = vulgar(right.text);
    const found = text.slice(left.offset, right.offset + right.text.length);
    const readings = left.type === "number" ? `${left.text} + ${fraction} for a mixed number` : `${left.text}^(${fraction}) for a power`;
    throw errorAt(text, left.offset, `'${found}' is ambiguous`, found, `${readings}, or ${left.text}*(${fraction}) for a product`);
  }
  if (left.type !== "number") return;
  const sign = tokens[i - 2]?.type === "additive" ? 1 : 0;
  const pow = tokens[i - 2 - sign];
  const adjacent = left.offset + left.text.length === right.offset;
  if (pow?.type !== "pow" || pow.text === "" || !adjacent || /^[⁰-⁹¹²³⁺⁻]/u.test(pow.text)) return;
  const exponent = text.slice(pow.offset + pow.text.length, left.offset + left.text.length).trim();
  const next = right.type === "call" ? right.text.slice(0, -1) : right.text;
  const found = `^${exponent}${next}`;
  throw errorAt(text, pow.offset, `'${found}' is ambiguous: a power of ${exponent}${next}, or a power times ${next}?`, found, `^(${exponent}${next}) for the first, ^${exponent}*${next} or ^${exponent} ${next} for the second`);
}

/** A vulgar fraction's quotient: `½` is 1/2. */
function vulgar(c: string): string {
  return c.normalize("NFKD").replace("\u2044", "/");
}
