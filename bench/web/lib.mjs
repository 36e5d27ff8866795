// What the browser benchmarks (bench/web_*.mjs) share: a figure beside its
// same-run baseline in the layout of bench/bench.h (median, [min .. max],
// the ratio of the medians), CPU time of a process tree from /proc, the
// kernel worker's counts (what the system did: rings, passes, commits, the
// processes' own counts of their syscalls and wake-ups), and the baseline
// every syscall figure stands beside: a raw SharedArrayBuffer + Atomics
// ping-pong between two workers of a cross-origin isolated page.
// Benchmarks are not tests: nothing passes or fails on a number.
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { CHROMIUM, FLAGS, ROOT, WORKER_SCRIPT, chromium, freshProfile } from "../../tests/web/lib.mjs";

// playwright-core's own WebSocket client (an exported part of the package):
// DevTools sessions with workers, which Playwright's API does not open.
const { ws: WebSocket } = createRequire(path.join(ROOT, "web/node_modules/playwright-core/"))("playwright-core/lib/utilsBundle");

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

export function title(text) {
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`\n== ${text} ==`);
  console.log(`machine: ${os.cpus()[0]?.model ?? "unknown CPU"}; load average ${load}`);
}

const ROW = (a, b, c, d) => console.log(`  ${a.padEnd(46)} ${b.padEnd(22)} ${c.padEnd(44)} ${d}`);
export const header = () => ROW("figure", "value", "baseline (same run)", "ratio");

// fmt: a number in the unit's own words ("812 ms", "0.4 %", "5.1 us").
export function row(figure, values, baseline, bases, fmt) {
  if (!values.length) return ROW(figure, "skipped", `${baseline}: ${fmt(median(bases))}`, "-");
  const v = median(values);
  const b = median(bases);
  ROW(figure, fmt(v), `${baseline}: ${fmt(b)}`, `${(v / b).toFixed(2)}x`);
  ROW("", `[${fmt(Math.min(...values))} .. ${fmt(Math.max(...values))}]`,
    `  [${fmt(Math.min(...bases))} .. ${fmt(Math.max(...bases))}]`, "");
}
export const note = (text) => console.log(`    ${text}`);
export const ms = (x) => `${x.toFixed(0)} ms`;
export const us = (x) => `${x.toFixed(2)} us`;
export const pct = (x) => `${x.toFixed(2)} %`;

// ---- a browser for figures ----------------------------------------------

// Chromium on a fresh profile, headless, as the suites run it, with its
// DevTools also on a local port (DevToolsActivePort in the profile says
// which) for devTools() below.
export async function openBench(name) {
  const dir = freshProfile(name);
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"],
    viewport: { width: 1100, height: 720 },
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const close = async () => {
    await ctx.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  return { ctx, page, dir, close };
}

// A DevTools connection of our own to the browser of openBench(dir), for
// what Playwright gives no handle on: a worker's heap. attach(pageUrl)
// follows the page at that address and the workers it starts;
// worker(re) is the session of the first worker whose script matches;
// heap(session) collects garbage there and returns Runtime.getHeapUsage
// (usedSize: the JS heap; backingStorageSize: its ArrayBuffers' bytes).
export async function devTools(dir) {
  const file = path.join(dir, "DevToolsActivePort");
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((ok) => setTimeout(ok, 50));
  const [port, where] = readFileSync(file, "utf8").split("\n");
  const sock = new WebSocket(`ws://127.0.0.1:${port}${where}`, { perMessageDeflate: false });
  await new Promise((ok, fail) => {
    sock.once("open", ok);
    sock.once("error", fail);
  });
  let id = 0;
  const waiting = new Map();
  const workers = [];
  sock.on("message", (data) => {
    const m = JSON.parse(String(data));
    if (m.id !== undefined) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w?.fail(new Error(`${m.error.message} (DevTools)`));
      else w?.ok(m.result);
    } else if (m.method === "Target.attachedToTarget" && m.params.targetInfo.type === "worker") {
      workers.push({ url: m.params.targetInfo.url, session: m.params.sessionId });
    }
  });
  const send = (method, params = {}, sessionId = undefined) =>
    new Promise((ok, fail) => {
      waiting.set(++id, { ok, fail });
      sock.send(JSON.stringify({ id, method, params, sessionId }));
    });
  return {
    send,
    async attach(pageUrl) {
      const { targetInfos } = await send("Target.getTargets");
      const t = targetInfos.find((x) => x.type === "page" && x.url.startsWith(pageUrl));
      if (!t) throw new Error(`no page at ${pageUrl}`);
      const { sessionId } = await send("Target.attachToTarget", { targetId: t.targetId, flatten: true });
      await send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, sessionId);
      return sessionId;
    },
    async worker(re) {
      for (let i = 0; i < 100; i++) {
        const w = workers.find((x) => re.test(x.url));
        if (w) return w.session;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      throw new Error(`no worker matching ${re}`);
    },
    async heap(sessionId) {
      await send("HeapProfiler.collectGarbage", {}, sessionId);
      return send("Runtime.getHeapUsage", {}, sessionId);
    },
    close: () => sock.close(),
  };
}

