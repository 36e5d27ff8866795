#!/usr/bin/env node
// Zero OS in Chromium (headless, Debian's /usr/bin/chromium): the syscall
// path's figures of `make bench`, each beside a baseline from the same run
// and the same browser, with the counts that say what was done (they do
// not move with the machine's speed: a change in them is a change in what
// the system does, not in how fast):
//   - the null syscall round trip, process worker <-> kernel worker
//     (user/tests/nullcall: YIELD, timed by the kernel's clock in batches
//     of 20), median and p99, against a raw SharedArrayBuffer + Atomics
//     ping-pong between two workers timed the same way, its answering side
//     parked in Atomics.waitAsync (as the kernel worker parks) and in
//     Atomics.wait (the floor). Runs alternate, so both see the same load.
//     Aim: at most 2x.
//   - an IPC call/reply between two processes (ipcbench-client CALLs
//     ipcbench-server, which REPLYs and RECVs again) against the null
//     syscall (aim: at most 3x), and against its floor on this transport:
//     a relay of the same handoffs between three raw workers (client,
//     kernel on waitAsync, server), which is itself beside the ping-pong.
//   - the CPU the kernel worker's thread and the processes' threads spend
//     per call (their schedstat clocks), which says where the time goes.
//   - 100 spawn/exit cycles (user/tests/exit0, from the shell): the live
//     workers (their threads) and the JS heaps of the page and the kernel
//     worker (in use after a full collection, through DevTools) and the
//     kernel worker's ArrayBuffers but the log's copy against where they
//     were before. Aim: within 5%. What grows by design, the CommitLog
//     (a copy of it lives in the kernel worker, in a buffer that doubles),
//     is printed beside it; the terminal's scrollback is filled first, so
//     that its new lines replace old ones.
//
// Usage: node bench/web_syscall.mjs   (make web first)
import { WORKER_SCRIPT, boot, paste, serve, transcript, waitText } from "../tests/web/lib.mjs";
import {
  counts, cpuSplit, devTools, header, median, note, openBench, quantile, row, sabPingPong, sabRelay, title, us, workerCpu,
  workerThreads,
} from "./web/lib.mjs";

const REPS = 5; // null syscall runs, each beside one run of either baseline
const IPC_REPS = 3;
const CYCLES = 100;
const WARM_CYCLES = 5; // before the first count: what the first spawns set up once
const kb = (x) => `${(x / 1024).toFixed(0)} KiB`;
const num = (x) => `${x.toFixed(0)}`;

// A shell command, pasted: one input message, so that what is counted per
// command is the command's work, not one console read per key.
const type = (page, line) => paste(page, `${line}\r`);

// `spawn name` from the shell; resolves to its pid once it runs, the
// console's length before the command, and `exited`, which waits for
// Init's word that it ended.
async function spawn(page, name) {
  const since = (await transcript(page)).length;
  await type(page, `spawn ${name}`);
  const said = await waitText(page, new RegExp(`started ${name} as pid (\\d+)`), { since, timeout: 30_000 });
  const pid = Number(said.match(new RegExp(`started ${name} as pid (\\d+)`))[1]);
  const exited = (timeout = 120_000) =>
    waitText(page, new RegExp(`init: ${name} \\(pid ${pid}\\) exited with code 0\\n`), { since, timeout });
  return { pid, since, exited };
}

// ---- the null syscall ---------------------------------------------------------

const NULLCALL = /nullcall: done: median (\d+) ns\/call, p99 (\d+) ns\/call, (\d+) batches of (\d+) calls, (\d+) syscalls/;

