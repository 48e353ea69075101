/**
 * The REPL's command table, in the order `:help` lists them.
 * To add a command: implement `ReplCommand` (command.ts), import it here and add it to the list.
 */
import { derivativeCommand, gradCommand, helpCommand, hessianCommand, latexCommand, latexModeCommand, quitCommand, unsetCommand, varsCommand } from "./builtins.js";
import type { ReplCommand } from "./command.js";
import { checkReplCommand, stepsReplCommand } from "../homework/repl.js";

export const REPL_COMMANDS: readonly ReplCommand[] = [
  derivativeCommand,
  gradCommand,
  hessianCommand,
  latexCommand,
  stepsReplCommand,
  checkReplCommand,
  varsCommand,
  unsetCommand,
  latexModeCommand,
  helpCommand,
  quitCommand,
];
