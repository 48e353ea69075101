/**
 * Every `symdiff <name>` command, in the order `symdiff --help` lists them.
 * To add a command: implement `Command` (command.ts), import it here and add it to the list.
 */
import type { Command } from "./command.js";
import { diffCommand } from "./diff.js";
import { evalCommand } from "./eval.js";
import { gradCommand, hessianCommand } from "./grad.js";
import { replCommand } from "./repl.js";
import { simplifyCommand } from "./simplify.js";
import { tangentCommand } from "./tangent.js";
import { trainCommand } from "../train/cli.js";
import { predictCommand } from "../train/predict.js";
import { checkCommand, stepsCommand } from "../homework/cli.js";
import { gradeCommand } from "../homework/grade-cli.js";
import { serveCommand } from "../homework/serve.js";

export const COMMANDS: readonly Command[] = [
  diffCommand,
  gradCommand,
  hessianCommand,
  simplifyCommand,
  evalCommand,
  tangentCommand,
  replCommand,
  trainCommand,
  predictCommand,
  stepsCommand,
  checkCommand,
  gradeCommand,
  serveCommand,
];