async function nullcall(page) {
  const c0 = await counts(page);
  const t0 = workerCpu(b.dir);
  const s = await spawn(page, "nullcall");
  const out = await s.exited();
  const cpu = cpuSplit(t0, workerCpu(b.dir));
  const m = out.match(NULLCALL);
  if (!m) throw new Error(`nullcall said no figures:\n${out.slice(-600)}`);
  const c1 = await counts(page);
  const left = c1.gone.find((p) => p.pid === s.pid) ?? null; // what it left when it ended
  const calls = Number(m[5]);
  return {
    median: Number(m[1]) / 1000,
    p99: Number(m[2]) / 1000,
    syscalls: calls,
    left,
    // commits over the run: the shell's command, the spawn, its console
    // line and its exit, never its YIELDs
    commits: c1.commits - c0.commits,
    kernelCpu: cpu.kernel / calls,
    processCpu: cpu.others / calls,
  };
}

// ---- IPC -----------------------------------------------------------------------

const IPC = /ipcbench: done: (\d+) rounds of (\d+) calls, median ([\d.]+) us\/call, (\d+) calls in all/;

async function ipc(page, serverPid) {
  const c0 = await counts(page);
  const before = c0.live.find((p) => p.pid === serverPid);
  const t0 = workerCpu(b.dir);
  const s = await spawn(page, "ipcbench-client");
  const out = await s.exited();
  const cpu = cpuSplit(t0, workerCpu(b.dir));
  const m = out.match(IPC);
  if (!m) throw new Error(`ipcbench-client said no figures:\n${out.slice(-600)}`);
  const c1 = await counts(page);
  const client = c1.gone.find((p) => p.pid === s.pid) ?? null; // what it left when it ended
  const after = c1.live.find((p) => p.pid === serverPid);
  const calls = Number(m[4]);
  return {
    median: Number(m[3]),
    calls,
    // commits, kernel passes and log transactions per call/reply (the
    // client's start and end are in them too: a few over thousands)
    commits: (c1.commits - c0.commits) / calls,
    passes: (c1.passes - c0.passes) / calls,
    writes: (c1.logWrites - c0.logWrites) / calls,
    kernelCpu: cpu.kernel / calls,
    processCpu: cpu.others / calls,
    // syscalls per call/reply, both ends (the lookup and the prints are a
    // handful more, over thousands of calls)
    perCall: client && before && after ? (client.calls + after.calls - before.calls) / calls : NaN,
  };
}

// ---- memory ----------------------------------------------------------------------

// The JS heaps (bytes in use after a full collection) of the page's main
// thread and of the kernel worker, and the kernel worker's ArrayBuffers
// (the log's copy above all; DevTools counts neither kernel.wasm's memory
// nor the mailboxes' SharedArrayBuffers among them), through DevTools.
async function memory(dt, sessions) {
  const page = await dt.heap(sessions.page);
  const kernel = await dt.heap(sessions.kernel);
  return { page: page.usedSize, kernel: kernel.usedSize, buffers: kernel.backingStorageSize };
}

// Live workers: their threads in the renderer (the kernel worker and one
// per process), and the processes in the kernel worker's table. A
// terminated worker's thread takes a second or two to go: the count is
// read once it has held for 2 s (at most 20 s).
async function workersNow(page) {
  let n = workerThreads(b.dir);
  for (let held = 0, waited = 0; held < 2000 && waited < 20_000; waited += 250) {
    await page.waitForTimeout(250);
    const m = workerThreads(b.dir);
    held = m === n ? held + 250 : 0;
    n = m;
  }
  const c = await counts(page);
  return { threads: n, live: c.live.length };
}

// Fills the terminal's scrollback (5000 lines, web/src/page/TerminalView.tsx)
// so that the cycles' own lines replace old ones rather than add new: the
// page's heap then shows what the cycles leave, not the terminal's history.
async function fillScrollback(page) {
  const since = (await transcript(page)).length;
  await type(page, `${"help\r".repeat(150)}echo filled`);
  await waitText(page, /\r?\nfilled\r?\n/, { since, timeout: 120_000 });
}

