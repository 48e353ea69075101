/**
 * The homework checker page. Everything runs here, in the browser, on the library's own source: the derivative,
 * its step-by-step derivation and the answer check are the same code as `symdiff diff`, `steps` and `check`.
 */
import katex from "katex";
import "katex/dist/katex.min.css";
// The library's modules, imported one by one rather than through src/index.ts, whose training utilities read files.
import type { Expr } from "../src/ast/expr.js";
import { diff } from "../src/diff.js";
import { ParseError } from "../src/errors.js";
import { check, type CheckResult } from "../src/homework/check.js";
import { steps } from "../src/homework/steps.js";
import { parse } from "../src/parser/parse.js";
import { toLatex } from "../src/print/latex.js";
import { format } from "../src/print/text.js";
import "./style.css";

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const exprInput = element<HTMLInputElement>("expr");
const wrtInput = element<HTMLInputElement>("wrt");
const exprError = element<HTMLPreElement>("expr-error");
const preview = element<HTMLDivElement>("preview");
const answerInput = element<HTMLInputElement>("answer");
const answerPreview = element<HTMLDivElement>("answer-preview");
const checkButton = element<HTMLButtonElement>("check");
const verdictBox = element<HTMLDivElement>("verdict");
const result = element<HTMLDivElement>("result");
const stepList = element<HTMLOListElement>("steps");

/** The derivative of the function typed; undefined while the input is invalid. */
let derivative: Expr | undefined;

/**
 * Characters of LaTeX typeset per update. KaTeX's output costs the browser about 50 µs per character to lay out, so a
 * long derivation (steps of a 150-deep sin(sin(...)) hold 280,000) would freeze the tab for half a minute; beyond
 * the budget, formulas are shown as plain text.
 */
const TYPESET_BUDGET = 30_000;

interface Budget {
  left: number;
}

const newBudget = (): Budget => ({ left: TYPESET_BUDGET });

/** Typesets `latex` into `target`, or shows `text` when the budget is spent. */
function math(target: HTMLElement, latex: string, text: string, displayMode: boolean, budget: Budget): void {
  if (latex.length > budget.left) {
    target.classList.add("plain");
    target.textContent = text;
    return;
  }
  budget.left -= latex.length;
  target.classList.remove("plain");
  katex.render(latex, target, { throwOnError: true, displayMode });
}

/** An error as text, with a caret under the offending column for parse errors. */
function describeError(e: unknown, input: string): string {
  if (e instanceof ParseError) return `${input}\n${" ".repeat(Math.max(0, e.column - 1))}^ ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

function showError(target: HTMLPreElement, message: string | undefined): void {
  target.hidden = message === undefined;
  target.textContent = message ?? "";
}

function chooseVariable(f: Expr): string {
  const typed = wrtInput.value.trim();
  if (typed !== "") return typed;
  const vars = [...f.vars].sort();
  if (vars.length === 1) return vars[0]!;
  throw new Error(vars.length === 0 ? "this function has no variable: type one in the Variable box" : `choose the variable: ${vars.join(", ")}`);
}

function update(): void {
  derivative = undefined;
  clearVerdict();
  for (const el of [preview, result, stepList]) el.replaceChildren();
  result.removeAttribute("data-text");
  const text = exprInput.value;
  const budget = newBudget();
  try {
    const f = parse(text);
    math(preview, toLatex(f), format(f), true, budget);
    const wrt = chooseVariable(f);
    derivative = diff(f, wrt);
    math(result, toLatex(derivative, { lhs: { of: f, wrt } }), `d/d${wrt} = ${format(derivative)}`, true, budget);
    result.dataset.text = format(derivative);
    showSteps(f, wrt, budget);
    showError(exprError, undefined);
  } catch (e) {
    showError(exprError, describeError(e, text));
  }
  updateAnswerPreview();
}

function showSteps(f: Expr, wrt: string, budget: Budget): void {
  for (const step of steps(f, wrt)) {
    const item = document.createElement("li");
    item.style.setProperty("--depth", String(step.depth));
    item.dataset.rule = step.rule;
    const title = document.createElement("div");
    title.className = "step-title";
    math(title, step.titleLatex, step.title, false, budget);
    const equation = document.createElement("div");
    equation.className = "math";
    math(equation, step.equationLatex.join(" = "), step.equation.join(" = "), true, budget);
    item.append(title, equation);
    stepList.append(item);
  }
}

function updateAnswerPreview(): void {
  answerPreview.replaceChildren();
  answerPreview.classList.remove("error");
  const text = answerInput.value;
  if (text.trim() === "") return;
  try {
    const answer = parse(text);
    math(answerPreview, toLatex(answer), format(answer), true, newBudget());
  } catch (e) {
    answerPreview.classList.add("error");
    answerPreview.textContent = describeError(e, text);
  }
}

function clearVerdict(): void {
  verdictBox.hidden = true;
  verdictBox.className = "";
  verdictBox.replaceChildren();
}

function showVerdict(kind: "correct" | "incorrect" | "error", headline: string, details: string[]): void {
  verdictBox.hidden = false;
  verdictBox.className = kind;
  verdictBox.dataset.verdict = kind;
  const strong = document.createElement("strong");
  strong.textContent = headline;
  verdictBox.replaceChildren(strong, ...details.map((d) => Object.assign(document.createElement("p"), { textContent: d })));
}

function checkAnswer(): void {
  if (!derivative) return showVerdict("error", "Fix the function first", []);
  const text = answerInput.value;
  if (text.trim() === "") return showVerdict("error", "Type your answer first", []);
  let r: CheckResult;
  try {
    r = check(parse(text), derivative);
  } catch (e) {
    return showVerdict("error", "Your answer could not be read", [describeError(e, text)]);
  }
  const note = r.note ? [`Note: ${r.note}.`] : [];
  if (r.equivalent) {
    const how = r.method === "symbolic" ? "it simplifies to the derivative" : "it equals the derivative at every point compared";
    return showVerdict("correct", "✓ Correct", [`Your answer is right: ${how}.`, ...note]);
  }
  const at = Object.entries(r.point ?? {}).map(([v, x]) => `${v} = ${x}`).join(", ");
  const where = r.values && at ? [`At ${at} your answer is ${value(r.values[0])}, but the derivative is ${value(r.values[1])}.`] : [];
  showVerdict("incorrect", "✗ Not correct", [...where, ...note]);
}

function value(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : "undefined";
}

let timer: ReturnType<typeof setTimeout> | undefined;
const later = (fn: () => void) => () => {
  clearTimeout(timer);
  timer = setTimeout(fn, 120);
};

exprInput.addEventListener("input", later(update));
wrtInput.addEventListener("input", later(update));
answerInput.addEventListener("input", () => {
  clearVerdict();
  updateAnswerPreview();
});
answerInput.addEventListener("keydown", (e) => {
  if (e.key === "Enter") checkAnswer();
});
checkButton.addEventListener("click", checkAnswer);
update();
