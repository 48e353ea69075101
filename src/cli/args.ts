/**
 * Argument parsing shared by the commands, on top of node's `util.parseArgs`: the common options, and readers for
 * the values of `--wrt x,y`, `--order 2` and `--at x=1,y=2` that turn mistakes into UsageErrors (exit code 2).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Expr } from "../ast/expr.js";
import { checkVariable } from "../diff.js";
import { ParseError } from "../errors.js";
import { parse } from "../parser/parse.js";
import type { ParseOptions } from "../parser/statement.js";
import { UsageError } from "./report.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every expression command accepts. */
export const OUTPUT_OPTIONS = {
  latex: { type: "boolean" },
  json: { type: "boolean" },
  ln: { type: "boolean" },
  "latex-in": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/**
 * How to read the expressions: `--latex-in` says LaTeX; otherwise parse's default, which reads text with a
 * backslash command (`\frac`) as LaTeX and anything else as text syntax.
 */
export function inputSyntax(values: { readonly "latex-in"?: boolean }): ParseOptions {
  return values["latex-in"] ? { syntax: "latex" } : {};
}

/** Option values by name: booleans for flags, strings for options with a value; absent when not given. */
export type OptionValues<T extends Options> = { readonly [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string };

export interface ParsedArgs<T extends Options> {
  readonly values: OptionValues<T>;
  readonly positionals: string[];
}

/**
 * Parses `args` strictly. An argument starting with a single `-` that is not a declared option is an expression
 * (`symdiff diff -x^2`), not an unknown flag; `-` alone means stdin; everything after `--` is an expression. The
 * value of an option is the next argument whatever it looks like (`--order -1`, `--answer -2`), so that a mistake
 * is reported by the option's own check rather than as a missing value.
 */
export function parseCommandArgs<T extends Options>(args: readonly string[], options: T): ParsedArgs<T> {
  const shorts = new Set(Object.values(options).flatMap((o) => (o.short ? [`-${o.short}`] : [])));
  const takesValue = (arg: string) => arg.startsWith("--") && options[arg.slice(2)]?.type === "string";
  const kept: string[] = [];
  const expressions: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      expressions.push(...args.slice(i + 1));
      break;
    }
    if (takesValue(arg)) {
      if (i + 1 === args.length) throw new UsageError(`${arg} needs a value (--help lists the options)`);
      kept.push(`${arg}=${args[++i]}`);
    } else if (/^-[^-]/.test(arg) && !shorts.has(arg)) expressions.push(arg);
    else kept.push(arg);
  }
  try {
    const { values, positionals } = parseArgs({ args: [...kept, "--", ...expressions], options, allowPositionals: true, strict: true });
    return { values: values as OptionValues<T>, positionals };
  } catch (e) {
    if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) throw new UsageError(usageMessage(e));
    throw e;
  }
}

/** node's messages for unknown options suggest `--`; ours say where to look instead. */
function usageMessage(e: TypeError & { code: unknown }): string {
  const option = /'(-[^']*)'/.exec(e.message)?.[1];
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option '${option}' (--help lists the options)`;
  return e.message;
}

/** `x,y` → ["x", "y"], each a valid variable name. */
export function variableList(text: string, option: string): string[] {
  const names = text.split(",").map((s) => s.trim());
  for (const name of names) {
    try {
      checkVariable(name);
    } catch {
      throw new UsageError(`${option}: '${name}' is not a variable name (expected a list such as x,y)`);
    }
  }
  return names;
}

/** A derivative order: a whole number ≥ 1. */
export function derivativeOrder(text: string | undefined): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || !Number.isSafeInteger(n)) {
    throw new UsageError(`--order: expected a whole number of at least 1, got '${text}'`);
  }
  return n;
}

export interface Assignment {
  readonly name: string;
  readonly value: Expr;
}

/**
 * `x=1, y=pi/2` → assignments, values parsed by `parseValue` (the REPL passes one that knows its definitions).
 * Parse errors point into `text`.
 */
export function assignments(text: string, parseValue: (text: string) => Expr = parse): Assignment[] {
  const out: Assignment[] = [];
  let start = 0;
  for (const part of splitTopLevel(text)) {
    const match = /^\s*([^=]*?)\s*=(.*)$/su.exec(part);
    if (!match) throw new UsageError(`expected name=value in '${part.trim()}' (e.g. x=1,y=2)`);
    const [, name, valueText] = match;
    try {
      checkVariable(name);
    } catch {
      throw new UsageError(`'${name}' is not a variable name in '${part.trim()}'`);
    }
    if (out.some((a) => a.name === name)) throw new UsageError(`'${name}' is given twice`);
    const valueOffset = start + part.length - valueText!.length;
    out.push({ name: name!, value: shifted(text, valueOffset, () => parseValue(valueText!)) });
    start += part.length + 1;
  }
  return out;
}

/** Splits at commas outside parentheses: `x=min(1,2), y=3` → ["x=min(1,2)", " y=3"]. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Runs a parse of the piece of `text` that starts at `offset`, moving any ParseError's position into `text`. */
export function shifted<T>(text: string, offset: number, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const at = offset + e.offset;
    const before = text.slice(0, at).split("\n");
    throw new ParseError(e.reason, e.expected, e.found, at, before.length, before[before.length - 1]!.length + 1);
  }
}
