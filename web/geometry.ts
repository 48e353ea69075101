/**
 * The arithmetic of the plot, apart from any drawing: which window to show, where a sampled curve must break (where
 * the function is undefined, or jumps across an asymptote), and where the ticks go. Pure functions of numbers, so
 * they are tested without a browser (test/web/geometry.test.ts).
 */

export type RealFunction = (x: number) => number;

export interface Window {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** Half-width of the window around the point before it is widened to show nearby features. */
const BASE_HALF_WIDTH = 4;
/** How far from the point a zero or a turning point is still worth widening the window for. */
const FEATURE_REACH = 20;
/** Samples of the scan for features. */
const FEATURE_SAMPLES = 2000;

/**
 * The x interval to show around `a`: a ± 4, widened to take in the nearest zero and the nearest turning point
 * (a sign change of f or of f') on each side, when they lie within 20 of `a`, with a margin.
 */
export function chooseXRange(f: RealFunction, df: RealFunction, a: number): [number, number] {
  let lo = a - BASE_HALF_WIDTH;
  let hi = a + BASE_HALF_WIDTH;
  for (const g of [f, df]) {
    const changes = signChanges(g, a - FEATURE_REACH, a + FEATURE_REACH, FEATURE_SAMPLES);
    const left = changes.filter((x) => x < a).pop();
    const right = changes.find((x) => x > a);
    if (left !== undefined) lo = Math.min(lo, left);
    if (right !== undefined) hi = Math.max(hi, right);
  }
  const margin = (hi - lo) * 0.1;
  return [lo - (lo < a - BASE_HALF_WIDTH ? margin : 0), hi + (hi > a + BASE_HALF_WIDTH ? margin : 0)];
}

/** Where `g` changes sign between consecutive finite samples (midpoints), excluding jumps through infinity. */
function signChanges(g: RealFunction, from: number, to: number, samples: number): number[] {
  const out: number[] = [];
  let previous = { x: from, y: g(from) };
  for (let i = 1; i <= samples; i++) {
    const x = from + ((to - from) * i) / samples;
    const y = g(x);
    if (Number.isFinite(y) && Number.isFinite(previous.y) && Math.sign(y) !== Math.sign(previous.y) && !isJump(g, previous.x, x, previous.y, y, Math.abs(y - previous.y) / 2)) {
      out.push((previous.x + x) / 2);
    }
    previous = { x, y };
  }
  return out;
}

/**
 * The y interval for the curves sampled on [xMin, xMax]: the 3rd to 97th percentile of their finite values, so
 * that the values near an asymptote do not flatten everything else, with a margin, and always holding `alsoShow`.
 */
export function chooseYRange(curves: readonly RealFunction[], xMin: number, xMax: number, alsoShow: readonly number[] = []): [number, number] {
  const values: number[] = [];
  for (const g of curves) {
    for (let i = 0; i <= 400; i++) {
      const y = g(xMin + ((xMax - xMin) * i) / 400);
      if (Number.isFinite(y)) values.push(y);
    }
  }
  values.sort((p, q) => p - q);
  let lo = values.length > 0 ? values[Math.floor(values.length * 0.03)]! : -1;
  let hi = values.length > 0 ? values[Math.ceil(values.length * 0.97) - 1]! : 1;
  for (const y of alsoShow) {
    if (Number.isFinite(y)) {
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
    lo -= 1;
    hi += 1;
  }
  const margin = (hi - lo) * 0.12;
  return [lo - margin, hi + margin];
}

/** A polyline of the curve in plot coordinates: the pieces between gaps. */
export type Segments = [number, number][][];

/**
 * Samples `g` at `samples` + 1 points over the window and cuts the curve where it is undefined (a non-finite
 * value) or jumps: consecutive values further apart than the visible height, where bisection shows the jump does
 * not shrink (a steep but continuous stretch does: each halving halves it).
 */
export function sampleCurve(g: RealFunction, w: Window, samples = 600): Segments {
  const height = w.yMax - w.yMin;
  const segments: Segments = [];
  let current: [number, number][] = [];
  let previous: { x: number; y: number } | undefined;
  for (let i = 0; i <= samples; i++) {
    const x = w.xMin + ((w.xMax - w.xMin) * i) / samples;
    const y = g(x);
    const breaks = !Number.isFinite(y) || (previous !== undefined && isJump(g, previous.x, x, previous.y, y, height));
    if (breaks && current.length > 0) {
      segments.push(current);
      current = [];
    }
    if (Number.isFinite(y)) current.push([x, clampY(y, w)]);
    previous = Number.isFinite(y) ? { x, y } : undefined;
  }
  if (current.length > 0) segments.push(current);
  return segments.filter((s) => s.length > 1);
}

/** Halvings of a suspect step: 2^-40 of a sample step is far below what a screen shows. */
const BISECTIONS = 40;

/**
 * Whether g jumps between x0 and x1 (values y0, y1): the step is larger than `threshold`, and halving the interval
 * towards the larger half-step keeps a step above a tenth of it, or finds a point where g is undefined.
 */
function isJump(g: RealFunction, x0: number, x1: number, y0: number, y1: number, threshold: number): boolean {
  if (!(Math.abs(y1 - y0) > threshold)) return false;
  for (let i = 0; i < BISECTIONS; i++) {
    const xm = (x0 + x1) / 2;
    const ym = g(xm);
    if (!Number.isFinite(ym)) return true;
    if (Math.abs(ym - y0) >= Math.abs(y1 - ym)) [x1, y1] = [xm, ym];
    else [x0, y0] = [xm, ym];
  }
  return Math.abs(y1 - y0) > threshold / 10;
}

/** Values far outside the window are pulled in, so the path's numbers stay small; the visible part is unchanged. */
function clampY(y: number, w: Window): number {
  const height = w.yMax - w.yMin;
  return Math.min(w.yMax + 10 * height, Math.max(w.yMin - 10 * height, y));
}

/** Round tick positions in [lo, hi], about `count` of them, at steps of 1, 2 or 5 times a power of ten. */
export function ticks(lo: number, hi: number, count = 8): number[] {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest the raw one, on a log scale (25 → 20, 40 → 50).
  const distance = (s: number) => Math.abs(Math.log(s / raw));
  const step = [1, 2, 5, 10].map((m) => m * power).reduce((best, s) => (distance(s) < distance(best) ? s : best));
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** A step for moving the point with the arrow keys: a round number near a hundredth of the window's width. */
export function keyStep(xMin: number, xMax: number): number {
  const raw = (xMax - xMin) / 100;
  return 10 ** Math.round(Math.log10(raw));
}
