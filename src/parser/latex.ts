/** LaTeX input: `parse(text, { syntax: "latex" })`. (Being written: grammar/latex.ne.) */
import { ParseError } from "../errors.js";
import type { ParseOptions, Statement } from "./statement.js";

export function readLatex(text: string, options: ParseOptions): Statement {
  void options;
  throw new ParseError("LaTeX input is not read yet", "", text, 0, 1, 1);
}
