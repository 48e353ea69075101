/**
 * A REPL command: a line starting with its name (`:vars`, `grad f`, `d/dx x^2`). Commands are listed in
 * commands.ts; a line that starts with no command's name is a definition or an expression (see session.ts).
 */
import type { Session } from "./session.js";

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
  run(input: CommandInput, session: Session): string | undefined;
}
