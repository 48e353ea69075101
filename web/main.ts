/**
 * The derivative practice page. Everything runs here, in the browser, on the library's own source: the derivative,
 * its step-by-step derivation, the answer check and the compiled functions the plot samples are the same code as
 * `symdiff diff`, `steps` and `check`.
 *
 * The page's state is what a link holds (state.ts): function, variable, order, point and answer. Typing changes it
 * and records it in the address bar (debounced, so a word typed is one history entry); the back button restores it.
 */
// The library's modules, imported one by one rather than through src/index.ts, whose training utilities read files.
import type { Expr } from "../src/ast/expr.js";
import { compile } from "../src/compile/compile.js";
import { diff } from "../src/diff.js";
import { LimitError, ParseError } from "../src/errors.js";
import { evaluate } from "../src/evaluate.js";
import { check, type CheckResult } from "../src/homework/check.js";
import { type Step, steps } from "../src/homework/steps.js";
import { parse } from "../src/parser/parse.js";
import { derivativeLatex, toLatex } from "../src/print/latex.js";
import { format } from "../src/print/text.js";
import { chooseXRange, chooseYRange, type RealFunction, type Window } from "./geometry.js";
import { hintFor } from "./hint.js";
import { Plot, short } from "./plot.js";
import { MAX_ORDER, type PageState, readState, writeState } from "./state.js";
import { tangentAt } from "./tangent.js";
import { type Budget, math, newBudget } from "./typeset.js";
import "./style.css";

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const exprInput = element<HTMLInputElement>("expr");
const exprError = element<HTMLPreElement>("expr-error");
const wrtSelect = element<HTMLSelectElement>("wrt");
const orderInput = element<HTMLInputElement>("order");
const orderError = element<HTMLPreElement>("order-error");
const preview = element<HTMLDivElement>("preview");
const practiceForm = element<HTMLFormElement>("practice");
const answerPrompt = element<HTMLSpanElement>("answer-prompt");
const answerInput = element<HTMLInputElement>("answer");
const answerPreview = element<HTMLDivElement>("answer-preview");
const showButton = element<HTMLButtonElement>("show");
const verdictBox = element<HTMLDivElement>("verdict");
const solution = element<HTMLElement>("solution");
const result = element<HTMLDivElement>("result");
const stepsBox = element<HTMLDivElement>("steps");
const pointInput = element<HTMLInputElement>("point");
const pointError = element<HTMLPreElement>("point-error");
const xMinInput = element<HTMLInputElement>("x-min");
const xMaxInput = element<HTMLInputElement>("x-max");
const fitButton = element<HTMLButtonElement>("fit");
const plotNote = element<HTMLParagraphElement>("plot-note");
const plotArea = element<HTMLDivElement>("plot-area");
const tangentBox = element<HTMLDivElement>("tangent-equation");
const hSlider = element<HTMLInputElement>("h");
const hValue = element<HTMLOutputElement>("h-value");
const quotientOutput = element<HTMLOutputElement>("secant-quotient");
const exactSlope = element<HTMLSpanElement>("exact-slope");

/** The function as understood, and what is derived from it; undefined while the input is invalid. */
interface Problem {
  readonly f: Expr;
  readonly wrt: string;
  readonly order: number;
  /** The derivative the answer is checked against: of order `order`. */
  readonly derivative: Expr;
  /** f and f' as compiled functions of the variable, when f has no other variable (else no plot). */
  readonly curves?: { readonly f: RealFunction; readonly df: RealFunction };
}

let problem: Problem | undefined;
/** The point a as typed, once it reads as a number. */
let point: { expr: Expr; value: number } | undefined;
let view: Window | undefined;
/** Whether the derivative and steps are shown: after a right answer or "show me", until the question changes. */
let revealed = false;

const plot = new Plot(element("plot") as unknown as SVGSVGElement, (a, settled) => {
  pointInput.value = short(a);
  updatePoint();
  record(settled ? "now" : "soon");
});

// ---- the question: function, variable, order ----

