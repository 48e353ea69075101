/**
 * The REPL's command table, in the order `:help` lists them.
 * To add a command: implement `ReplCommand` (command.ts), import it here and add it to the list.
 */
import {
  delCommand,
  derivativeCommand,
  gradCommand,
  helpCommand,
  hessianCommand,
  latexCommand,
  latexModeCommand,
  lnModeCommand,
  quitCommand,
  unsetCommand,
  varsCommand,
} from "./builtins.js";
import { implicitReplCommand, tangentReplCommand } from "./calculus.js";
import type { ReplCommand } from "./command.js";
import { checkReplCommand, stepsReplCommand } from "../homework/repl.js";

export const REPL_COMMANDS: readonly ReplCommand[] = [
  derivativeCommand,
  gradCommand,
  hessianCommand,
  tangentReplCommand,
  implicitReplCommand,
  latexCommand,
  stepsReplCommand,
  checkReplCommand,
  varsCommand,
  unsetCommand,
  delCommand,
  latexModeCommand,
  lnModeCommand,
  helpCommand,
  quitCommand,
];
