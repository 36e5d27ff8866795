#!/usr/bin/env node
// Zero OS in Chromium (headless, Debian's /usr/bin/chromium), figures of
// `make bench`, each beside a baseline from the same run:
//   - navigation to the shell prompt, cold (a new profile: nothing cached,
//     a new log) and warm (a reload: the log replayed), timed inside the
//     page from its navigation start (aims 1.5 s and 1 s); baseline: the
//     same page with the stand-in kernel worker (the page's own cost, no
//     Zero OS);
//   - CPU of the page plus its workers (the renderer process) and of the
//     whole browser over 10 s idle at the prompt (aim: under 2% of a core),
//     and the renderer's wake-ups; baseline: about:blank, same browser;
//   - the syscall round trip's baseline: a raw SharedArrayBuffer + Atomics
//     ping-pong between two workers, with the answering side parked in
//     Atomics.wait and, as the kernel worker parks, in Atomics.waitAsync.
//     The null syscall figure itself comes from the wasm runtime
//     (bench/web_syscall.mjs, run by `make bench` beside this script).
// Without build/web/dist/zos/kernel.wasm the Zero OS figures say skipped
// and the baselines are still measured.
//
// Usage: node bench/web_page.mjs   (make web first)
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { HAS_RUNTIME, PROMPT, ROOT, freshProfile, openKillable, serve, useStandin } from "../tests/web/lib.mjs";
import { cpu, header, median, ms, note, pct, quantile, rendererWakeups, row, sabPingPong, title, us } from "./web/lib.mjs";

const COLD_RUNS = 3;
const WARM_RUNS = 5;
const IDLE_S = 10;
const sleep = (t) => new Promise((ok) => setTimeout(ok, t));

// ms from the navigation's start to the prompt, read inside the page
async function toPrompt(page) {
  const h = await page.waitForFunction(
    (src) => new RegExp(src).test(window.zosPage?.transcript() ?? "") && performance.now(),
    PROMPT.source,
    { polling: "raf", timeout: 60_000 },
  );
  return h.jsonValue();
}

// cold: COLD_RUNS fresh profiles; warm: WARM_RUNS reloads of the last one
async function navigation(url, standin) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const profile = freshProfile("bench-nav");
    const k = await openKillable(profile);
    try {
      if (standin) await useStandin(k.page);
      await k.page.goto(url);
      cold.push(await toPrompt(k.page));
      if (i === COLD_RUNS - 1)
        for (let j = 0; j < WARM_RUNS; j++) {
          await k.page.reload();
          warm.push(await toPrompt(k.page));
        }
    } finally {
      await k.kill();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return { cold, warm };
}

// CPU over IDLE_S seconds with the page idle at `url` (after a settle)
async function idle(url, how) {
  const profile = freshProfile("bench-idle");
  const k = await openKillable(profile);
  try {
    if (how === "standin") await useStandin(k.page);
    await k.page.goto(url);
    if (how !== "blank") await toPrompt(k.page);
    await sleep(2000);
    const root = k.pid;
    const c0 = cpu(root);
    const w0 = rendererWakeups(root);
    await sleep(IDLE_S * 1000);
    const c1 = cpu(root);
    const w1 = rendererWakeups(root);
    return {
      renderer: ((c1.renderer - c0.renderer) / IDLE_S) * 100,
      all: ((c1.all - c0.all) / IDLE_S) * 100,
      wakeups: (w1 - w0) / IDLE_S,
    };
  } finally {
    await k.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

const srv = await serve();
const url = srv.url;
title("web_page: Zero OS in Chromium (navigation, idle CPU, the syscall baseline)");
console.log(`(Chromium headless; ${HAS_RUNTIME ? "the wasm runtime is built" : "no wasm runtime in build/web/dist: Zero OS figures skipped"})`);

const page = await navigation(url, true);
const zos = HAS_RUNTIME ? await navigation(url, false) : { cold: [], warm: [] };
header();
row("navigation to the shell prompt, cold", zos.cold, "the page alone (stand-in)", page.cold, ms);
row("navigation to the shell prompt, warm", zos.warm, "the page alone (stand-in)", page.warm, ms);
if (HAS_RUNTIME)
  note(`aims: cold under 1.5 s: ${median(zos.cold) < 1500 ? "met" : "NOT met"}; warm under 1 s: ${median(zos.warm) < 1000 ? "met" : "NOT met"}`);

const blank = await idle("about:blank", "blank");
const standinIdle = await idle(url, "standin");
const zosIdle = HAS_RUNTIME ? await idle(url, "zos") : null;
console.log("");
row(`idle ${IDLE_S} s: page + workers (renderer), % of a core`, zosIdle ? [zosIdle.renderer] : [], "about:blank", [blank.renderer], pct);
row(`idle ${IDLE_S} s: the whole browser, % of a core`, zosIdle ? [zosIdle.all] : [], "about:blank", [blank.all], pct);
row(`idle ${IDLE_S} s: the page alone (stand-in), renderer`, [standinIdle.renderer], "about:blank", [blank.renderer], pct);
note(
  `renderer wake-ups per second: ${zosIdle ? `Zero OS ${zosIdle.wakeups.toFixed(1)}, ` : ""}` +
    `page alone ${standinIdle.wakeups.toFixed(1)}, about:blank ${blank.wakeups.toFixed(1)}`,
);
if (zosIdle) note(`aim: page + workers under 2% of a core: ${zosIdle.renderer < 2 ? "met" : "NOT met"}`);

// the baseline for the wasm runtime's syscall figure, on an isolated page
const sabProfile = freshProfile("bench-sab");
const k = await openKillable(sabProfile);
try {
  await k.page.goto(`${url}no-zero-os-here`); // served with COOP/COEP: isolated
  const sync = await sabPingPong(k.page, { side: "wait" });
  const asyn = await sabPingPong(k.page, { side: "waitAsync" });
  console.log("");
  row("SAB+Atomics ping-pong, kernel side waitAsync", asyn, "both sides Atomics.wait", sync, us);
  note(
    `per round trip (batches of 20): wait/wait median ${us(median(sync))}, p99 ${us(quantile(sync, 0.99))}; ` +
      `wait/waitAsync median ${us(median(asyn))}, p99 ${us(quantile(asyn, 0.99))}`,
  );
} finally {
  await k.kill();
  rmSync(sabProfile, { recursive: true, force: true });
}
const syscall = path.join(ROOT, "bench/web_syscall.mjs");
note(
  existsSync(syscall)
    ? "null syscall round trip worker <-> kernel: bench/web_syscall.mjs (the wasm runtime's figure, beside this baseline)"
    : "null syscall round trip worker <-> kernel: not measured here yet (the wasm runtime adds bench/web_syscall.mjs; aim at most 2x the ping-pong above)",
);
srv.close();
