// The browser platform, smoke-tested end to end: Zero OS boots in headless
// Chromium from the built page, reaches the shell, and `ps` shows Init and
// the five core services running. Builds nothing: it serves what is in
// build/web/dist (tools/web/serve.mjs, a free port), on a fresh profile.
//
// The console stream is read where it leaves the kernel worker: an init
// script wraps the page's Worker so that every protocol.ts message the
// kernel worker posts is also recorded (the page itself is not touched),
// and input is posted to the worker the way the page posts it. A
// screenshot goes to build/test-logs/web/platform_smoke.png.
//
// --measure also prints figures (not tests: no thresholds): the time from
// navigation to the prompt, the null syscall round trip between a process
// worker and the kernel worker (user/tests/nullcall), the IPC call/reply
// between two processes (ipcbench), and the CPU the whole browser uses
// over 10 s of an idle system (its processes' times from /proc).
//
// Run from web/ or anywhere: node tests/web/platform_smoke.mjs [--dist DIR]
// [--measure]. Prints "RESULT web-platform <passed> <failed>".
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const DIST = path.resolve(opt("--dist", path.join(ROOT, "build/web/dist")));
const MEASURE = args.includes("--measure");
const LOGS = path.join(ROOT, "build/test-logs/web");
const CHROMIUM = process.env.ZOS_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const PROMPT = /zero(?::[^\n>]*)?> $/;

let passed = 0;
let failed = 0;
const check = (cond, what, detail) => {
  if (cond) passed++;
  else failed++;
  console.log(`${cond ? "ok  " : "FAIL"}  ${what}`);
  if (!cond && detail) console.log(String(detail).replace(/^/gm, "      "));
  return cond;
};
const note = (what) => console.log(`note  ${what}`);
const finish = (code = failed ? 1 : 0) => {
  console.log(`RESULT web-platform ${passed} ${failed}`);
  process.exit(code);
};

const pw = path.join(ROOT, "web/node_modules/playwright-core/index.mjs");
if (!check(existsSync(pw), "playwright-core is in web/node_modules (make web installs it)")) finish();
if (!check(existsSync(path.join(DIST, "index.html")) && existsSync(path.join(DIST, "zos/kernel.wasm")),
  `${path.relative(ROOT, DIST)} holds the page and zos/kernel.wasm (make web builds them)`)) finish();
if (!check(existsSync(CHROMIUM), `Chromium is at ${CHROMIUM} (tools/deps.sh installs it)`)) finish();
const { chromium } = await import(pathToFileURL(pw).href);

// Records what the kernel worker says, beside the page (which is left as it is).
function recorder() {
  const rec = { console: "", stages: {}, booted: null, fatal: null, stopped: null, worker: null, promptAt: null };
  window.__zosSmoke = rec;
  const Real = window.Worker;
  const dec = new TextDecoder();
  window.Worker = class extends Real {
    constructor(url, opts) {
      super(url, opts);
      if (!/kernel-worker/.test(String(url))) return;
      rec.worker = this;
      this.addEventListener("message", (e) => {
        const m = e.data;
        if (m.kind === "console") {
          rec.console += dec.decode(m.bytes, { stream: true });
          if (rec.promptAt === null && /zero> $/.test(rec.console)) rec.promptAt = performance.now();
        } else if (m.kind === "stage") rec.stages[m.id] = m.state;
        else if (m.kind === "booted") rec.booted = m;
        else if (m.kind === "fatal") rec.fatal = m;
        else if (m.kind === "stopped") rec.stopped = m;
      });
    }
  };
}

function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "tools/web/serve.mjs"), "--port", "0", "--quiet", "--dir", DIST],
      { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+\//);
      if (m) resolve({ url: m[0], close: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

// ---- the browser's CPU, from /proc -----------------------------------------

const TICK = 100; // USER_HZ on Linux
function procStat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}
// Every process under the Chromium that runs on profile dir.
function browserProcs(profile) {
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  const root = all.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(`--user-data-dir=${profile}`) &&
        !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=");
    } catch {
      return false;
    }
  });
  const set = new Set(root);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pid of all) {
      const st = procStat(pid);
      if (st && set.has(st.ppid) && !set.has(pid)) {
        set.add(pid);
        grew = true;
      }
    }
  }
  return [...set];
}
const cpuTicks = (pids) => pids.reduce((n, pid) => n + (procStat(pid)?.cpu ?? 0), 0);

// ---- the scenario ----------------------------------------------------------

const server = await serve();
const profile = mkdtempSync(path.join(os.tmpdir(), "zos-web-smoke-"));
mkdirSync(LOGS, { recursive: true });
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1100, height: 720 },
});
const errors = [];
const page = ctx.pages()[0] ?? (await ctx.newPage());
page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
page.on("console", (m) => {
  if (m.type() === "error" && !/favicon/.test(m.location()?.url ?? "")) errors.push(`console: ${m.text()}`);
});
const rec = (expr) => page.evaluate(expr);
const consoleText = () => rec(() => window.__zosSmoke.console);

