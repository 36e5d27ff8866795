// What the browser suites (tests/web/*.mjs) and the browser benchmarks
// (bench/web_*.mjs) share: Debian's Chromium driven by playwright-core from
// web/node_modules, headless, a fresh profile per scenario; the built page
// served by tools/web/serve.mjs; the terminal read through the page's
// read-only window.zosPage; and a suite's tally, ending with
// "RESULT <suite> <passed> <failed>". A suite needs the page and the wasm
// runtime built (`make web`): without them it stops at once with a
// message and no RESULT line, which tests/run.sh counts as a failure.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "../..");
export const DIST = path.join(ROOT, "build/web/dist");
export const LOGS = path.join(ROOT, "build/test-logs/web");
export const ZOS_LOG = path.join(ROOT, "build/host/tools/zos-log");
// the kernel worker's script, as the build names it
export const WORKER_SCRIPT = /kernel-worker[^/]*\.js$/;
export const CHROMIUM = process.env.ZOS_CHROMIUM ?? "/usr/bin/chromium";
export const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// The shell's prompt at the end of the console: "zero> ", "alice@zero> ",
// "zero:/home> ".
export const PROMPT = /(?:^|\n)(?:[\w.-]+@)?zero(?::[^\n>]*)?> $/;
const PROMPT_LINE = /(?:[\w.-]+@)?zero(?::[^\n>]*)?> $/;

const pw = path.join(ROOT, "web/node_modules/playwright-core/index.mjs");
for (const [need, what] of [
  [pw, "playwright-core is missing from web/node_modules"],
  [path.join(DIST, "index.html"), "the page (build/web/dist/index.html) is not built"],
  [path.join(DIST, "zos/kernel.wasm"), "the wasm runtime (build/web/dist/zos/kernel.wasm) is not built"],
  [CHROMIUM, `there is no Chromium at ${CHROMIUM} (tools/deps.sh installs Debian's)`],
]) {
  if (!existsSync(need)) {
    console.log(`${what}: run make web first`);
    process.exit(2);
  }
}
export const { chromium } = await import(pathToFileURL(pw).href);
mkdirSync(LOGS, { recursive: true });

// ---- a suite's tally ----------------------------------------------------

