/**
 * Runs the built `symdiff` binary (dist/cli.js; `npm test` builds it first) and captures what it did. Asynchronous,
 * so that tests can run several processes at once.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** No colour (stdout is a pipe anyway) and no history file, unless `env` says otherwise. */
const QUIET = { NO_COLOR: "", SYMDIFF_HISTORY: "" };

/** `symdiff ...args` with `input` on stdin (a pipe, not a terminal). */
export function symdiff(args: readonly string[], input = "", env: Record<string, string> = {}): Promise<Run> {
  return run(process.execPath, [BIN, ...args], input, env);
}

/** A shell command line, `symdiff` meaning the built binary. */
export function shell(commandLine: string): Promise<Run> {
  return run("sh", ["-c", commandLine.replace(/(^|\| )symdiff\b/g, `$1"${process.execPath}" "${BIN}"`)], "", {});
}

function run(file: string, args: readonly string[], input: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: ROOT, env: { ...process.env, ...QUIET, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (status) => resolve({ stdout, stderr, status }));
    child.stdin.end(input);
  });
}
