// Serves the built page (build/web/dist) on localhost with the headers
// cross-origin isolation needs (COOP same-origin, COEP require-corp, and
// CORP same-origin on every file), so SharedArrayBuffer and Atomics.wait
// work. Prints the address. Plain Node, no packages.
//
// Usage: node tools/web/serve.mjs [--port N] [--dir DIR] [--quiet]
//   --port N   listen on N (default 8080; 0: any free port)
//   --dir DIR  what to serve (default build/web/dist)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
if (args.includes("--help")) {
  process.stdout.write(
    "usage: node tools/web/serve.mjs [--port N] [--dir DIR] [--quiet]\n" +
      "Serves Zero OS's page on http://127.0.0.1:N/ with cross-origin isolation.\n",
  );
  process.exit(0);
}
const root = path.resolve(opt("--dir", path.join(here, "../../build/web/dist")));
const port = Number(opt("--port", "8080"));
const quiet = args.includes("--quiet");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json",
};

const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-cache",
};

async function answer(req, res) {
  const url = new URL(req.url ?? "/", "http://localhost");
  let rel = decodeURIComponent(url.pathname);
  if (rel.endsWith("/")) rel += "index.html";
  const file = path.resolve(root, "." + rel);
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403, isolation).end("outside the served folder\n");
    return;
  }
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error("not a file");
    const body = await readFile(file);
    const type = types[path.extname(file)] ?? "application/octet-stream";
    res.writeHead(200, { ...isolation, "Content-Type": type, "Content-Length": body.length });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { ...isolation, "Content-Type": "text/plain" }).end("not found\n");
  }
}

try {
  await stat(path.join(root, "index.html"));
} catch {
  process.stderr.write(`serve: ${root}/index.html is missing: run make web first\n`);
  process.exit(2);
}
const server = createServer((req, res) => {
  answer(req, res).catch(() => res.writeHead(500).end());
});
server.on("error", (e) => {
  process.stderr.write(`serve: cannot listen on 127.0.0.1:${port}: ${e.message}\n`);
  process.exit(2);
});
server.listen(port, "127.0.0.1", () => {
  const { port: p } = server.address();
  if (!quiet) process.stdout.write(`Zero OS in the browser: open http://127.0.0.1:${p}/ (Ctrl-C stops)\n`);
  else process.stdout.write(`http://127.0.0.1:${p}/\n`);
});
