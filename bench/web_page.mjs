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
//     and the renderer's wake-ups; baseline: about:blank, same browser.
//     Beside them the counts that say whether anything ran at all: the
//     kernel worker's doorbell rings and passes, and the Atomics.wait
//     returns of the parked processes (each one a wake-up; aim: none).
// The syscall path's figures (and their SharedArrayBuffer ping-pong
// baseline) are bench/web_syscall.mjs's.
//
// Usage: node bench/web_page.mjs   (make web first)
import { rmSync } from "node:fs";
import { PROMPT, freshProfile, openKillable, serve, useStandin } from "../tests/web/lib.mjs";
import { counts, cpu, header, median, ms, note, pct, rendererWakeups, row, title, wakeups } from "./web/lib.mjs";

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
    const z0 = how === "zos" ? await counts(k.page) : null;
    const c0 = cpu(root);
    const w0 = rendererWakeups(root);
    await sleep(IDLE_S * 1000);
    const c1 = cpu(root);
    const w1 = rendererWakeups(root);
    const z1 = how === "zos" ? await counts(k.page) : null;
    return {
      renderer: ((c1.renderer - c0.renderer) / IDLE_S) * 100,
      all: ((c1.all - c0.all) / IDLE_S) * 100,
      wakeups: (w1 - w0) / IDLE_S,
      zos: z0 && z1 && {
        parked: z1.live.length,
        rings: z1.rings - z0.rings,
        passes: z1.passes - z0.passes,
        commits: z1.commits - z0.commits,
        woken: wakeups(z0, z1),
      },
    };
  } finally {
    await k.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

const srv = await serve();
const url = srv.url;
title("web_page: Zero OS in Chromium (navigation to the prompt, idle CPU and wake-ups)");

const page = await navigation(url, true);
const zos = await navigation(url, false);
header();
row("navigation to the shell prompt, cold", zos.cold, "the page alone (stand-in)", page.cold, ms);
row("navigation to the shell prompt, warm", zos.warm, "the page alone (stand-in)", page.warm, ms);
note(`aims: cold under 1.5 s: ${median(zos.cold) < 1500 ? "met" : "NOT met"}; warm under 1 s: ${median(zos.warm) < 1000 ? "met" : "NOT met"}`);

const blank = await idle("about:blank", "blank");
const standinIdle = await idle(url, "standin");
const zosIdle = await idle(url, "zos");
console.log("");
row(`idle ${IDLE_S} s: page + workers (renderer), % of a core`, [zosIdle.renderer], "about:blank", [blank.renderer], pct);
row(`idle ${IDLE_S} s: the whole browser, % of a core`, [zosIdle.all], "about:blank", [blank.all], pct);
row(`idle ${IDLE_S} s: the page alone (stand-in), renderer`, [standinIdle.renderer], "about:blank", [blank.renderer], pct);
note(
  `renderer wake-ups per second: Zero OS ${zosIdle.wakeups.toFixed(1)}, ` +
    `page alone ${standinIdle.wakeups.toFixed(1)}, about:blank ${blank.wakeups.toFixed(1)}`,
);
if (zosIdle.zos) {
  const z = zosIdle.zos;
  note(
    `counts over the ${IDLE_S} s: ${z.rings} doorbell rings, ${z.passes} kernel passes, ${z.commits} commits; ` +
      `${z.woken} wake-ups (Atomics.wait returns) of the ${z.parked} parked processes`,
  );
  note(`aims: page + workers under 2% of a core: ${zosIdle.renderer < 2 ? "met" : "NOT met"}; no wake-ups of parked processes: ${z.woken === 0 ? "met" : "NOT met"}`);
}

srv.close();
