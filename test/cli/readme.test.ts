/**
 * The README's command-line transcripts, run against the built binary: in a ```sh block, a line `$ symdiff ...` (or
 * `$ npx symdiff ...`) is a command and the lines after it, up to the next `$`, are what it prints (stdout, then
 * stderr). Commands shown without output (`symdiff serve`, which keeps running) are not run. The REPL transcript
 * (a block of `> ` lines) is piped into `symdiff repl` and its output compared line by line.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shell, symdiff } from "./run.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, lines: m[2]!.trimEnd().split("\n") }));

interface Transcript {
  readonly command: string;
  readonly output: string;
}

function transcripts(): Transcript[] {
  const out: { command: string; output: string[] }[] = [];
  for (const block of blocks.filter((b) => b.lang === "sh")) {
    let current: { command: string; output: string[] } | undefined;
    for (const line of block.lines) {
      const command = /^\$ (?:npx )?(symdiff .*?)(?:\s+#.*)?$/.exec(line);
      if (command) out.push((current = { command: command[1]!, output: [] }));
      else current?.output.push(line);
    }
  }
  return out.filter((t) => t.output.length > 0).map((t) => ({ command: t.command, output: t.output.join("\n") }));
}

describe.concurrent("README command lines", () => {
  it("has transcripts to run", () => {
    expect(transcripts().length).toBeGreaterThan(5);
  });

  it.each(transcripts())("$command", async ({ command, output }) => {
    const run = await shell(command);
    expect(`${run.stdout}${run.stderr}`.trimEnd()).toBe(output);
  });
});

describe("README REPL transcript", () => {
  const session = blocks.find((b) => b.lang === "" && b.lines[0]!.startsWith("> "));

  it("prints what the README shows", async () => {
    const input = session!.lines.filter((l) => l.startsWith("> ")).map((l) => l.slice(2));
    const expected = session!.lines.filter((l) => !l.startsWith("> "));
    const run = await symdiff(["repl"], `${input.join("\n")}\n`);
    expect(run.stdout.trimEnd().split("\n")).toEqual(expected);
    expect(run.status).toBe(0);
  });
});