async function cycles(page, dt, sessions) {
  await fillScrollback(page);
  for (let i = 0; i < WARM_CYCLES; i++) await (await spawn(page, "exit0")).exited(30_000);
  const w0 = await workersNow(page);
  const c0 = await counts(page);
  const m0 = await memory(dt, sessions);
  const times = [];
  for (let i = 0; i < CYCLES; i++) {
    const t0 = performance.now();
    await (await spawn(page, "exit0")).exited(30_000);
    times.push(performance.now() - t0);
  }
  const w1 = await workersNow(page);
  const c1 = await counts(page);
  const m1 = await memory(dt, sessions);
  return { c0, c1, w0, w1, m0, m1, times };
}

// ---- the run -----------------------------------------------------------------------

const pick = (xs, k) => xs.map((x) => x[k]);
const met = (ok) => (ok ? "met" : "NOT met");

// REPS runs of each baseline and of nullcall, alternating.
async function nullFigures(page) {
  const nc = [];
  const sync = [];
  const asyn = [];
  for (let r = 0; r < REPS; r++) {
    const w = await sabPingPong(page, { side: "wait" });
    sync.push({ median: median(w), p99: quantile(w, 0.99) });
    const a = await sabPingPong(page, { side: "waitAsync" });
    asyn.push({ median: median(a), p99: quantile(a, 0.99) });
    nc.push(await nullcall(page));
  }
  header();
  row("null syscall round trip, median", pick(nc, "median"), "ping-pong, kernel side waitAsync", pick(asyn, "median"), us);
  row("null syscall round trip, median", pick(nc, "median"), "ping-pong, both sides Atomics.wait", pick(sync, "median"), us);
  row("null syscall round trip, p99", pick(nc, "p99"), "ping-pong, kernel side waitAsync", pick(asyn, "p99"), us);
  row("null syscall round trip, p99", pick(nc, "p99"), "ping-pong, both sides Atomics.wait", pick(sync, "p99"), us);
  note(`(${REPS} runs of each, alternating; each run 1000 batches of 20 round trips, one sample per batch)`);
  const ratio = median(pick(nc, "median")) / median(pick(asyn, "median"));
  note(`aim: at most 2x the waitAsync ping-pong: ${met(ratio <= 2)} (${ratio.toFixed(2)}x)`);
  const l = nc[nc.length - 1];
  note(
    `counts, per nullcall run: ${l.syscalls} syscalls made (its count), ` +
      `${l.left?.calls ?? "?"} (its worker's), ${l.left?.rings ?? "?"} doorbell rings served, ` +
      `${l.left?.waits ?? "?"} Atomics.wait returns; ${l.commits} commits in all (the command, the spawn, the line it prints, the exit: a YIELD commits nothing)`,
  );
  note(
    `CPU per null syscall (the threads' own clocks): the kernel worker ${us(median(pick(nc, "kernelCpu")))}, ` +
      `the process ${us(median(pick(nc, "processCpu")))}`,
  );
  return { nc, pingpong: pick(asyn, "median") };
}

// IPC_REPS client runs, each beside a run of the relay (sabRelay: the same
// handoffs between three workers, and nothing else).
async function ipcFigures(page, nc, pingpong) {
  const server = await spawn(page, "ipcbench-server");
  const runs = [];
  const relay = [];
  for (let r = 0; r < IPC_REPS; r++) {
    relay.push(median(await sabRelay(page)));
    runs.push(await ipc(page, server.pid));
  }
  console.log("");
  row("IPC call/reply between two processes", pick(runs, "median"), "null syscall round trip", pick(nc, "median"), us);
  row("IPC call/reply between two processes", pick(runs, "median"), "relay: its handoffs, three workers", relay, us);
  row("relay: an IPC's handoffs, three workers", relay, "ping-pong, kernel side waitAsync", pingpong, us);
  const ratio = median(pick(runs, "median")) / median(pick(nc, "median"));
  note(`aim: at most 3x the null syscall: ${met(ratio <= 3)} (${ratio.toFixed(2)}x)`);
  note(
    `CPU per call/reply (the threads' own clocks): the kernel worker ${us(median(pick(runs, "kernelCpu")))}, ` +
      `client and server ${us(median(pick(runs, "processCpu")))}`,
  );
  const each = (k, d) => pick(runs, k).map((x) => x.toFixed(d)).join(", ");
  note(
    `counts per call/reply: ${each("perCall", 2)} syscalls (client and server), ${each("commits", 2)} commits, ` +
      `${each("passes", 2)} kernel passes; ${each("writes", 3)} IndexedDB transactions of the log (the group commit)`,
  );
}

