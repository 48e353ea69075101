/**
 * Misuse of the public API (issue 15, class 8): every function exported by src/index.ts, called with an argument of
 * the wrong type in each position, throws an ArgumentError (a SymdiffError) saying which argument, never a TypeError.
 */
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { ArgumentError, SymdiffError } from "../../src/index.js";

const { parse } = api;

/** Valid arguments for each exported function, and which positions take which kind of value. */
const CALLS: Record<string, { args: () => unknown[]; construct?: boolean }> = {
  check: { args: () => ["x", "x", {}] },
  checkImplicit: { args: () => ["-x/y", "x^2 + y^2 = 1", "y", "x", 1, {}] },
  checkVariable: { args: () => ["x"] },
  compile: { args: () => ["x", ["x"]] },
  compileAll: { args: () => [["x"], ["x"]] },
  compileSum: { args: () => [["w*x"], ["w"], ["x"]] },
  diff: { args: () => ["x^2", "x", 1] },
  domainProblem: { args: () => ["x", { x: 1 }] },
  equals: { args: () => ["x", "x"] },
  evaluate: { args: () => ["x", { x: 1 }] },
  expandExpr: { args: () => [parse("(x+1)^2")] },
  format: { args: () => ["x"] },
  grade: { args: () => [[{ student: "a", question: "q", answer: "2x" }], [{ question: "q", function: "x^2" }], { check: { seed: 1 } }] },
  gradient: { args: () => ["x*y", ["x", "y"]] },
  gradientFunction: { args: () => ["w*x", ["w"], ["w", "x"]] },
  hessian: { args: () => ["x*y", ["x", "y"]] },
  implicitDiff: { args: () => ["x^2 + y^2 = 1", "y", "x", 1, {}] },
  implicitSteps: { args: () => ["x^2 + y^2 = 1", "y", "x", 1, {}] },
  loadCsv: { args: () => ["/nonexistent.csv", {}] },
  loadIris: { args: () => ["a"] },
  logisticRegression: { args: () => [2] },
  neuralNetwork: { args: () => [2, { hidden: 2 }] },
  softmaxRegression: { args: () => [2, 3] },
  nodeCount: { args: () => ["x"] },
  opCount: { args: () => [parse("x + 1")] },
  parse: { args: () => ["x", {}] },
  parseCsv: { args: () => ["a,y\n1,0\n"] },
  realValue: { args: () => ["x", { x: 1 }] },
  simplify: { args: () => ["x"] },
  stabilize: { args: () => ["log(sigmoid(x))"] },
  steps: { args: () => ["x^2", "x", 1, { ln: true }] },
  stepsToLatex: { args: () => [api.steps("x^2", "x")] },
  stepsToText: { args: () => [api.steps("x^2", "x")] },
  tangent: { args: () => ["x^2", "x", 2, {}] },
  substitute: { args: () => [parse("x"), new Map([["x", parse("2")]])] },
  toDataset: { args: () => [api.parseCsv("a,y\n1,0\n2,1\n"), {}] },
  toExpr: { args: () => ["x"] },
  toLatex: { args: () => ["x", {}] },
  toLatexMatrix: { args: () => [[["x"]]] },
  variables: { args: () => ["x"] },
  Trainer: { args: () => [api.logisticRegression(1), api.toDataset(api.parseCsv("a,y\n1,0\n2,1\n"))], construct: true },
};

/** Not checked here: error classes, and the exact-number class whose methods are the engine's inner loop. */
const NOT_CALLED = new Set(["ArgumentError", "DataError", "DomainError", "LimitError", "ParseError", "SymdiffError", "Rational"]);

const WRONG: readonly [string, () => unknown][] = [
  ["null", () => null],
  ["a number", () => 123],
  ["a boolean", () => true],
  ["a symbol", () => Symbol("s")],
  ["a function", () => () => 1],
  ["an object", () => ({ x: 1 })],
  ["an array of numbers", () => [1, 2]],
  ["a bigint", () => 10n],
];

function call(name: string, args: unknown[]): unknown {
  const f = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
  return CALLS[name]!.construct ? new (f as unknown as new (...a: unknown[]) => unknown)(...args) : f(...args);
}

