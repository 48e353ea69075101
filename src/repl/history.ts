/**
 * The REPL's persistent history: one line per entry, oldest first, in ~/.symdiff_history (or $SYMDIFF_HISTORY;
 * set it empty to keep no history). History is a convenience: if the file cannot be read or written, the session
 * goes on without it.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Entries kept in the file. */
export const HISTORY_SIZE = 1000;

/** Where the history lives, or undefined when it is switched off. */
export function historyPath(env: NodeJS.ProcessEnv): string | undefined {
  const configured = env.SYMDIFF_HISTORY;
  if (configured !== undefined) return configured === "" ? undefined : configured;
  return join(homedir(), ".symdiff_history");
}

/** The saved entries, oldest first, trimmed to the last HISTORY_SIZE (and the file rewritten if it was longer). */
export function loadHistory(path: string): string[] {
  let lines: string[];
  try {
    lines = readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "");
  } catch {
    return [];
  }
  if (lines.length <= HISTORY_SIZE) return lines;
  const kept = lines.slice(-HISTORY_SIZE);
  tryWrite(() => writeFileSync(path, `${kept.join("\n")}\n`));
  return kept;
}

/** Appends one entry at once, so that history survives a killed session. Returns false if that failed. */
export function appendHistory(path: string, line: string): boolean {
  return tryWrite(() => appendFileSync(path, `${line}\n`));
}

function tryWrite(write: () => void): boolean {
  try {
    write();
    return true;
  } catch {
    return false;
  }
}