// Waits until the console ends in a prompt after `from` characters.
async function prompt(from = 0, ms = 60_000) {
  await page.waitForFunction(
    ([from]) => {
      const r = window.__zosSmoke;
      return r.fatal || r.stopped || (r.console.length > from && /zero(?::[^\n>]*)?> $/.test(r.console));
    },
    [from],
    { timeout: ms, polling: 50 },
  );
}

async function type(text) {
  await page.evaluate((t) => window.__zosSmoke.worker.postMessage({ kind: "input", bytes: new TextEncoder().encode(t) }), text);
}

// Runs a command and returns what it printed (up to the next prompt).
async function run(cmd, ms = 60_000) {
  const from = (await consoleText()).length;
  await type(`${cmd}\r`);
  await prompt(from + cmd.length + 1, ms);
  return (await consoleText()).slice(from);
}

try {
  await page.addInitScript(recorder);
  const t0 = Date.now();
  await page.goto(server.url);
  await prompt(0).catch(() => undefined);
  const state = await rec(() => ({ ...window.__zosSmoke, worker: undefined }));
  if (!check(!state.fatal && !state.stopped && PROMPT.test(state.console), "Zero OS boots to the shell prompt",
    state.fatal ? `${state.fatal.what}\n${state.fatal.advice}` : state.console.slice(-600))) {
    await page.screenshot({ path: path.join(LOGS, "platform_smoke.png") });
    throw new Error("no shell");
  }
  const stages = ["platform", "binaries", "log", "init", "services", "shell"];
  check(stages.every((s) => state.stages[s] === "done"), "every boot stage is done", JSON.stringify(state.stages));
  check(state.booted && state.booted.commits > 0 && /^[0-9a-f]{64}$/.test(state.booted.stateHash),
    "booted: commits and the state hash reported", JSON.stringify(state.booted));
  check(await rec(() => self.crossOriginIsolated), "the page is cross-origin isolated");
  if (MEASURE) note(`boot: navigation to the prompt ${((state.promptAt ?? 0) / 1).toFixed(0)} ms (page clock), ${Date.now() - t0} ms wall`);

  const ps = await run("ps");
  const alive = new Set([...ps.matchAll(/^\s*(\d+)\s+\d+\s+running\s+(\S+)/gm)].map((m) => Number(m[1])));
  check([1, 2, 3, 4, 5, 6].every((pid) => alive.has(pid)), "ps: PIDs 1-6 (Init and the core services) are running", ps);
  check(/\binit\b/.test(ps) && /\bvfs\b/.test(ps) && /\bterminal\b/.test(ps), "ps names init, vfs and the terminal", ps);

  const v = await run("verify");
  check(/chain intact/.test(v) && /replayed state matches the running system/.test(v),
    "verify: the log in memory and in IndexedDB replays to the running state", v);
  await page.screenshot({ path: path.join(LOGS, "platform_smoke.png") });

  if (MEASURE) {
    const nc = await run("spawn nullcall");
    const ncDone = await page.waitForFunction(() => /nullcall: done: median (\d+)/.exec(window.__zosSmoke.console)?.[1] ?? null,
      null, { timeout: 60_000, polling: 100 }).then((h) => h.jsonValue()).catch(() => null);
    note(`null syscall round trip (worker <-> kernel worker, YIELD): median ${ncDone ?? "?"} ns/call${ncDone ? "" : `\n${nc}`}`);
    await run("spawn ipcbench-server");
    await run("spawn ipcbench-client");
    const ipc = await page.waitForFunction(() => /ipcbench: done: [^\n]*median ([\d.]+) us\/call/.exec(window.__zosSmoke.console)?.[1] ?? null,
      null, { timeout: 90_000, polling: 100 }).then((h) => h.jsonValue()).catch(() => null);
    note(`IPC call/reply between two processes (ipcbench, 8-byte body): median ${ipc ?? "?"} us/call`);
    await page.waitForTimeout(2000); // let the benchmarks' processes end
    const pids = browserProcs(profile);
    const c0 = cpuTicks(pids);
    const w0 = Date.now();
    await new Promise((ok) => setTimeout(ok, 10_000));
    const cpu = (cpuTicks(pids) - c0) / TICK;
    const wall = (Date.now() - w0) / 1000;
    note(`idle: the whole browser (${pids.length} processes) used ${(cpu * 1000).toFixed(0)} ms of CPU in ${wall.toFixed(1)} s: ${((100 * cpu) / wall).toFixed(2)}% of a core`);
  }
  check(errors.length === 0, "no error on the page's console", errors.join("\n"));
} catch (e) {
  check(false, `the smoke test ran to its end: ${e.message}`, (await consoleText().catch(() => "")).slice(-800));
} finally {
  await ctx.close().catch(() => undefined);
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
finish();