// The Web Workers of the browser on profile dir, as the OS sees them:
// Chromium runs each dedicated worker on a thread of its own, named
// "DedicatedWorker thread", in the renderer process; a terminated worker's
// thread is gone. A Map of their thread ids to the CPU time each has had
// (ns, /proc/.../schedstat).
export function workerCpu(dir) {
  const out = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8");
      if (!cmd.includes("--type=renderer") || !cmd.includes(dir)) continue;
      for (const t of readdirSync(`/proc/${d}/task`))
        if (readFileSync(`/proc/${d}/task/${t}/comm`, "utf8").startsWith("DedicatedWorker"))
          out.set(Number(t), Number(readFileSync(`/proc/${d}/task/${t}/schedstat`, "utf8").split(" ")[0]));
    } catch {}
  }
  return out;
}
export const workerThreads = (dir) => workerCpu(dir).size;

// CPU time (us) the kernel worker's thread had between two workerCpu()
// readings, and all the other worker threads together. The kernel worker
// is the page's first worker, so its thread has the lowest id.
export function cpuSplit(a, b) {
  const kernel = Math.min(...b.keys());
  let others = 0;
  for (const [t, ns] of b) if (t !== kernel) others += ns - (a.get(t) ?? 0);
  return { kernel: (b.get(kernel) - (a.get(kernel) ?? 0)) / 1000, others: others / 1000 };
}

// ---- the kernel worker's counts -------------------------------------------

export const kernelWorker = (page) => page.workers().find((w) => WORKER_SCRIPT.test(w.url())) ?? null;

// What the system did so far (web/src/kernel/platform.ts, Counts), read in
// the kernel worker through DevTools; null before it booted.
export async function counts(page) {
  const kw = kernelWorker(page);
  return kw ? kw.evaluate(() => self.zosCounts?.() ?? null) : null;
}

// The Atomics.wait returns of the processes alive in both a and b: how
// often a parked process was woken between the two counts.
export function wakeups(a, b) {
  let n = 0;
  for (const p of b.live) {
    const q = a.live.find((x) => x.pid === p.pid);
    if (q) n += p.waits - q.waits;
  }
  return n;
}

// ---- CPU time of a process tree -----------------------------------------

const TICK = 100; // USER_HZ: /proc's unit on Linux

function stat(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
  return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), cmd: readFileSync(`/proc/${pid}/cmdline`, "utf8") };
}

// The live processes under (and including) `root`.
export function tree(root) {
  const all = new Map();
  for (const d of readdirSync("/proc"))
    if (/^\d+$/.test(d))
      try {
        all.set(Number(d), stat(d));
      } catch {}
  const out = new Map([[root, all.get(root)]]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of all)
      if (!out.has(pid) && out.has(s.ppid)) {
        out.set(pid, s);
        grew = true;
      }
  }
  return out;
}

// CPU seconds so far of the tree, and of its renderers alone (the page's
// main thread and its workers live in a renderer process).
export function cpu(root) {
  let all = 0;
  let renderer = 0;
  for (const s of tree(root).values()) {
    if (!s) continue;
    all += s.ticks;
    if (s.cmd.includes("--type=renderer")) renderer += s.ticks;
  }
  return { all: all / TICK, renderer: renderer / TICK };
}

// The wake-ups so far (context switches) of the tree's renderer threads.
export function rendererWakeups(root) {
  let n = 0;
  for (const [pid, s] of tree(root))
    if (s?.cmd.includes("--type=renderer"))
      for (const t of readdirSync(`/proc/${pid}/task`))
        try {
          const st = readFileSync(`/proc/${pid}/task/${t}/status`, "utf8");
          n += Number(st.match(/^voluntary_ctxt_switches:\s+(\d+)/m)?.[1] ?? 0);
          n += Number(st.match(/^nonvoluntary_ctxt_switches:\s+(\d+)/m)?.[1] ?? 0);
        } catch {}
  return n;
}

// ---- the syscall baselines -------------------------------------------------

// Runs, in `page` (which must be cross-origin isolated), a timing worker
// and the workers it talks to, all on one SharedArrayBuffer of `bytes`:
// each gets { sab, rounds, ...args } (the timer batch as well) and the
// timer answers with its samples. Returns them (us per round trip, one per
// batch of `batch`: performance.now() is coarsened to 5 us in isolated
// pages, so single round trips are not timed alone), after a warm-up run
// of 50 batches (workers started, code compiled).
async function timedWorkers(page, { timer, others, bytes, rounds, batch, args = {} }) {
  return page.evaluate(
    async ({ timer, others, bytes, rounds, batch, args }) => {
      const url = (src) => URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
      const run = async (n) => {
        const sab = new SharedArrayBuffer(bytes);
        const ws = others.map((src) => new Worker(url(src)));
        const wt = new Worker(url(timer));
        const got = new Promise((ok) => (wt.onmessage = (e) => ok(e.data)));
        for (const w of ws) w.postMessage({ sab, rounds: n, ...args });
        wt.postMessage({ sab, rounds: n, batch, ...args });
        const out = await got;
        for (const w of [wt, ...ws]) w.terminate();
        return Array.from(out);
      };
      await run(batch * 50);
      return run(rounds);
    },
    { timer, others, bytes, rounds, batch, args },
  );
}