function updateProblem(): void {
  problem = undefined;
  revealed = false;
  clearVerdict();
  for (const el of [preview, result, stepsBox, answerPrompt]) el.replaceChildren();
  result.removeAttribute("data-text");
  solution.hidden = true;
  const text = exprInput.value;
  const order = readOrder();
  try {
    const f = parse(text);
    math(preview, toLatex(f), format(f), true);
    const wrt = chooseVariable(f);
    showError(exprInput, exprError, undefined);
    if (order === undefined) throw new OrderError();
    const derivative = diff(f, wrt, order);
    const others = [...f.vars].filter((v) => v !== wrt);
    const curves = others.length === 0 ? { f: compile(f, [wrt]), df: compile(diff(f, wrt), [wrt]) } : undefined;
    problem = { f, wrt, order, derivative, ...(curves && { curves }) };
    math(answerPrompt, derivativeLatex(f, wrt, order), `d${order > 1 ? `^${order}` : ""}/d${wrt}${order > 1 ? `^${order}` : ""} of ${format(f)}`, false);
  } catch (e) {
    if (!(e instanceof OrderError)) showError(exprInput, exprError, describeError(e, text));
  }
  updateAnswerPreview();
  view = undefined;
  updatePoint();
}

/**
 * The variable select offers the function's variables and keeps the one chosen while the function has it. A variable
 * the function lacks is offered only when a link asks for it (the derivative is then 0, which is a fair question).
 */
function chooseVariable(f: Expr): string {
  const fromLink = wrtSelect.dataset.wanted;
  delete wrtSelect.dataset.wanted;
  const wanted = fromLink ?? wrtSelect.value;
  const options = [...f.vars].sort();
  if (fromLink && !options.includes(fromLink)) options.push(fromLink);
  if (options.length === 0) options.push("x");
  const chosen = options.includes(wanted) ? wanted : options[0]!;
  wrtSelect.replaceChildren(...options.map((v) => new Option(v, v, false, v === chosen)));
  wrtSelect.value = chosen;
  return chosen;
}

/** The order typed, or undefined (and an error beside the box) when it is not one the page offers. */
function readOrder(): number | undefined {
  const order = Number(orderInput.value);
  const valid = orderInput.value.trim() !== "" && Number.isInteger(order) && order >= 1 && order <= MAX_ORDER;
  showError(orderInput, orderError, valid ? undefined : `a whole number from 1 to ${MAX_ORDER}`);
  return valid ? order : undefined;
}

/** The order box is wrong: its error is shown beside it, and the function's box keeps its own. */
class OrderError extends Error {}

// ---- errors beside their inputs ----

