/**
 * Errors on the command line and in the REPL: what went wrong goes to stderr, with the input and a caret under the
 * offending column for parse errors, and the exit code says what kind of failure it was.
 */
import { ArgumentError, DomainError, LimitError, ParseError, SymdiffError } from "../errors.js";
import type { IO } from "./command.js";
import { paint } from "./style.js";

export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

/** A mistake in the command line itself: an unknown option, a missing expression, a malformed value. */
export class UsageError extends SymdiffError {
  override name = "UsageError";
}

/** A parse error in text other than the expression (the value of `--at`, say): the report shows that text. */
export class SourcedError extends SymdiffError {
  override name = "SourcedError";
  constructor(
    readonly source: string,
    readonly error: ParseError,
  ) {
    super(error.message);
  }
}

/** Runs `fn`, attaching `source` to any ParseError so that the report can point into it. */
export function inSource<T>(source: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof ParseError ? new SourcedError(source, e) : e;
  }
}

/** Bad input is a SymdiffError (exit 2); anything else is a bug or an environment failure (exit 1). */
export function exitCode(error: unknown): number {
  return error instanceof SymdiffError ? EXIT.badInput : EXIT.failure;
}

/** The more serious of two exit codes: a failure (1) outranks bad input (2), which outranks success (0). */
export function worse(a: number, b: number): number {
  const rank = (code: number) => (code === EXIT.ok ? 0 : code === EXIT.badInput ? 1 : 2);
  return rank(a) >= rank(b) ? a : b;
}

/**
 * Writes the error to stderr and returns its exit code. `source` is the text a ParseError points into; `where`
 * names the input among several ("line 3").
 */
export function reportError(io: Pick<IO, "stderr" | "color">, error: unknown, source?: string, where?: string): number {
  const prefix = paint(io, "red", where ? `error (${where}):` : "error:");
  if (error instanceof SourcedError) return reportError(io, error.error, error.source, where);
  if (error instanceof ParseError && source !== undefined) {
    // Among several inputs the line is already named: give the column alone.
    const at = where ? `column ${error.column}` : `${error.line}:${error.column}`;
    io.stderr.write(`${prefix} ${visible(error.reason)} at ${at}${error.expected ? `, expected ${visible(error.expected)}` : ""}\n${pointAt(source, error)}`);
  } else if (error instanceof SymdiffError) {
    io.stderr.write(`${prefix} ${visible(error.message)}\n`);
  } else {
    const message = visible(error instanceof Error ? error.message : String(error));
    io.stderr.write(`${prefix} internal error: ${message}\n  This is a bug in symdiff; please report it with the input that caused it.\n`);
  }
  return exitCode(error);
}

/** What kind of failure an error is, for scripts reading `--json` output. */
export type ErrorKind = "parse" | "usage" | "argument" | "domain" | "limit" | "input" | "internal";

export function errorKind(error: unknown): ErrorKind {
  if (error instanceof ParseError || error instanceof SourcedError) return "parse";
  if (error instanceof UsageError) return "usage";
  if (error instanceof ArgumentError) return "argument";
  if (error instanceof DomainError) return "domain";
  if (error instanceof LimitError) return "limit";
  return error instanceof SymdiffError ? "input" : "internal";
}

/**
 * A failure as a JSON object: `error` (the message) and `kind`, with `input` (the line that failed) when there is
 * one; a parse error adds where (`offset`, 0-based; `line` and `column`, 1-based), what was `found` and what was
 * `expected`. A parse error in an option's value (`--at x=2*)`) names that text as `source`.
 */
export function errorJson(error: unknown, input?: string): Record<string, unknown> {
  const message = error instanceof Error ? error.message : String(error);
  const base = { ...(input !== undefined && { input }), error: message, kind: errorKind(error) };
  const parse = error instanceof SourcedError ? error.error : error;
  if (!(parse instanceof ParseError)) return base;
  const { offset, line, column, found, expected } = parse;
  return { ...base, ...(error instanceof SourcedError && { source: error.source }), offset, line, column, found, expected };
}

/** Characters shown on each side of the caret: a line of 150,000 characters is not worth printing whole. */
const CONTEXT = 60;

/** The offending line of `source` (around the error, if it is long), indented, and a caret under the error's column. */
export function pointAt(source: string, error: ParseError): string {
  // Code points, as columns count them, so that a cut never splits a character.
  const line = [...(source.split("\n")[error.line - 1] ?? "")];
  let before = line.slice(0, error.column - 1);
  let after = line.slice(error.column - 1);
  if (before.length > CONTEXT) before = ["…", ...before.slice(-CONTEXT)];
  if (after.length > CONTEXT) after = [...after.slice(0, CONTEXT), "…"];
  // Each character as it is shown; copy tabs so the caret lines up however wide the terminal draws them.
  const shown = (cs: string[]) => cs.map(visibleChar);
  const pad = shown(before).map((c) => (c === "\t" ? "\t" : " ".repeat([...c].length))).join("");
  return `  ${shown(before).join("")}${shown(after).join("")}\n  ${pad}^\n`;
}

/**
 * Invariant: no byte of the user's input reaches the terminal as a control character. C0 controls and DEL become
 * their Control Pictures (ESC is ␛, BEL ␇: one column each, so the caret stays aligned); C1 controls and invisible
 * format characters (bidirectional overrides, zero-width spaces) become \u{...} escapes. Tabs stay tabs.
 */
export function visibleChar(c: string): string {
  const code = c.codePointAt(0)!;
  if (c === "\t") return c;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  if ((code >= 0x80 && code < 0xa0) || /\p{Cf}|[\u2028\u2029]/u.test(c)) return `\\u{${code.toString(16)}}`;
  return c;
}

/** A message with every character of it made visible (see `visibleChar`); newlines are kept. */
export function visible(text: string): string {
  return text.split("\n").map((line) => [...line].map(visibleChar).join("")).join("\n");
}