async function cycleFigures(page) {
  const dt = await devTools(b.dir);
  const sessions = { page: await dt.attach(srv.url) };
  sessions.kernel = await dt.worker(WORKER_SCRIPT);
  const cy = await cycles(page, dt, sessions).finally(() => dt.close());
  console.log("");
  row(`${CYCLES} spawn/exit cycles: live workers after`, [cy.w1.threads], "before", [cy.w0.threads], num);
  row(`${CYCLES} spawn/exit cycles: kernel worker JS heap`, [cy.m1.kernel], "before", [cy.m0.kernel], kb);
  row(`${CYCLES} spawn/exit cycles: page JS heap`, [cy.m1.page], "before", [cy.m0.page], kb);
  // the log's own buffer doubles as the log grows: the rest is the figure
  const other = (m, c) => m.buffers - c.logCapacity;
  row(`${CYCLES} spawn/exit cycles: kernel worker buffers`, [other(cy.m1, cy.c1)], "before", [other(cy.m0, cy.c0)], kb);
  const within = (x, y) => Math.abs(x - y) <= 0.05 * y;
  note(
    `aim: within 5%: workers ${met(cy.w1.threads === cy.w0.threads)}, kernel worker ${met(within(cy.m1.kernel, cy.m0.kernel))}, ` +
      `page ${met(within(cy.m1.page, cy.m0.page))}, buffers ${met(within(other(cy.m1, cy.c1), other(cy.m0, cy.c0)))}`,
  );
  note(
    `counts: worker threads ${cy.w0.threads} -> ${cy.w1.threads}, processes alive ${cy.c0.live.length} -> ${cy.c1.live.length} ` +
      `(the kernel worker's table), spawned ${cy.c1.spawned - cy.c0.spawned}, ended ${cy.c1.ended - cy.c0.ended}, ` +
      `${((cy.c1.commits - cy.c0.commits) / CYCLES).toFixed(2)} commits and ${((cy.c1.rings - cy.c0.rings) / CYCLES).toFixed(1)} rings per cycle`,
  );
  note(
    `grows by design: the CommitLog ${kb(cy.c0.logBytes)} -> ${kb(cy.c1.logBytes)} (+${kb(cy.c1.logBytes - cy.c0.logBytes)}), ` +
      `the buffer of its copy ${kb(cy.c0.logCapacity)} -> ${kb(cy.c1.logCapacity)} (not in the row above); ` +
      `kernel.wasm's memory ${kb(cy.c0.kernelMemory)} -> ${kb(cy.c1.kernelMemory)}`,
  );
  note(`a spawn/exit cycle from the shell: median ${median(cy.times).toFixed(1)} ms, p99 ${quantile(cy.times, 0.99).toFixed(1)} ms`);
}

const srv = await serve();
const b = await openBench("bench-syscall");
title("web_syscall: Zero OS in Chromium (the null syscall, IPC, spawn/exit cycles)");
try {
  await boot(b.page, srv.url, { timeout: 60_000 }); // the ping-pong runs on this page too: it is isolated
  const { nc, pingpong } = await nullFigures(b.page);
  await ipcFigures(b.page, nc, pingpong);
  await cycleFigures(b.page);
} finally {
  await b.close();
  srv.close();
}
