/**
 * Parts of issue 17 written at the same time as these tests: the LaTeX reader, and Leibniz prefixes and equations in
 * the text grammar. Each flag asks the library once whether its part has landed; the tests that need it are skipped
 * until then (the guards go when the parts are merged).
 */
import { diff, format, parse } from "../../src/index.js";

function works(probe: () => boolean): boolean {
  try {
    return probe();
  } catch {
    return false;
  }
}

/** `parse(text, { syntax: "latex" })` reads LaTeX. */
export const latexReady = works(() => format(parse("\\frac{1}{2}", { syntax: "latex" })) === "1/2");

/** The text grammar reads a Leibniz prefix: `d/dx x^2` asks for the derivative. */
export const leibnizReady = works(() => format(diff("d/dx x^2")) === "2*x");

/** The text grammar reads an equation `f(t) = t^3` as its right side, with f's parameters as the variables. */
export const equationReady = works(() => format(diff("f(t) = t^3")) === "3*t^2");
