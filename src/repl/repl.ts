/**
 * The REPL's terminal side, on node:readline. Interactive when stdin is a terminal: a prompt, persistent history,
 * tab completion, Ctrl-C clearing the line, Ctrl-D or `:quit` leaving. Otherwise (piped input) it prints only
 * results, reports errors on stderr with the line number, keeps going, and exits with the worst code over all lines
 * (0 all fine, 2 some line was bad input, 1 an incorrect `check` or an internal error).
 */
import { createInterface } from "node:readline";
import type { IO } from "../cli/command.js";
import { EXIT, reportError, worse } from "../cli/report.js";
import { paint } from "../cli/style.js";
import { version } from "../cli/version.js";
import { complete } from "./complete.js";
import { appendHistory, HISTORY_SIZE, loadHistory } from "./history.js";
import { Session } from "./session.js";

const PROMPT = "> ";

export async function startRepl(io: IO, history: string | undefined): Promise<number> {
  return io.isTTY ? interactive(io, history) : batch(io);
}

/** Executes one line, printing its result or its error; returns the exit code for it. */
function runLine(session: Session, io: IO, line: string, where?: string): number {
  try {
    const output = session.execute(line);
    if (output !== undefined) io.stdout.write(`${output}\n`);
    return session.failed ? EXIT.failure : EXIT.ok;
  } catch (e) {
    return reportError(io, e, line, where);
  }
}

async function batch(io: IO): Promise<number> {
  const session = new Session();
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  let code: number = EXIT.ok;
  let n = 0;
  for await (const line of lines) {
    code = worse(code, runLine(session, io, line, `line ${++n}`));
    if (session.done) break;
  }
  lines.close();
  return code;
}

function interactive(io: IO, historyFile: string | undefined): Promise<number> {
  const session = new Session();
  const rl = createInterface({
    input: io.stdin,
    output: io.stdout,
    terminal: true,
    prompt: paint(io, "cyan", PROMPT),
    history: historyFile ? loadHistory(historyFile).reverse() : [], // readline keeps the newest first
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string) => complete(line, session),
  });
  io.stdout.write(`symdiff ${version()}. Type an expression, or :help. Ctrl-D leaves.\n`);
  let historyWorks = true;

  rl.on("line", (line) => {
    if (historyFile && historyWorks && line.trim() !== "" && !appendHistory(historyFile, line)) {
      historyWorks = false;
      io.stderr.write(paint(io, "yellow", `note: cannot write the history file ${historyFile}; history is kept for this session only\n`));
    }
    runLine(session, io, line);
    if (session.done) rl.close();
    else rl.prompt();
  });

  // Ctrl-C abandons the line being typed, as in a shell; on an empty line it says how to leave. The line stays on
  // screen with ^C after it; the buffer is emptied with readline's own editing keys, which redraw an empty prompt on
  // the fresh row.
  rl.on("SIGINT", () => {
    io.stdout.write(rl.line === "" ? "^C\n(To leave, press Ctrl-D or type :quit)\n" : "^C\n");
    rl.write(null, { ctrl: true, name: "e" });
    rl.write(null, { ctrl: true, name: "u" });
    rl.prompt();
  });

  rl.prompt();
  return new Promise((resolve) => {
    rl.on("close", () => {
      if (!session.done) io.stdout.write("\n");
      resolve(EXIT.ok);
    });
  });
}
