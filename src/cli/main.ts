/**
 * The `symdiff` dispatcher: picks the command, answers `--help` and `--version` (`-V`), and turns anything a command throws
 * into a report on stderr and an exit code. No arguments at all starts the REPL.
 */
import type { Command, IO } from "./command.js";
import { COMMANDS } from "./commands.js";
import { writeJson } from "./output.js";
import { errorJson, reportError, UsageError } from "./report.js";
import { paint } from "./style.js";
import { version } from "./version.js";

export async function main(args: readonly string[], io: IO): Promise<number> {
  const [name, ...rest] = args.length === 0 ? ["repl"] : args;
  try {
    if (name === "--version" || name === "-V" || name === "-v") return write(io, `${version()}\n`);
    if (name === "--help" || name === "-h") return write(io, overview(io));
    if (name === "help") return write(io, rest.length === 0 ? overview(io) : find(rest[0]!).help);
    const command = find(name!);
    if (rest.includes("--help") || rest.includes("-h")) return write(io, command.help);
    return await command.run(rest, io);
  } catch (e) {
    // A script asking for JSON gets its failure as JSON too, even one that stops the command before any input.
    if (asksForJson(rest)) writeJson(io, errorJson(e));
    return reportError(io, e);
  }
}

/** `--json` among the options (everything after `--` is an expression). */
function asksForJson(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).includes("--json");
}

function write(io: IO, text: string): number {
  io.stdout.write(text);
  return 0;
}

function find(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const hint = name.startsWith("-") ? "options come after the command" : `commands are ${COMMANDS.map((c) => c.name).join(", ")}`;
  throw new UsageError(`unknown command '${name}' (${hint}; see symdiff --help)`);
}

function overview(io: IO): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `symdiff ${version()}: exact symbolic differentiation`,
    "",
    "Usage: symdiff <command> [arguments]     (no command: the interactive REPL)",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${paint(io, "bold", c.name.padEnd(width))}  ${c.summary}`),
    "",
    "Run symdiff <command> --help for its options and examples.",
    "",
    "Examples:",
    '  symdiff diff "x^2*y + sin(y)" --wrt x     # 2*x*y',
    '  symdiff grad "x^2*y + sin(y)" --at x=1,y=2',
    "  symdiff",
    "",
  ].join("\n");
}