/** An error as a person at the page should read it: for a parse error, the input with a caret and what would fit. */
function describeError(e: unknown, input: string): string {
  if (e instanceof ParseError) {
    const expected = e.expected ? `\nexpected here: ${e.expected}` : "";
    return `${input}\n${" ".repeat(Math.max(0, e.column - 1))}^ ${e.reason}${expected}`;
  }
  if (e instanceof LimitError) return `too large for this page: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

function showError(input: HTMLInputElement, target: HTMLPreElement, message: string | undefined): void {
  target.hidden = message === undefined;
  target.textContent = message ?? "";
  input.setAttribute("aria-invalid", String(message !== undefined));
}

// ---- practice: the answer first, then the derivative ----

function updateAnswerPreview(): void {
  answerPreview.replaceChildren();
  answerPreview.classList.remove("error");
  const text = answerInput.value;
  if (text.trim() === "") return;
  try {
    const answer = parse(text);
    math(answerPreview, toLatex(answer), format(answer), true);
  } catch (e) {
    answerPreview.classList.add("error");
    answerPreview.textContent = describeError(e, text);
  }
}

function clearVerdict(): void {
  verdictBox.hidden = true;
  verdictBox.className = "";
  delete verdictBox.dataset.verdict;
  verdictBox.replaceChildren();
}

function showVerdict(kind: "correct" | "incorrect" | "error", headline: string, details: (string | HTMLElement)[]): void {
  verdictBox.hidden = false;
  verdictBox.className = kind;
  verdictBox.dataset.verdict = kind;
  const strong = document.createElement("strong");
  strong.textContent = headline;
  const paragraphs = details.map((d) => (typeof d === "string" ? Object.assign(document.createElement("p"), { textContent: d }) : d));
  verdictBox.replaceChildren(strong, ...paragraphs);
}

function checkAnswer(): void {
  if (!problem) return showVerdict("error", "Fix the function first", []);
  const text = answerInput.value;
  if (text.trim() === "") return showVerdict("error", "Type your answer first", []);
  let answer: Expr;
  let r: CheckResult;
  try {
    answer = parse(text);
    r = check(answer, problem.derivative);
  } catch (e) {
    return showVerdict("error", "Your answer could not be read", [describeError(e, text)]);
  }
  const note = r.note ? [`Note: ${r.note}.`] : [];
  if (r.equivalent) {
    const how = r.method === "symbolic" ? "it simplifies to the derivative" : "it equals the derivative at every point compared";
    showVerdict("correct", "✓ Correct", [`Your answer is right: ${how}.`, ...note]);
    return reveal();
  }
  const at = Object.entries(r.point ?? {}).map(([v, x]) => `${v} = ${x}`).join(", ");
  const where = r.values && at ? [`At ${at} your answer is ${shortValue(r.values[0])}, but the derivative is ${shortValue(r.values[1])}.`] : [];
  showVerdict("incorrect", "✗ Not correct", [...where, ...note, ...hintParagraph(answer, problem)]);
}

/** The hint for a wrong answer, from the last differentiation's steps (see hint.ts). */
function hintParagraph(answer: Expr, p: Problem): HTMLElement[] {
  try {
    const before = p.order > 1 ? diff(p.f, p.wrt, p.order - 1) : p.f;
    const derivation = steps(before, p.wrt);
    const hint = hintFor(answer, before, p.wrt, derivation);
    if (!hint) return [];
    const box = document.createElement("p");
    box.className = "hint";
    box.dataset.rule = hint.step.rule;
    box.dataset.step = String(hint.index);
    const of = format(hint.step.expr);
    box.textContent = hint.missed
      ? `Hint: your answer is what you get when d/d${p.wrt}[${of}] is skipped (step ${hint.index}, the ${ruleName(hint.step)})` +
        (hint.parent ? `, which the ${ruleName(hint.parent)} needs.` : ".")
      : `Hint: start with the ${ruleName(hint.step)}, and work each derivative it needs out in turn.`;
    return [box];
  } catch (e) {
    if (e instanceof LimitError) return []; // no derivation to draw a hint from; the point above still helps
    throw e;
  }
}

function ruleName(step: Step): string {
  return step.rule === "function" ? "derivative of a known function" : step.rule === "simplify" ? "simplification" : `${step.rule} rule`;
}

function shortValue(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : "undefined";
}

function reveal(): void {
  if (!problem || revealed) return;
  revealed = true;
  solution.hidden = false;
  const { f, wrt, order, derivative } = problem;
  const budget = newBudget();
  math(result, toLatex(derivative, { lhs: { of: f, wrt, order } }), `d/d${wrt} = ${format(derivative)}`, true, budget);
  result.dataset.text = format(derivative);
  stepsBox.replaceChildren();
  let g = f;
  for (let k = 1; k <= order; k++) {
    if (order > 1) stepsBox.append(Object.assign(document.createElement("h3"), { textContent: `Derivative ${k} of ${order}` }));
    showSteps(g, wrt, budget);
    g = diff(g, wrt);
  }
}

function showSteps(f: Expr, wrt: string, budget: Budget): void {
  let derivation: Step[];
  try {
    derivation = steps(f, wrt);
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    stepsBox.append(Object.assign(document.createElement("p"), { className: "note", textContent: "Too long to show step by step." }));
    return;
  }
  const list = document.createElement("ol");
  list.className = "steps";
  for (const step of derivation) {
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
    list.append(item);
  }
  stepsBox.append(list);
}

// ---- the plot: f, f', the tangent at a and the secant through a and a + h ----

function updatePoint(): void {
  point = undefined;
  const text = pointInput.value;
  try {
    const expr = parse(text);
    if (expr.vars.size > 0) throw new RangeError(`the point must be a number, such as 2 or pi/4, not an expression in ${[...expr.vars].join(", ")}`);
    const value = evaluate(expr);
    if (!Number.isFinite(value)) throw new RangeError(`${format(expr)} is not a finite number`);
    point = { expr, value };
    showError(pointInput, pointError, undefined);
  } catch (e) {
    showError(pointInput, pointError, describeError(e, text));
  }
  drawPlot();
}

function drawPlot(): void {
  const curves = problem?.curves;
  plotArea.hidden = !curves || !point;
  plotNote.hidden = !problem || curves !== undefined;
  if (problem && !curves) plotNote.textContent = `The plot shows functions of one variable; this one has ${[...problem.f.vars].sort().join(", ")}.`;
  if (!problem || !curves || !point) return;
  const a = point.value;
  if (!view || a < view.xMin || a > view.xMax) view = fitView(curves, a);
  const h = stepSize(view);
  plot.draw({ ...curves, a, h, window: view });
  hValue.textContent = String(Number(h.toPrecision(3)));
  showTangent(problem, point.expr);
  const quotient = (curves.f(a + h) - curves.f(a)) / h;
  quotientOutput.value = shortValue(quotient);
  quotientOutput.dataset.value = String(quotient);
}

/** A window around a chosen from the curves, or the one the user typed in the x boxes. */
function fitView(curves: NonNullable<Problem["curves"]>, a: number, typed?: [number, number]): Window {
  const [xMin, xMax] = typed ?? chooseXRange(curves.f, curves.df, a);
  const [yMin, yMax] = chooseYRange([curves.f, curves.df], xMin, xMax, [curves.f(a)]);
  xMinInput.value = short(xMin);
  xMaxInput.value = short(xMax);
  return { xMin, xMax, yMin, yMax };
}

/** h from the slider: logarithmic, from a quarter of the window's width down to 10⁻⁴ of that. */
function stepSize(w: Window): number {
  return ((w.xMax - w.xMin) / 4) * 10 ** (-Number(hSlider.value) / 25);
}

function showTangent(p: Problem, a: Expr): void {
  const tangent = tangentAt(p.f, p.wrt, a);
  if (!tangent) {
    tangentBox.textContent = `No tangent at ${p.wrt} = ${format(a)}: the function or its derivative has no value there.`;
    tangentBox.dataset.text = "";
    delete tangentBox.dataset.slope;
    exactSlope.textContent = "undefined";
    delete exactSlope.dataset.value;
    return;
  }
  math(tangentBox, tangent.latex, `tangent: ${tangent.text}`, true);
  tangentBox.dataset.text = tangent.text;
  tangentBox.dataset.slope = String(tangent.slope.value);
  math(exactSlope, `f'(${toLatex(a)}) ${tangent.slope.exact ? "=" : "\\approx"} ${tangent.slope.latex}`, `f'(${format(a)}) = ${tangent.slope.text}`, false);
  exactSlope.dataset.value = String(tangent.slope.value);
}

function useTypedRange(): void {
  const typed: [number, number] = [Number(xMinInput.value), Number(xMaxInput.value)];
  const curves = problem?.curves;
  if (!curves || !point || !typed.every(Number.isFinite) || typed[0] >= typed[1]) return;
  view = fitView(curves, point.value, typed);
  drawPlot();
}

// ---- the address bar: a link restores the page, the back button goes back ----

function currentState(): PageState {
  return { f: exprInput.value, v: wrtSelect.value, n: Number(orderInput.value) || 1, a: pointInput.value, answer: answerInput.value };
}

function applyState(s: PageState): void {
  exprInput.value = s.f;
  wrtSelect.value = s.v;
  wrtSelect.dataset.wanted = s.v; // the options are made by updateProblem, from the function
  orderInput.value = String(s.n);
  pointInput.value = s.a;
  answerInput.value = s.answer;
  updateProblem();
}

let recordTimer: ReturnType<typeof setTimeout> | undefined;

/** Records the state as a history entry: at once, or after a pause in typing (one entry per word, not per key). */
function record(when: "now" | "soon"): void {
  clearTimeout(recordTimer);
  const push = () => {
    const search = writeState(currentState());
    if (search !== location.search) history.pushState(null, "", search);
  };
  if (when === "now") push();
  else recordTimer = setTimeout(push, 600);
}

window.addEventListener("popstate", () => {
  // Typing not yet acted on belongs to the page being left: it must not land on the one restored.
  clearTimeout(recordTimer);
  for (const cancel of pendingTyping) cancel();
  applyState(readState(location.search));
});

// ---- events ----

/** Cancels the typing each input has not yet acted on. */
const pendingTyping: (() => void)[] = [];

/** Runs `fn` after a pause in typing into one input (each input its own timer), then records the state. */
const afterTyping = (fn: () => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  pendingTyping.push(() => clearTimeout(timer));
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      fn();
      record("soon");
    }, 120);
  };
};

exprInput.addEventListener("input", afterTyping(updateProblem));
pointInput.addEventListener("input", afterTyping(updatePoint));
orderInput.addEventListener("input", afterTyping(updateProblem));
wrtSelect.addEventListener("change", () => {
  updateProblem();
  record("now");
});
answerInput.addEventListener("input", () => {
  clearVerdict();
  updateAnswerPreview();
  record("soon");
});
practiceForm.addEventListener("submit", (e) => {
  e.preventDefault();
  checkAnswer();
  record("now");
});
showButton.addEventListener("click", reveal);
hSlider.addEventListener("input", drawPlot);
xMinInput.addEventListener("change", useTypedRange);
xMaxInput.addEventListener("change", useTypedRange);
fitButton.addEventListener("click", () => {
  view = undefined;
  drawPlot();
});

applyState(readState(location.search));
