#!/usr/bin/env node
/** The `symdiff` executable: the command line in src/cli/, run with this process's streams. */
import { main } from "./cli/main.js";
import { wantsColor } from "./cli/style.js";

// A closed pipe (`symdiff ... | head -1`) is a normal way for output to end, not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stdin.isTTY === true,
  color: wantsColor(process.stdout, process.env),
});