export class Suite {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failed = 0;
    this.started = Date.now();
  }
  ok(what) {
    this.passed++;
    console.log(`ok ${what}`);
  }
  bad(what, detail) {
    this.failed++;
    console.log(`FAIL ${what}`);
    if (detail) console.log(String(detail).replace(/^/gm, "    "));
  }
  check(cond, what, detail) {
    if (cond) this.ok(what);
    else this.bad(what, detail);
    return cond;
  }
  // Runs one scenario; a throw is one failure with its message, and the
  // scenario's browser is closed by whoever opened it (try/finally there).
  async scenario(name, fn) {
    const t0 = Date.now();
    console.log(`== ${name}`);
    try {
      await fn();
    } catch (e) {
      this.bad(`${name}: ${e?.message ?? e}`, e?.stack?.split("\n").slice(1, 4).join("\n"));
    }
    console.log(`   (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  finish() {
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    console.log(`${this.name}: ${secs} s`);
    console.log(`RESULT ${this.name} ${this.passed} ${this.failed}`);
    process.exit(this.failed ? 1 : 0);
  }
}

// ---- the server -----------------------------------------------------------

// Starts tools/web/serve.mjs on a free port; resolves to {url, close}.
export function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "tools/web/serve.mjs"), "--port", "0", "--quiet"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+\//);
      if (m) resolve({ url: m[0], close: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

// ---- the browser ----------------------------------------------------------

export function freshProfile(name) {
  return mkdtempSync(path.join(os.tmpdir(), `zos-web-${name}-`));
}

// Chromium on a profile (a fresh one unless given), headless. Collects the
// page's console errors and uncaught exceptions into `errors`.
export async function openBrowser(name, { profile, viewport = { width: 1100, height: 720 } } = {}) {
  const dir = profile ?? freshProfile(name);
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    acceptDownloads: true,
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors = watchErrors(page);
  const close = async ({ keep = !!profile } = {}) => {
    await ctx.close().catch(() => {});
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  return { ctx, page, dir, errors, close };
}

// The stand-in kernel worker (tests/web/fixtures/standin-kernel-worker.js)
// served in place of the built one, in the given scenario: the page's own
// tests, which need no Zero OS.
const STANDIN = readFileSync(path.join(ROOT, "tests/web/fixtures/standin-kernel-worker.js"), "utf8");
export const ISOLATED = { "Cross-Origin-Embedder-Policy": "require-corp", "Cross-Origin-Resource-Policy": "same-origin" };
export async function useStandin(page, scenario = {}) {
  await page.route(WORKER_SCRIPT, (r) =>
    r.fulfill({
      status: 200,
      headers: { ...ISOLATED, "Content-Type": "text/javascript" },
      body: `const ZOS_STANDIN = ${JSON.stringify(scenario)};\n${STANDIN}`,
    }),
  );
}

// Chromium started by hand in its own process group on a persistent
// profile, driven over CDP, so that it can be killed like a crashing
// browser: kill() SIGKILLs the whole group and waits until no process on
// that profile is left.
export async function openKillable(profile, { viewport = { width: 1100, height: 720 } } = {}) {
  const proc = spawn(
    CHROMIUM,
    [...FLAGS, "--headless", `--user-data-dir=${profile}`, "--remote-debugging-port=0",
      `--window-size=${viewport.width},${viewport.height}`, "about:blank"],
    { detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  const ws = await new Promise((resolve, reject) => {
    let err = "";
    const t = setTimeout(() => reject(new Error(`chromium gave no DevTools address:\n${err}`)), 20_000);
    proc.stderr.on("data", (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    proc.on("exit", (code) => reject(new Error(`chromium exited (${code}):\n${err}`)));
  });
  proc.stderr.resume();
  const browser = await chromium.connectOverCDP(ws);
  const ctx = browser.contexts()[0];
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.setViewportSize(viewport);
  const errors = watchErrors(page);
  const kill = async () => {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {}
    for (let i = 0; i < 200 && onProfile(profile).length; i++) await new Promise((ok) => setTimeout(ok, 50));
    for (const pid of onProfile(profile)) {
      try {
        process.kill(pid, "SIGKILL"); // a child that left the group (it is ours)
      } catch {}
    }
    browser.close().catch(() => {});
  };
  return { browser, page, errors, kill, pid: proc.pid };
}

// The live processes whose command line names the profile (not zombies).
function onProfile(profile) {
  const pids = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/cmdline`, "utf8").includes(profile)) continue;
      if (/^State:\s+Z/m.test(readFileSync(`/proc/${d}/status`, "utf8"))) continue;
      pids.push(Number(d));
    } catch {}
  }
  return pids;
}

