// What the browser benchmarks (bench/web_*.mjs) share: a figure beside its
// same-run baseline in the layout of bench/bench.h (median, [min .. max],
// the ratio of the medians), CPU time of a process tree from /proc, and
// the baseline every syscall figure stands beside: a raw SharedArrayBuffer
// + Atomics ping-pong between two workers of a cross-origin isolated page.
// Benchmarks are not tests: nothing passes or fails on a number.
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";

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

// ---- the syscall baseline -------------------------------------------------

// A raw SharedArrayBuffer + Atomics ping-pong between two workers of
// `page` (which must be cross-origin isolated). Worker A plays a process:
// it stores a request, notifies and parks in Atomics.wait; worker B plays
// the kernel and answers, parked in Atomics.wait (side "wait") or, as the
// kernel worker does, in Atomics.waitAsync between its event loop's turns
// (side "waitAsync"). Returns the round trip in microseconds, one sample
// per batch of `batch` round trips (performance.now() is coarsened to 5 us
// in isolated pages, so single round trips are not timed alone).
export async function sabPingPong(page, { rounds = 20000, batch = 20, side = "wait" } = {}) {
  return page.evaluate(
    async ({ rounds, batch, side }) => {
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
        postMessage("done");
      };`;
      const url = (src) => URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
      const run = async (n) => {
        const sab = new SharedArrayBuffer(8);
        const wa = new Worker(url(a));
        const wb = new Worker(url(b));
        const got = new Promise((ok) => (wa.onmessage = (e) => ok(e.data)));
        const done = new Promise((ok) => (wb.onmessage = () => ok()));
        wb.postMessage({ sab, rounds: n, side });
        wa.postMessage({ sab, rounds: n, batch });
        const out = await got;
        await done;
        wa.terminate();
        wb.terminate();
        return Array.from(out);
      };
      await run(batch * 50); // warm-up: workers started, code compiled
      return run(rounds);
    },
    { rounds, batch, side },
  );
}
