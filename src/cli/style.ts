/** Terminal colours, used only when `io.color` says so (stdout is a terminal, NO_COLOR unset). */
import type { IO } from "./command.js";

const CODES = { red: [31, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], cyan: [36, 39] } as const;

export type Style = keyof typeof CODES;

export function paint(io: Pick<IO, "color">, style: Style, text: string): string {
  if (!io.color) return text;
  const [on, off] = CODES[style];
  return `\x1b[${on}m${text}\x1b[${off}m`;
}

/** Colours for the process: stdout is a terminal and NO_COLOR (https://no-color.org) is unset or empty. */
export function wantsColor(stdout: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stdout.isTTY === true && !env.NO_COLOR;
}
