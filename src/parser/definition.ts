/**
 * What an equation's left side may define, checked the same way for both readers (text `f(x, y) = ...`, LaTeX
 * `f\left(x, y\right) = ...`, `\frac{dy}{dx} = ...`): a name that means nothing yet, with distinct parameters.
 */
import { CONSTANTS, isBuiltinFunction } from "./expression.js";
import { errorAt } from "./position.js";

/** A name as written at `offset` in the text. */
export interface PlacedName {
  readonly name: string;
  readonly offset: number;
}

/** Throws a ParseError when `head(params) = ...` cannot be a definition; a derivative's primes (`f'`) are allowed. */
export function checkDefinition(text: string, head: PlacedName, params: readonly PlacedName[]): void {
  const unprimed = head.name.replace(/'+$/, "");
  if (isBuiltinFunction(unprimed) || CONSTANTS.has(unprimed)) {
    throw errorAt(text, head.offset, `'${unprimed}' is built in and cannot be defined`, unprimed, "another name on the left of '=', such as f(x) = ... or y = ...");
  }
  for (const [i, p] of params.entries()) {
    if (CONSTANTS.has(p.name)) throw errorAt(text, p.offset, `the constant '${p.name}' cannot be a parameter`, p.name, "a variable name");
    if (params.findIndex((q) => q.name === p.name) < i) throw errorAt(text, p.offset, `parameter '${p.name}' appears twice`, p.name, "distinct parameter names");
  }
}
