/**
 * Where a command's expressions come from: its argument, or stdin (one per line) when the argument is `-`. Each
 * input is handled on its own: an error is reported (with a caret) and the next input still runs. With `--json`,
 * a failed input also prints a JSON object on stdout, so that every input has one JSON line, success or failure.
 */
import { createInterface } from "node:readline";
import type { IO } from "./command.js";
import { writeJson } from "./output.js";
import { errorJson, EXIT, reportError, UsageError, worse } from "./report.js";

export interface Input {
  readonly text: string;
  /** Which input this is, for error messages, when there are several ("line 3"). */
  readonly where?: string;
}

async function* inputs(positionals: readonly string[], io: IO): AsyncGenerator<Input> {
  if (positionals.length === 0) throw new UsageError("missing the expression (or - to read expressions from stdin)");
  if (positionals.length > 1) {
    throw new UsageError(`expected one expression, got ${positionals.length}: ${positionals.map((p) => JSON.stringify(p)).join(" ")} (quote it: "x^2 + 1")`);
  }
  if (positionals[0] !== "-") {
    yield { text: positionals[0]! };
    return;
  }
  let n = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    n++;
    if (line.trim() !== "") yield { text: line, where: `line ${n}` };
  }
}

/**
 * Runs `handle` on every input and resolves to the exit code: the worst over all inputs. `json`: a failure is also
 * reported as a JSON object on stdout (see `errorJson`).
 */
export async function eachInput(positionals: readonly string[], io: IO, json: boolean | undefined, handle: (input: Input) => void): Promise<number> {
  let code: number = EXIT.ok;
  for await (const input of inputs(positionals, io)) {
    try {
      handle(input);
    } catch (e) {
      if (json) writeJson(io, errorJson(e, input.text));
      code = worse(code, reportError(io, e, input.text, input.where));
    }
  }
  return code;
}
