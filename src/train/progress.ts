/** A one-line progress bar with the current loss, redrawn in place (on a terminal) at most every 100 ms. */

const WIDTH = 30;
const INTERVAL_MS = 100;

export interface Progress {
  /** A line of text in place of the bar, until the next update. */
  status(text: string): void;
  update(iteration: number, loss: number): void;
  /** Erases the bar, leaving the line empty for what follows. */
  done(): void;
}

export function progressBar(stream: NodeJS.WritableStream, total: number): Progress {
  let last = -Infinity;
  return {
    status(text) {
      stream.write(`\r${text}\x1b[K`);
    },
    update(iteration, loss) {
      const t = Date.now();
      if (t - last < INTERVAL_MS && iteration < total) return;
      last = t;
      const filled = Math.round((iteration / total) * WIDTH);
      const percent = String(Math.floor((iteration / total) * 100)).padStart(3);
      stream.write(`\r[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${percent}%  iteration ${iteration}/${total}  loss ${loss.toPrecision(6)}\x1b[K`);
    },
    done() {
      stream.write("\r\x1b[K");
    },
  };
}
