/**
 * Formulas on the page: KaTeX output (HTML for the eye, MathML for screen readers) with the plain-text form as the
 * element's accessible name, or the plain text alone when a page would hold more LaTeX than a browser lays out quickly.
 */
import katex from "katex";
import "katex/dist/katex.min.css";

/**
 * Characters of LaTeX typeset per update. KaTeX's output costs the browser about 50 µs per character to lay out, so a
 * long derivation (steps of a 150-deep sin(sin(...)) hold 280,000) would freeze the tab for half a minute; beyond
 * the budget, formulas are shown as plain text.
 */
const TYPESET_BUDGET = 30_000;

export interface Budget {
  left: number;
}

export const newBudget = (): Budget => ({ left: TYPESET_BUDGET });

/** Typesets `latex` into `target`, or shows `text` when the budget is spent. */
export function math(target: HTMLElement, latex: string, text: string, displayMode: boolean, budget: Budget = newBudget()): void {
  if (latex.length > budget.left) {
    target.classList.add("plain");
    target.removeAttribute("role");
    target.removeAttribute("aria-label");
    target.textContent = text;
    return;
  }
  budget.left -= latex.length;
  target.classList.remove("plain");
  katex.render(latex, target, { throwOnError: true, displayMode, output: "htmlAndMathml" });
  target.setAttribute("role", "math");
  target.setAttribute("aria-label", text);
}