describe("every exported function rejects wrong-typed arguments with an ArgumentError", () => {
  const exported = Object.entries(api).filter(([name, v]) => typeof v === "function" && !NOT_CALLED.has(name)).map(([name]) => name);

  it("the table covers every exported function", () => {
    expect(exported.filter((name) => !(name in CALLS))).toEqual([]);
  });

  for (const name of Object.keys(CALLS)) {
    it(name, () => {
      const valid = CALLS[name]!.args();
      if (name !== "loadCsv") call(name, valid); // the valid call works (loadCsv's file does not exist: a DataError)
      for (let position = 0; position < valid.length; position++) {
        for (const [what, wrong] of WRONG) {
          const args = CALLS[name]!.args();
          args[position] = wrong();
          let error: unknown;
          try {
            call(name, args);
          } catch (e) {
            error = e;
          }
          // Some wrong values are acceptable in some places (an object where options go, a number for an order);
          // what may never happen is an exception that is not a SymdiffError.
          if (error !== undefined && !(error instanceof SymdiffError)) {
            throw new Error(`${name} with ${what} as argument ${position + 1} threw ${(error as Error).constructor.name}: ${(error as Error).message}`);
          }
        }
      }
    });
  }

  it("the issue's examples are ArgumentErrors that say what was expected", () => {
    const { evaluate, gradient, toLatex } = api;
    expect(() => evaluate("x", null as never)).toThrow(ArgumentError);
    expect(() => evaluate("x", null as never)).toThrow(/scope must be an object/);
    expect(() => gradient("x", "x" as never)).toThrow(/gradient: the variables must be an array/);
    expect(() => parse(123 as never)).toThrow(ArgumentError);
    expect(() => parse(123 as never)).toThrow(/must be a string, got a number \(123\)/);
    expect(() => toLatex("x", null as never)).toThrow(ArgumentError);
    expect(() => api.diff("x", 3 as never)).toThrow(ArgumentError);
    expect(() => api.substitute(parse("x"), { x: 2 } as never)).toThrow(/must be a Map/);
    expect(() => api.stepsToText("x" as never)).toThrow(ArgumentError);
    expect(() => new api.Trainer(null as never, null as never)).toThrow(ArgumentError);
  });

  it("checks the inside of options objects too", () => {
    const wrongs: (() => unknown)[] = [
      () => api.toLatex("x", { lhs: { of: "x", wrt: 5 as never } }),
      () => api.toLatex("x", { lhs: { of: "x", wrt: null as never } }),
      () => api.toLatex("x", { lhs: 5 as never }),
      () => parse("f(x)", { functions: new Map([["f", null as never]]) }),
      () => parse("f(x)", { functions: new Map([["f", { params: ["a"], apply: 5 as never }]]) }),
      () => parse("f(x)", { functions: new Map([["f", { params: ["a"], apply: () => 5 as never }]]) }),
      () => api.loadIris("c" as never),
      () => api.loadCsv(5 as never),
      () => api.toDataset(api.parseCsv("a,y\n1,0\n"), { features: "a" as never }),
      () => api.check("x", "x", { seed: "1" as never }),
      () => api.check("x", "x", { ln: "yes" as never }),
      () => api.steps("x", "x", 1, { ln: 1 as never }),
      () => api.implicitSteps("x^2 + y^2 = 1", "y", "x", 1, { ln: "yes" as never }),
      () => api.grade([{ student: "a", question: "q", answer: 2 as never }], []),
      () => api.grade([null as never], []),
      () => api.grade([], [{ question: "q", function: null as never }]),
      () => api.grade([], [{ question: "q", function: "x", variable: 1 as never }]),
      () => api.grade([], [{ question: "q", function: "x", order: null as never }]),
      () => api.grade([], [], { check: { samples: 0 } }),
      () => api.grade([], [], { onProgress: 5 as never }),
    ];
    for (const wrong of wrongs) expect(wrong).toThrow(ArgumentError);
  });

  it("the Trainer's methods check their arguments too", () => {
    const trainer = new api.Trainer(api.logisticRegression(1), api.toDataset(api.parseCsv("a,y\n1,0\n2,1\n")));
    const params = new Float64Array(2);
    for (const wrong of [null, undefined, 1, [0, 0], {}]) {
      expect(() => trainer.lossAndGradient(wrong as never, params)).toThrow(ArgumentError);
      expect(() => trainer.lossAndGradient(params, wrong as never)).toThrow(ArgumentError);
      expect(() => trainer.accuracy(wrong as never)).toThrow(ArgumentError);
      expect(() => trainer.fit(params, wrong as never)).toThrow(ArgumentError);
    }
    expect(() => trainer.fit(params, { learningRate: 0.1, iterations: 1, onIteration: 5 as never })).toThrow(ArgumentError);
  });

  it("evaluate reads each value of the scope exactly once", () => {
    let reads = 0;
    const scope = {
      get x() {
        reads++;
        return reads === 1 ? 2 : ("not a number" as unknown as number);
      },
    };
    expect(api.evaluate("x + x*x", scope)).toBe(6);
    expect(reads).toBe(1);
    let realReads = 0;
    const scope2 = {
      get x() {
        realReads++;
        return realReads === 1 ? -1 : 4;
      },
    };
    // The value checked and the value reported are the same one: log(-1) at x=-1.
    expect(() => api.realValue("log(x)", scope2)).toThrow(/at x=-1/);
    expect(realReads).toBe(1);
  });
});
