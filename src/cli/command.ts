/**
 * What a `symdiff <name>` command is. Commands are listed in commands.ts; the dispatcher (main.ts) handles
 * `--help`, `--version`, unknown names and anything a command throws (see report.ts).
 */

/** The process's streams, passed in so that commands never touch `process` directly. */
export interface IO {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** stdin is an interactive terminal: the REPL prompts, keeps history and completes names only then. */
  readonly isTTY: boolean;
  /** Colour is welcome: stdout is a terminal and NO_COLOR is unset. */
  readonly color: boolean;
}

export interface Command {
  /** The word after `symdiff`. */
  readonly name: string;
  /** One line for `symdiff --help`. */
  readonly summary: string;
  /** The full text of `symdiff <name> --help`: usage, options and examples (see help.ts). */
  readonly help: string;
  /**
   * Runs with the arguments after the name and resolves to the exit code: 0 success, 2 bad input (a SymdiffError),
   * 1 any other failure. Throwing is fine too: the dispatcher reports the error and picks the code.
   */
  run(args: string[], io: IO): Promise<number>;
}
