/**
 * The tangent line of a graph y = f(x) at x = a, exactly: slope f'(a), intercept f(a) - a·f'(a). `x^2` at 2 is
 * `y = 4*x - 4`; `sin(x)` at pi/6 is `y = sqrt(3)*x/2 - sqrt(3)*pi/12 + 1/2`.
 *
 * Where f or f' has no real value at a there is no such line, and a DomainError says which and why (`sqrt(x)` at -1,
 * `1/x` at 0), and says when the tangent is vertical (`x^(1/3)` at 0). Other symbols of f (and of a) are parameters:
 * slope and intercept are then expressions in them, and the domain is checked at a few values of the parameters.
 */
import { add, mul, num, sub, sym } from "./ast/build.js";
import { type Expr, withinGeneration } from "./ast/expr.js";
import { Rational } from "./ast/rational.js";
import { substitute } from "./ast/transform.js";
import { describeValue, expectOptions } from "./arguments.js";
import { checkVariable, diff, toExpr, type ExprLike } from "./diff.js";
import { domainProblem, type DomainProblem } from "./domain.js";
import { ArgumentError, DomainError } from "./errors.js";
import { evaluate } from "./evaluate.js";
import { type ParseOptions, readStatement } from "./parser/parse.js";
import { toLatex } from "./print/latex.js";
import { format } from "./print/text.js";
import { simplify } from "./simplify/simplify.js";

export interface TangentLine {
  /** The variable of the graph: "x". */
  readonly variable: string;
  /** The name on the left of the equation: the defined name of `s = t^2`, else "y". */
  readonly dependent: string;
  /** The point of tangency (a, f(a)), exact; `x` is the abscissa and `y` the ordinate, whatever the names. */
  readonly point: { readonly x: Expr; readonly y: Expr };
  /** f'(a). */
  readonly slope: Expr;
  /** f(a) - a·f'(a): where the line crosses the vertical axis. */
  readonly intercept: Expr;
  /** slope·x + intercept, as an expression in the variable: `4*x - 4`. */
  readonly line: Expr;
  /** `y = 4*x - 4`. */
  readonly equation: string;
  /** `y = 4 x - 4`. */
  readonly latex: string;
}

/** Where the tangent line is: a number (0.5 is read as the decimal 1/2, exactly), the text of one (`pi/6`), or an expression. */
export type PointLike = number | ExprLike;

/**
 * The tangent line of y = `f` at `wrt` = `at`. `f` may be an expression, its text, or the text of a definition
 * (`y = x^2`, whose left side then names the line's left side).
 */
export function tangent(f: ExprLike, wrt: string, at: PointLike, options: ParseOptions = {}): TangentLine {
  return withinGeneration(() => {
    expectOptions(options, "tangent: the options");
    const variable = checkVariable(wrt);
    const { expression, dependent } = graph(f, variable, options);
    const a = pointOf(at, variable);
    const derivative = diff(expression, variable);
    checkDomain(expression, derivative, variable, a);
    const values = new Map([[variable, a]]);
    const value = simplify(substitute(expression, values));
    const slope = simplify(substitute(derivative, values));
    const intercept = simplify(sub(value, mul(a, slope)));
    // Built, not simplified: simplify would factor a parametric line (2*c*x - c becomes c*(2*x - 1)).
    const line = add(mul(slope, sym(variable)), intercept);
    return {
      variable,
      dependent,
      point: { x: a, y: value },
      slope,
      intercept,
      line,
      equation: `${dependent} = ${format(line)}`,
      latex: `${toLatex(sym(dependent))} = ${toLatex(line)}`,
    };
  });
}

/** The function whose graph it is, and the name of its values. */
function graph(f: ExprLike, variable: string, options: ParseOptions): { expression: Expr; dependent: string } {
  if (typeof f !== "string") return { expression: toExpr(f), dependent: "y" };
  const statement = readStatement(f, { ...options, variables: [variable, ...(options.variables ?? [])] });
  const expression = statement.derivative ? diff(statement.expression, statement.derivative) : statement.expression;
  const definition = statement.definition;
  const dependent = definition && definition.params.length === 0 && definition.name !== variable ? definition.name : "y";
  return { expression, dependent };
}

function pointOf(at: PointLike, variable: string): Expr {
  let a: Expr;
  if (typeof at === "number") {
    if (!Number.isFinite(at)) throw new ArgumentError(`tangent: the point must be a finite number, got ${at}`);
    const magnitude = Rational.fromDecimal(String(Math.abs(at)));
    a = num(at < 0 ? magnitude.neg() : magnitude);
  } else if (typeof at === "string" || typeof at === "object") {
    a = toExpr(at);
  } else {
    throw new ArgumentError(`tangent: the point must be a number, an expression or its text, got ${describeValue(at)}`);
  }
  if (a.vars.has(variable)) throw new ArgumentError(`tangent: the point ${variable} = ${format(a)} must not depend on ${variable}`);
  return a;
}

