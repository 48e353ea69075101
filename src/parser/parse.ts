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
import { buildExpression } from "./expression.js";
import grammar from "./grammar.generated.js";
import { endsOperand, lexer, tokenize, TOKEN_TYPES, type TokenType } from "./lexer.js";
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

/** What `text` says: its expression, and the equation or derivative request around it. */
export function readStatement(text: string, options: ParseOptions = {}): Statement {
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
  const tokens = scan(text);
  accept(text, tokens);
  return { expression: buildExpression(text, syntaxOf(tokens), options) };
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
  if (types.has("rparen")) words.push("')'");
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/**
 * Fails fast on unknown characters, and on chains that nest to the right, such as `2^2^2^...` or `----x`, longer than
 * any expression may be deep: signs are right-recursive in the grammar, and nearley, without Leo's optimisation,
 * spends quadratic time on them. Deep parentheses are fine for the parser; nesting that makes a deep expression is
 * refused while building it. Returns the tokens (whitespace dropped), for the parser.
 */
function scan(text: string): Token[] {
  const tokens = tokenize(text);
  const chain: number[] = [0]; // length of the chain to the right, per open parenthesis
  let previous: TokenType | undefined;
  for (const token of tokens) {
    const type = token.type as TokenType;
    switch (type) {
      case "invalid":
        throw errorAt(text, token.offset, `unexpected character ${printable(token.text)}${howToWrite(token.text)}`, token.text, previous ? "an operator or an expression" : "an expression");
      case "lparen":
      case "call":
        chain.push(0);
        break;
      case "rparen":
        if (chain.length > 1) chain.pop();
        break;
      case "pow":
        chain[chain.length - 1]!++;
        break;
      case "additive":
        if (endsOperand(previous)) chain[chain.length - 1] = 0;
        else chain[chain.length - 1]!++;
        break;
      case "multiplicative":
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