// A raw SharedArrayBuffer + Atomics ping-pong between two workers. Worker A
// plays a process: it stores a request, notifies and parks in Atomics.wait;
// worker B plays the kernel and answers, parked in Atomics.wait (side
// "wait") or, as the kernel worker does, in Atomics.waitAsync between its
// event loop's turns (side "waitAsync").
export function sabPingPong(page, { rounds = 20000, batch = 20, side = "wait" } = {}) {
  const a = `onmessage = ({ data: { sab, rounds, batch } }) => {
    const f = new Int32Array(sab);
    const out = new Float64Array(rounds / batch);
    for (let k = 0; k < rounds / batch; k++) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) {
        Atomics.store(f, 0, 1);
        Atomics.notify(f, 0);
        while (Atomics.load(f, 0) === 1) Atomics.wait(f, 0, 1);
      }
      out[k] = ((performance.now() - t0) * 1000) / batch;
    }
    postMessage(out);
  };`;
  const b = `onmessage = async ({ data: { sab, rounds, side } }) => {
    const f = new Int32Array(sab);
    for (let i = 0; i < rounds; i++) {
      while (Atomics.load(f, 0) !== 1) {
        if (side === "wait") Atomics.wait(f, 0, 0);
        else await Atomics.waitAsync(f, 0, 0).value;
      }
      Atomics.store(f, 0, 0);
      Atomics.notify(f, 0);
    }
  };`;
  return timedWorkers(page, { timer: a, others: [b], bytes: 8, rounds, batch, args: { side } });
}

// The IPC figure's floor: the same handoffs as a call/reply between two
// Zero OS processes, with nothing else. Three workers: a client (CALL: a
// request, a ring, Atomics.wait for the reply), a kernel (parked in
// Atomics.waitAsync on one doorbell, like the kernel worker: it hands a
// CALL to a server waiting in RECV, and answers a REPLY to both ends) and
// a server (REPLY, then RECV: two calls per round trip, as
// ipcbench-server makes).
export function sabRelay(page, { rounds = 10000, batch = 20 } = {}) {
  // f[0] the doorbell, f[1] the client's state, f[2] the server's, f[3] done
  const ring = `const ring = (f) => { Atomics.add(f, 0, 1); Atomics.notify(f, 0); };
    const until = (f, i, want) => { let v; while ((v = Atomics.load(f, i)) !== want) Atomics.wait(f, i, v); };`;
  const client = `${ring}
    onmessage = ({ data: { sab, rounds, batch } }) => {
      const f = new Int32Array(sab);
      const out = new Float64Array(rounds / batch);
      for (let k = 0; k < rounds / batch; k++) {
        const t0 = performance.now();
        for (let i = 0; i < batch; i++) {
          Atomics.store(f, 1, 1); // CALL
          ring(f);
          until(f, 1, 2); // its reply
        }
        out[k] = ((performance.now() - t0) * 1000) / batch;
      }
      Atomics.store(f, 3, 1);
      ring(f);
      postMessage(out);
    };`;
  const server = `${ring}
    onmessage = ({ data: { sab } }) => {
      const f = new Int32Array(sab);
      Atomics.store(f, 2, 5); // RECV
      ring(f);
      for (;;) {
        until(f, 2, 1); // a message
        Atomics.store(f, 2, 3); // REPLY
        ring(f);
        until(f, 2, 4); // REPLY answered
        Atomics.store(f, 2, 5); // RECV
        ring(f);
      }
    };`;
  const kernel = `onmessage = async ({ data: { sab } }) => {
    const f = new Int32Array(sab);
    let seen = 0;
    while (!Atomics.load(f, 3)) {
      const r = Atomics.waitAsync(f, 0, seen);
      if (r.async) await r.value;
      seen = Atomics.load(f, 0);
      if (Atomics.load(f, 2) === 3) { // a REPLY: answer the server, then the caller
        Atomics.store(f, 2, 4);
        Atomics.notify(f, 2);
        Atomics.store(f, 1, 2);
        Atomics.notify(f, 1);
      }
      if (Atomics.load(f, 1) === 1 && Atomics.load(f, 2) === 5) { // a CALL meets a RECV
        Atomics.store(f, 1, 6);
        Atomics.store(f, 2, 1);
        Atomics.notify(f, 2);
      }
    }
  };`;
  return timedWorkers(page, { timer: client, others: [kernel, server], bytes: 16, rounds, batch });
}
