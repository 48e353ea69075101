/** Positions in the input, as people count them, and ParseErrors that carry them. Shared by both readers. */
import { ParseError } from "../errors.js";

/** The 1-based line and column of `offset` in `text`. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  // Columns count characters as people see them (code points), not UTF-16 units: 𝑥 is one column.
  return { line, column: [...text.slice(start, offset)].length + 1 };
}

/** A ParseError at `offset` in `text`. */
export function errorAt(text: string, offset: number, reason: string, found: string, expected: string): ParseError {
  const { line, column } = position(text, offset);
  return new ParseError(reason, expected, found, offset, line, column);
}