/**
 * Values tried for the parameters (each parameter gets a different one): a function of parameters, such as
 * `sqrt(c*x)` at -1, has a tangent for some of their values; it is refused only when it has none at any of these.
 */
const PARAMETER_VALUES = [0.7, -1.3, 2.9, -0.45, 1.7, -2.2];

/** Refuses a point where f or f' has no real value (for every choice of parameter values tried). */
function checkDomain(f: Expr, derivative: Expr, variable: string, a: Expr): void {
  const parameters = [...new Set([...f.vars, ...derivative.vars, ...a.vars])].filter((v) => v !== variable).sort();
  const scopes = parameters.length === 0 ? [new Map<string, number>()] : PARAMETER_VALUES.map((_, i) => new Map(parameters.map((p, j) => [p, PARAMETER_VALUES[(i + j) % PARAMETER_VALUES.length]!])));
  const where = parameters.length === 0 ? "" : ` for any value of ${parameters.join(", ")} tried`;
  const at = `${variable} = ${format(a)}`;
  const ofPoint = a.vars.size === 0 ? domainProblem(a) : undefined;
  if (ofPoint) throw new DomainError(`no tangent line at ${at}: the point has no real value (${explain(ofPoint)})`);
  const problems = (e: Expr) => {
    const found: { problem: DomainProblem; point: number }[] = [];
    for (const scope of scopes) {
      const point = evaluate(a, scope);
      if (!Number.isFinite(point)) continue; // these parameter values give no point at all
      const problem = domainProblem(e, new Map([...scope, [variable, point]]));
      if (!problem) return undefined; // one choice of parameters with a value is enough
      found.push({ problem, point });
    }
    return found[0];
  };
  const ofF = problems(f);
  if (ofF) throw new DomainError(`no tangent line at ${at}: ${format(f)} has no real value there${where} (${explain(ofF.problem)})`);
  const ofDerivative = problems(derivative);
  if (!ofDerivative) {
    if (parameters.length === 0) checkCorner(f, derivative, variable, a);
    return;
  }
  const reason = `its derivative ${format(derivative)} has no real value there${where} (${explain(ofDerivative.problem)})`;
  if (parameters.length === 0 && isVertical(derivative, variable, ofDerivative.point)) {
    throw new DomainError(`the tangent line at ${at} is vertical (${variable} = ${format(a)}), not y = m*${variable} + b: ${reason}`);
  }
  throw new DomainError(`no tangent line at ${at}: ${format(f)} is not differentiable there, ${reason}`);
}

/** How far from `a` (relative to its size) the slopes on either side are compared, and how much they may differ. */
const SIDE_STEP = 1e-7;
const SIDE_TOLERANCE = 1e-3;

/**
 * The rules give |x| the derivative sign(x), which is 0 at 0, but |x| has no tangent there: the slopes just left and
 * right of the point disagree. Smooth functions' slopes there differ by about 2·SIDE_STEP·f''(a), far below the
 * tolerance.
 */
function checkCorner(f: Expr, derivative: Expr, variable: string, a: Expr): void {
  const point = evaluate(a);
  const h = SIDE_STEP * Math.max(1, Math.abs(point));
  const [left, right] = [point - h, point + h].map((x) => evaluate(derivative, { [variable]: x })) as [number, number];
  if (!Number.isFinite(left) || !Number.isFinite(right) || Math.abs(left - right) <= SIDE_TOLERANCE * (1 + Math.abs(left) + Math.abs(right))) return;
  const round = (v: number) => String(Number(v.toPrecision(6)));
  throw new DomainError(
    `no tangent line at ${variable} = ${format(a)}: ${format(f)} has a corner there (the slope is ${round(left)} just left of it and ${round(right)} just right)`,
  );
}

function explain({ subexpression, reason }: DomainProblem): string {
  return subexpression.vars.size === 0 ? reason : `${reason} in ${format(subexpression)}`;
}

/** Steps toward the point at which |f'| must keep growing, on each side where f' is defined, for a vertical tangent. */
const APPROACH = [1e-3, 1e-5, 1e-7];
const GROWTH = 3;

/**
 * Whether the slope grows without bound toward `a` (x^(1/3) at 0, sqrt(x) at 0 from the right): then the tangent
 * is the vertical line x = a. A corner (|x| at 0) or a slope that stays undefined near `a` is not vertical.
 */
function isVertical(derivative: Expr, variable: string, a: number): boolean {
  const sides = [-1, 1].map((side) => APPROACH.map((h) => Math.abs(evaluate(derivative, { [variable]: a + side * h * Math.max(1, Math.abs(a)) }))));
  const growing = (v: number[]) => v.every(Number.isFinite) && v.every((m, i) => i === 0 || m > GROWTH * v[i - 1]!);
  const undefinedSide = (v: number[]) => v.every((m) => !Number.isFinite(m));
  return sides.some(growing) && sides.every((v) => growing(v) || undefinedSide(v));
}