export function watchErrors(page) {
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

export async function shot(page, name) {
  const file = path.join(LOGS, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`   screenshot ${path.relative(ROOT, file)}`);
  return file;
}

// The numbers of web/src/generated/zos.ts (generated from include/zos/),
// for the fixtures that speak the mailbox protocol themselves.
export function zosConstants() {
  const src = readFileSync(path.join(ROOT, "web/src/generated/zos.ts"), "utf8");
  return Object.fromEntries(
    [...src.matchAll(/^export const (\w+) = (-?\d+|"[^"]*");$/gm)].map((m) => [m[1], JSON.parse(m[2])]),
  );
}

// Serves the built kernel worker with `code` in front of it (in its own
// block), for a scenario: the page and the runtime are unchanged.
export async function prefixKernelWorker(page, code) {
  await page.route(WORKER_SCRIPT, async (r) => {
    const res = await r.fetch();
    await r.fulfill({ response: res, headers: { ...res.headers(), ...ISOLATED }, body: `{\n${code}\n}\n${await res.text()}` });
  });
}

// ---- the terminal ---------------------------------------------------------

export const transcript = (page) => page.evaluate(() => window.zosPage?.transcript() ?? "");

// Waits until the console, from character `since` on, matches `re`;
// returns that part of the console. Gives up at once when the page shows
// that Zero OS stopped (fatal or stopped), saying what the page said.
export async function waitText(page, re, { since = 0, timeout = 20_000 } = {}) {
  let met;
  try {
    met = await page.waitForFunction(
      ([src, flags, from]) => {
        if (new RegExp(src, flags).test((window.zosPage?.transcript() ?? "").slice(from))) return "met";
        const phase = document.querySelector("[data-testid=page]")?.getAttribute("data-phase");
        return phase === "fatal" || phase === "stopped" || phase === "missing" ? phase : false;
      },
      [re.source, re.flags, since],
      { timeout, polling: 50 },
    );
  } catch {
    const tail = (await transcript(page)).slice(since).slice(-1500);
    throw new Error(`the console never showed ${re} (waited ${timeout / 1000} s); it ends:\n${tail}`);
  }
  const why = await met.jsonValue();
  if (why !== "met") {
    const said = await page.evaluate(() => document.querySelector("[data-testid=page]")?.innerText ?? "");
    throw new Error(`the page is ${why} while waiting for ${re}: ${said.replace(/\s+/g, " ").slice(0, 600)}`);
  }
  return (await transcript(page)).slice(since);
}

// Loads the page and waits for the shell's first prompt.
export async function boot(page, url, { timeout = 30_000 } = {}) {
  await page.goto(url);
  await waitText(page, PROMPT, { timeout });
}

// Reloads the page (the workers end as a closed tab's do) and waits for
// the shell's prompt again; returns the new console.
export async function reload(page, { timeout = 60_000 } = {}) {
  await page.reload();
  return waitText(page, PROMPT, { timeout });
}

// `ps` as {pid: "state name"}.
export async function ps(page) {
  return Object.fromEntries(
    [...(await run(page, "ps")).matchAll(/^\s*(\d+)\s+\d+\s+(\w+)\s+(\S+)/gm)].map((m) => [m[1], `${m[2]} ${m[3]}`]),
  );
}

// Types `spawn prog` and waits until the console, after it, matches `re`
// (by default the line Init prints when prog exits); returns that part.
export async function spawnUntil(page, prog, re = new RegExp(`${prog} \\(pid \\d+\\) (?:exited|crashed)[^\\n]*\\n`), { timeout = 30_000 } = {}) {
  const since = (await transcript(page)).length;
  await page.keyboard.type(`spawn ${prog}\n`);
  return waitText(page, re, { since, timeout });
}

// Types one command line into the terminal (real key events) and waits for
// the next prompt; returns what the command printed (without its echo and
// the prompt after it).
export async function run(page, line, { timeout = 20_000 } = {}) {
  const since = (await transcript(page)).length;
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  const out = await waitText(page, PROMPT, { since, timeout });
  const body = out.slice(out.indexOf("\n") + 1);
  return body.replace(PROMPT_LINE, "").replace(/\r/g, "");
}

// Pastes text into the terminal (one input message per paste, as a person
// pasting would), for long inputs that key events would make slow.
export async function paste(page, text) {
  await page.evaluate((t) => {
    const area = document.querySelector(".xterm-helper-textarea");
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

// The terminal's rows as drawn (xterm's no-break spaces read as spaces).
// xterm draws on the next animation frame, so with `want` it first waits
// (up to `timeout`) for a row that reads so.
export async function screenRows(page, want = null, { timeout = 5000 } = {}) {
  if (want !== null)
    await page
      .waitForFunction(
        (w) =>
          [...document.querySelectorAll(".xterm-rows > div")].some(
            (d) => (d.textContent ?? "").replace(/\u00a0/g, " ").trimEnd() === w,
          ),
        want,
        { timeout, polling: "raf" },
      )
      .catch(() => {});
  return page.$$eval(".xterm-rows > div", (ds) => ds.map((d) => (d.textContent ?? "").replace(/\u00a0/g, " ").trimEnd()));
}

export async function stageStates(page) {
  return page.$$eval("[data-stage]", (els) => els.map((e) => [e.dataset.stage, e.dataset.state]));
}
