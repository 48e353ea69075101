/** Tab completion: function names (with their opening parenthesis), defined names, and `:` commands. */
import { FUNCTION_NAMES } from "../functions.js";
import { NAME } from "../parser/lexer.js";
import type { SessionContext } from "./command.js";

/** Spellings the parser rewrites rather than keeping as table functions (see SUGAR in parser/parse.ts). */
const SUGAR_NAMES = ["sqrt", "cbrt"];

/** readline's completer: the candidates for the word before the cursor, and that word. */
export function complete(line: string, session: SessionContext): [string[], string] {
  const command = /^\s*(:\w*)$/.exec(line);
  if (command) return [matching(session.commandList.map((c) => c.name), command[1]!), command[1]!];
  const word = new RegExp(`${NAME}$`, "u").exec(line)?.[0] ?? "";
  if (word === "") return [[], ""];
  const functions = [...FUNCTION_NAMES.keys(), ...SUGAR_NAMES, "diff"];
  const defined = [...session.definitions.values()];
  const candidates = [
    ...functions.map((f) => `${f}(`),
    ...defined.map((d) => (d.params ? `${d.name}(` : d.name)),
  ];
  return [matching(candidates, word), word];
}

function matching(candidates: readonly string[], prefix: string): string[] {
  return [...new Set(candidates.filter((c) => c.startsWith(prefix)))].sort();
}
