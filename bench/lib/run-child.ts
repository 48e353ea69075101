/**
 * Runs a node process to completion or to a time limit, and reports how it ended, its wall time (process start
 * included) and its peak resident memory. The peak comes from a preloaded module that prints
 * `process.resourceUsage().maxRSS` when the process exits, so it needs no tool beyond node; a process killed at the
 * limit or aborted (out of memory) has no peak to report.
 */
import { execFile } from "node:child_process";

export interface ChildRun {
  readonly seconds: number;
  /** The exit code, or null when a signal ended the process. */
  readonly code: number | null;
  /** The process hit the time limit and was killed. */
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident set size in MB, when the process exited on its own. */
  readonly peakMB?: number;
}

const MARK = "bench-max-rss-kb=";
const PRELOAD = `data:text/javascript,${encodeURIComponent(
  `import { writeSync } from "node:fs"; process.on("exit", () => writeSync(2, "\\n${MARK}" + process.resourceUsage().maxRSS + "\\n"));`,
)}`;

/** `node [flags] --import <peak reporter> ...args`, killed after `limitSeconds`. */
export function runNode(args: readonly string[], limitSeconds: number, flags: readonly string[] = []): Promise<ChildRun> {
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...flags, "--import", PRELOAD, ...args],
      { timeout: limitSeconds * 1000, killSignal: "SIGKILL", maxBuffer: 1 << 28, encoding: "utf8" },
      (error, stdout, stderr) => {
        const seconds = (performance.now() - start) / 1000;
        const failure = error as (Error & { code?: number | string; killed?: boolean }) | null;
        const code = failure === null ? 0 : typeof failure.code === "number" ? failure.code : null;
        const peak = new RegExp(`${MARK}(\\d+)`).exec(stderr);
        resolve({
          seconds,
          code,
          timedOut: failure?.killed === true && seconds >= limitSeconds * 0.99,
          stdout,
          stderr: stderr.replace(new RegExp(`\\n?${MARK}\\d+\\n`), ""),
          ...(peak && { peakMB: Number(peak[1]) / 1024 }),
        });
      },
    );
  });
}

/** How a failed run ended, in a few words for a table cell. */
export function failureNote(run: ChildRun, limitSeconds: number): string {
  if (run.timedOut) return `gave up at the ${limitSeconds} s limit`;
  if (/heap out of memory/i.test(run.stderr)) return "out of memory";
  const message = run.stderr.split("\n").find((line) => /error/i.test(line)) ?? run.stderr.split("\n").find((line) => line.trim() !== "");
  return `exit ${run.code ?? "signal"}: ${(message ?? "no message").trim().slice(0, 100)}`;
}
