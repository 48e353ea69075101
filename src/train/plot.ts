/** The loss curve as a self-contained SVG picture: axes with ticks, the curve, and a title. */

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = { left: 70, right: 20, top: 40, bottom: 50 };
/** Drawing more points than the plot has pixels across adds nothing but file size. */
const MAX_POINTS = 2 * (WIDTH - MARGIN.left - MARGIN.right);

export function lossCurveSvg(losses: Float64Array, title: string): string {
  const top = niceCeiling(losses.reduce((max, l) => (Number.isFinite(l) && l > max ? l : max), 0));
  const last = Math.max(losses.length - 1, 1);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (iteration: number) => MARGIN.left + (iteration / last) * plotWidth;
  const y = (loss: number) => MARGIN.top + (1 - loss / top) * plotHeight;

  const step = Math.max(1, Math.ceil(losses.length / MAX_POINTS));
  const points: string[] = [];
  for (let i = 0; i < losses.length; i += step) if (Number.isFinite(losses[i])) points.push(`${fixed(x(i))},${fixed(y(losses[i]!))}`);
  if ((losses.length - 1) % step !== 0 && Number.isFinite(losses[last])) points.push(`${fixed(x(last))},${fixed(y(losses[last]!))}`);

  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * last));
  const bottom = MARGIN.top + plotHeight;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
    ...yTicks.map((t) => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fixed(y(t))}" y2="${fixed(y(t))}" stroke="#ddd"/>` +
      `<text x="${MARGIN.left - 8}" y="${fixed(y(t) + 4)}" text-anchor="end">${tickLabel(t)}</text>`),
    ...xTicks.map((t) => `<text x="${fixed(x(t))}" y="${bottom + 18}" text-anchor="middle">${t}</text>`),
    `<path d="M${MARGIN.left},${MARGIN.top}V${bottom}H${WIDTH - MARGIN.right}" fill="none" stroke="black"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 10}" text-anchor="middle">iteration</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">mean loss</text>`,
    `<polyline points="${points.join(" ")}" fill="none" stroke="#1f77b4" stroke-width="2"/>`,
    "</svg>",
    "",
  ].join("\n");
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above x: round numbers for the top of the axis. */
function niceCeiling(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((c) => c >= x)!;
}

function tickLabel(t: number): string {
  return String(Number(t.toPrecision(3)));
}

function fixed(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);
}
