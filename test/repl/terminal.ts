/**
 * Drives `symdiff` in a pseudo-terminal (through terminal.py, Python's pty module), as a person at a keyboard would:
 * type keys, wait for the screen to show something.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BIN, ROOT } from "../cli/run.js";

const DRIVER = fileURLToPath(new URL("./terminal.py", import.meta.url));

export const KEY = { enter: "\r", tab: "\t", up: "\x1b[A", ctrlC: "\x03", ctrlD: "\x04" } as const;

/** Cursor movement and colour sequences, which readline writes around everything it redraws. */
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]/g;

export class Terminal {
  private readonly child: ChildProcessWithoutNullStreams;
  /** Everything the terminal showed, escape sequences included. */
  raw = "";
  private seen = 0;
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[], env: Record<string, string>) {
    this.child = spawn("python3", [DRIVER, process.execPath, BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    this.child.stdout.setEncoding("utf8").on("data", (s: string) => (this.raw += s));
    this.child.stderr.setEncoding("utf8").on("data", (s: string) => (this.raw += s));
    this.exited = new Promise((resolve) => this.child.on("close", resolve));
  }

  /** The screen text without escape sequences. */
  get text(): string {
    return this.raw.replace(ESCAPES, "").replace(/\r/g, "");
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits until `expected` shows up after what earlier waits consumed; returns the text from there to it. */
  async waitFor(expected: string, timeout = 10_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const at = this.text.indexOf(expected, this.seen);
      if (at >= 0) {
        const shown = this.text.slice(this.seen, at + expected.length);
        this.seen = at + expected.length;
        return shown;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(expected)}; the screen shows:\n${this.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
