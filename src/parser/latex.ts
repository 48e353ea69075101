/**
 * LaTeX input: `parse(text, { syntax: "latex" })`. Three steps, as for text: the lexer (latex-lexer.ts) turns the
 * LaTeX into tokens, checking commands, names and brackets; the nearley grammar (grammar/latex.ne) accepts them or
 * says what was expected, and builds the syntax tree; the shared builder (expression.ts) makes the expression, so a
 * name or a function means the same in LaTeX as in text.
 */
import nearley from "nearley";
import { ParseError } from "../errors.js";
import { buildExpression } from "./expression.js";
import grammar from "./latex.generated.js";
import { latexLexer, tokenizeLatex, type LatexToken } from "./latex-lexer.js";
import { NoInverseError, type LatexStatement } from "./latex-syntax.js";
import { errorAt } from "./position.js";
import type { ParseOptions, Statement } from "./statement.js";

const GRAMMAR = nearley.Grammar.fromCompiled(grammar);

/** What `text`, in LaTeX, says: its expression, and the equation or derivative request around it. */
export function readLatex(text: string, options: ParseOptions): Statement {
  const tokens = tokenizeLatex(text, options);
  const { syntax, derivative, definition, left } = parseTokens(text, tokens);
  const expression = buildExpression(text, syntax, options);
  return {
    expression,
    ...(derivative && { derivative }),
    ...(definition && { definition }),
    ...(left && { left: buildExpression(text, left, options) }),
  };
}

/** A nearley chart column (untyped in @types/nearley). */
type Column = { states: { rule: { name: string; symbols: unknown[] }; dot: number }[] };

function parseTokens(text: string, tokens: readonly LatexToken[]): LatexStatement {
  // Inputs are a line of homework: a fresh parser each time is cheap and keeps the reader free of shared state.
  const parser = new nearley.Parser(GRAMMAR) as nearley.Parser & { table: Column[] };
  latexLexer.load(tokens);
  try {
    parser.feed(text);
  } catch (e) {
    if (e instanceof NoInverseError) {
      throw errorAt(text, e.token.offset, `${e.token.text} has no inverse function`, e.token.text, `${e.token.text}(x)^{-1} for the reciprocal`);
    }
    const token = (e as { token?: LatexToken }).token;
    if (!token || e instanceof ParseError) throw e;
    const expected = splitDigits(tokens, token) ? DIGIT_HINT : expectedAfter(parser.table[parser.table.length - 2]);
    throw errorAt(text, token.offset, `unexpected ${describe(token)}`, token.text, expected);
  } finally {
    latexLexer.load([]);
  }
  const results = parser.results as LatexStatement[];
  if (results.length === 0) throw errorAt(text, text.length, "unexpected end of input", "", expectedAfter(parser.table[parser.table.length - 1]));
  if (results.length > 1) throw new Error(`internal: the LaTeX grammar is ambiguous for ${JSON.stringify(text)}`);
  return results[0]!;
}

/**
 * Is `token` a digit split off the number before it? A script or \\frac argument without braces takes one digit, as in
 * TeX, so `x^12` is x^1 and then a 2 that nothing can take.
 */
function splitDigits(tokens: readonly LatexToken[], token: LatexToken): boolean {
  const previous = tokens[tokens.indexOf(token) - 1];
  return token.type === "number" && previous?.type === "number" && previous.offset + previous.text.length === token.offset;
}

const DIGIT_HINT = "braces around a script or argument of more than one digit, as in x^{12}, x^{-12} or \\frac{12}{5} (without them it takes one digit, as in TeX)";

function describe(token: LatexToken): string {
  switch (token.type) {
    case "derivative":
      return `derivative operator '${token.text}' (it can only come first)`;
    case "partial":
      return "'\\partial' (outside a derivative operator such as \\frac{\\partial}{\\partial x})";
    default:
      return `'${token.text}'`;
  }
}

/** Words for what the parser could have taken next, read off its chart: "an expression", "'}'", ... */
function expectedAfter(column: Column | undefined): string {
  const types = new Set<string>();
  for (const state of column?.states ?? []) {
    if (state.rule.name === "fraction" && state.dot > 0 && state.dot < state.rule.symbols.length) {
      return state.dot === 1 ? "the numerator of \\frac, as in \\frac{1}{2}" : "the denominator of \\frac, as in \\frac{1}{2}";
    }
    if (state.rule.name === "root" && state.dot === 1) return "the argument of \\sqrt, as in \\sqrt{x}";
    if (state.rule.name === "bare" && state.dot === 1) return "the function's argument, as in \\sin x or \\sin(x)";
    const next = state.rule.symbols[state.dot] as { type?: string } | string | undefined;
    if (next && typeof next === "object" && next.type) types.add(next.type);
  }
  const words: string[] = [];
  if (types.has("name") || types.has("number")) words.push("an expression");
  if (types.has("times") || types.has("pow")) words.push("an operator");
  const closers: Record<string, string> = { rbrace: "'}'", rparen: "')'", rbrack: "']'", rcurly: "'\\}'", rbar: "'|'", comma: "','", lbrace: "'{'" };
  for (const [type, word] of Object.entries(closers)) if (types.has(type) && !(type === "lbrace" && words.length > 0)) words.push(word);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
