/**
 * A REPL command: a line starting with its name (`:vars`, `grad f`, `d/dx x^2`). Commands are listed in
 * commands.ts; a line that starts with no command's name is a definition or an expression (see session.ts).
 *
 * Commands see the session through `SessionContext`, declared here: session.ts imports the command table and
 * implements the interface, so no command module imports session.ts (the import graph stays one-way).
 */
import type { Expr } from "../ast/expr.js";
import type { Assignment } from "../cli/args.js";
import { NAME } from "../parser/lexer.js";

/** The last ` at name=` in a line separates the expression from the point (`f at x=1`, `tangent f at x=2`). */
export const AT_POINT = new RegExp(String.raw`\s+at\s+(?=${NAME}\s*=)`, "gu");

export interface Definition {
  readonly name: string;
  /** Parameters of a function definition `g(x, y) = ...`; undefined for a value `f = ...`. */
  readonly params?: readonly string[];
  readonly body: Expr;
}

/** What a command may read and do in the session. */
export interface SessionContext {
  /** Print LaTeX instead of text. */
  latex: boolean;
  /** Print text with `ln` and `e^x` rather than `log` and `exp` (see `format`'s `ln` option). */
  ln: boolean;
  /** Set by `:quit`. */
  done: boolean;
  /**
   * Set by a command whose line ran but whose answer is a failure (an incorrect `check`); reset before each line.
   * Piped input then exits with 1, as `symdiff check` does for a wrong answer.
   */
  failed: boolean;
  readonly definitions: ReadonlyMap<string, Definition>;
  readonly commandList: readonly ReplCommand[];
  render(e: Expr): string;
  /**
   * Parses `text`, which starts at `offset` in the current line, with the session's definitions applied, except
   * that the names in `variables` stay variables (the variable of a derivative).
   */
  parse(text: string, offset: number, variables?: ReadonlySet<string>): Expr;
  /** The point `x=1, y=pi/6` in `text` (at `offset` in the line), values parsed with the session's definitions. */
  readPoint(text: string, offset: number): Assignment[];
  /** The expression in `text`, transformed, and evaluated at a trailing `at x=1`; `variables` as for `parse`. */
  evaluateLine(text: string, offset: number, transform?: (e: Expr) => Expr, variables?: ReadonlySet<string>): string;
  executePart(text: string, offset: number): string | undefined;
  describe(d: Definition): string;
  /** Forgets the definitions of `names`; returns the names that had one. */
  unset(names: readonly string[]): string[];
  /** A note for a derivative with respect to names that have values in the session (empty when none do). */
  definedVariablesNote(variables: readonly string[]): string;
}

export interface CommandInput {
  /** The first word as typed (`d2/dx2` for a command matched by `head`). */
  readonly head: string;
  /** The rest of the line after the first word, untrimmed. */
  readonly rest: string;
  /** Where `rest` starts in the line: pass it to `session.parse(text, offset)` so errors point into the line. */
  readonly restOffset: number;
}

export interface ReplCommand {
  /** The first word of the line, e.g. `:vars` or `grad`. */
  readonly name: string;
  /** Matches first words that vary (`d/dx`, `d2/dy2`); `name` is then how `:help` shows it. */
  readonly head?: RegExp;
  /** Needs text after the name. A line that is only the name is then read as an expression (a variable `grad`). */
  readonly takesArgument: boolean;
  /** The syntax, for `:help`: `grad <expr>`. */
  readonly usage: string;
  readonly summary: string;
  /** A line to try, for `:help`. */
  readonly example: string;
  /** What to print (undefined: nothing). Throws SymdiffErrors for bad input. */
  run(input: CommandInput, session: SessionContext): string | undefined;
}
