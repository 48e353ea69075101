/**
 * `symdiff serve`: serves the homework checker page (built by Vite into dist/web/) on this computer only.
 * The page computes everything in the browser, so the server only hands out files.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type RequestListener, type Server } from "node:http";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandArgs } from "../cli/args.js";
import type { Command } from "../cli/command.js";
import { helpText } from "../cli/help.js";
import { UsageError } from "../cli/report.js";

/** The built page: dist/web/, next to this module's dist/homework/. */
export const WEB_ROOT = fileURLToPath(new URL("../web/", import.meta.url));

const HOST = "127.0.0.1";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
};

/** Files under `root`, GET and HEAD only; nothing outside `root` is reachable. */
export function staticFiles(root: string): RequestListener {
  const base = resolve(root);
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://host").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = resolve(base, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    const body = file.startsWith(base + sep) ? await readFile(file).catch(() => undefined) : undefined;
    if (body === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`not found: ${path}\n`);
      return;
    }
    res.writeHead(200, {
      "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": body.length,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

/** Listens on 127.0.0.1; port 0 lets the system pick a free one. Resolves to the port in use. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE") reject(new UsageError(`port ${port} is in use: choose another with --port, or leave --port out for a free one`));
      else if (e.code === "EACCES") reject(new UsageError(`no permission to use port ${port}: choose one above 1023`));
      else reject(e);
    });
    server.listen(port, HOST, () => resolvePort((server.address() as { port: number }).port));
  });
}

const OPTIONS = { port: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

export const serveCommand: Command = {
  name: "serve",
  summary: "serve the homework checker web page at http://127.0.0.1",
  help: helpText({
    usage: "symdiff serve [--port N]",
    description: [
      "Serves the homework checker page on this computer only: type a function and see its derivative rendered,",
      "step by step, and check an answer. Everything is computed in the browser; stop the server with Ctrl-C.",
    ].join("\n"),
    options: [],
    notes: ["Options:", "  --port N          the port (default: a free one, printed at start)", "  -h, --help        show this help"].join("\n"),
    examples: ["symdiff serve", "symdiff serve --port 8080"],
  }),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got ${positionals.map((p) => JSON.stringify(p)).join(" ")}`);
    const port = values.port === undefined ? 0 : portNumber(values.port);
    const server = createServer(staticFiles(WEB_ROOT));
    const used = await listen(server, port);
    if (!existsSync(resolve(WEB_ROOT, "index.html"))) {
      server.close();
      throw new Error(`the web page is not built (${WEB_ROOT} has no index.html): run npm run build`);
    }
    io.stdout.write(`symdiff homework checker: http://${HOST}:${used}/  (Ctrl-C stops)\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop).off("SIGTERM", stop);
        server.closeAllConnections();
        server.close(() => done());
      };
      process.on("SIGINT", stop).on("SIGTERM", stop);
    });
    return 0;
  },
};

function portNumber(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw new UsageError(`--port: expected a whole number from 1 to 65535, got '${text}'`);
  }
  return n;
}
