/**
 * The plot: f, f', the tangent at a and the secant through a and a + h, drawn as plain SVG (see README, "Libraries
 * we use, and why"). The point a moves by dragging on the plot, or with the arrow keys while the plot has focus
 * (it is a slider to assistive technology); every move is reported to the page, which owns the state.
 */
import { keyStep, type RealFunction, sampleCurve, type Segments, ticks, type Window } from "./geometry.js";

const WIDTH = 640;
const HEIGHT = 400;
const SVG = "http://www.w3.org/2000/svg";

export interface Scene {
  readonly f: RealFunction;
  readonly df: RealFunction;
  readonly a: number;
  readonly h: number;
  readonly window: Window;
}

/** Where the point was moved; `settled` is false while a drag or a run of key presses goes on. */
export type PointListener = (a: number, settled: boolean) => void;

export class Plot {
  private scene: Scene | undefined;
  private dragging = false;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly onPoint: PointListener,
  ) {
    svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
    svg.addEventListener("pointerdown", (e) => {
      if (!this.scene) return;
      this.dragging = true;
      svg.setPointerCapture(e.pointerId);
      svg.focus();
      this.moveTo(this.xAt(e.clientX), false);
    });
    svg.addEventListener("pointermove", (e) => this.dragging && this.moveTo(this.xAt(e.clientX), false));
    const end = (e: PointerEvent) => {
      if (!this.dragging) return;
      this.dragging = false;
      this.moveTo(this.xAt(e.clientX), true);
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("keydown", (e) => this.onKey(e));
  }

  draw(scene: Scene): void {
    this.scene = scene;
    const { f, df, a, h, window: w } = scene;
    const fa = f(a);
    const m = df(a);
    const children: SVGElement[] = [...this.grid(w)];
    children.push(path("plot-df", "curve derivative", segmentsPath(sampleCurve(df, w), w)));
    children.push(path("plot-f", "curve function", segmentsPath(sampleCurve(f, w), w)));
    if (Number.isFinite(fa) && Number.isFinite(m)) {
      const tangent = (x: number) => m * (x - a) + fa;
      children.push(path("plot-tangent", "tangent", segmentsPath([[[w.xMin, tangent(w.xMin)], [w.xMax, tangent(w.xMax)]]], w)));
    }
    const fb = f(a + h);
    if (Number.isFinite(fa) && Number.isFinite(fb)) {
      const slope = (fb - fa) / h;
      const secant = (x: number) => slope * (x - a) + fa;
      children.push(path("plot-secant", "secant", segmentsPath([[[w.xMin, secant(w.xMin)], [w.xMax, secant(w.xMax)]]], w)));
      children.push(dot("plot-point-h", "point secondary", a + h, fb, w));
    }
    if (Number.isFinite(fa)) children.push(dot("plot-point", "point", a, fa, w));
    this.svg.replaceChildren(...children);
    for (const [name, value] of Object.entries(w)) this.svg.dataset[name] = String(value);
    this.svg.setAttribute("aria-valuenow", String(a));
    this.svg.setAttribute("aria-valuemin", String(w.xMin));
    this.svg.setAttribute("aria-valuemax", String(w.xMax));
    this.svg.setAttribute("aria-valuetext", `a = ${short(a)}, f(a) = ${Number.isFinite(fa) ? short(fa) : "undefined"}`);
  }

  private grid(w: Window): SVGElement[] {
    const out: SVGElement[] = [];
    const [sx, sy] = scales(w);
    for (const t of ticks(w.xMin, w.xMax)) {
      out.push(element("line", { class: t === 0 ? "axis" : "grid", x1: sx(t), x2: sx(t), y1: 0, y2: HEIGHT }));
      out.push(label(short(t), sx(t) + 3, HEIGHT - 4, "start"));
    }
    for (const t of ticks(w.yMin, w.yMax, 6)) {
      out.push(element("line", { class: t === 0 ? "axis" : "grid", x1: 0, x2: WIDTH, y1: sy(t), y2: sy(t) }));
      out.push(label(short(t), 4, sy(t) - 3, "start"));
    }
    return out;
  }

  private xAt(clientX: number): number {
    const { window: w } = this.scene!;
    const box = this.svg.getBoundingClientRect();
    const x = w.xMin + ((clientX - box.left) / box.width) * (w.xMax - w.xMin);
    return roundTo(x, keyStep(w.xMin, w.xMax));
  }

  private moveTo(a: number, settled: boolean): void {
    const { window: w } = this.scene!;
    this.onPoint(Math.min(w.xMax, Math.max(w.xMin, a)), settled);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.scene) return;
    const { a, window: w } = this.scene;
    const step = keyStep(w.xMin, w.xMax) * (e.shiftKey ? 10 : 1);
    const moves: Record<string, number> = { ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step };
    const by = moves[e.key];
    if (by === undefined) return;
    e.preventDefault();
    this.moveTo(roundTo(a + by, step), true);
  }
}

function scales(w: Window): [(x: number) => number, (y: number) => number] {
  return [(x) => ((x - w.xMin) / (w.xMax - w.xMin)) * WIDTH, (y) => ((w.yMax - y) / (w.yMax - w.yMin)) * HEIGHT];
}

/** SVG path data: one `M` per piece, so a gap in the curve is a gap in the drawing. */
function segmentsPath(segments: Segments, w: Window): string {
  const [sx, sy] = scales(w);
  return segments.map((s) => s.map(([x, y], i) => `${i === 0 ? "M" : "L"}${sx(x).toFixed(2)},${sy(y).toFixed(2)}`).join("")).join("");
}

function element(name: string, attributes: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  return e;
}

function path(id: string, className: string, d: string): SVGElement {
  return element("path", { id, class: className, d });
}

function dot(id: string, className: string, x: number, y: number, w: Window): SVGElement {
  const [sx, sy] = scales(w);
  return element("circle", { id, class: className, cx: sx(x), cy: sy(y), r: 5 });
}

function label(text: string, x: number, y: number, anchor: string): SVGElement {
  const t = element("text", { x, y, "text-anchor": anchor, class: "tick" });
  t.textContent = text;
  return t;
}

/** A number as people read it off a plot: at most 6 significant digits. */
export function short(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** `v` rounded to a multiple of `step`, without binary noise (0.30000000000000004). */
function roundTo(v: number, step: number): number {
  return Number((Math.round(v / step) * step).toPrecision(12));
}
