// The kernel worker: Zero OS's kernel side in a Web Worker of its own, so
// that no page work can delay a syscall and the page's thread never
// blocks. The page speaks to it only through protocol.ts: "start" boots,
// "input" is typed text for the console, "export-log" asks for the
// CommitLog; it answers with the boot stages, console text (only once the
// commits behind it are durable), "booted", "log-export", "stopped" and
// "fatal".
//
// Boot, stage by stage:
//   platform  cross-origin isolation, SharedArrayBuffer, Atomics.waitAsync,
//             IndexedDB and the Web Locks API are there, and no other tab
//             of this site runs Zero OS (one writer per log, as on Linux)
//   binaries  bin/manifest.json and every module, each SHA-256 checked
//   log       the CommitLog read from IndexedDB, verified and replayed (or
//             a new one begun), Boot appended; a damaged log is refused
//   init      Init (pid 1) running: its first syscall arrived
//   services  Init started its core services and the console's terminal
//   shell     the terminal's first syscall arrived
import type { FromKernel, StageId, StageState, ToKernel } from "../protocol";
import { Binaries } from "./binaries";
import { Platform } from "./platform";
import { waitAsync } from "../platform/schedule";
import * as Z from "../generated/zos";

const scope = self as unknown as DedicatedWorkerGlobalScope;
let platform: Platform | null = null;
let starting = false;
let finished = false; // fatal or stopped: nothing more is done
let damagedLog: { bytes: Uint8Array; commits: number } | null = null;
const stageDone = new Set<StageId>();
let terminalPid = -1;

function post(msg: FromKernel, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

function stage(id: StageId, state: StageState, text: string): void {
  if (state === "done") stageDone.add(id);
  post({ kind: "stage", id, state, text });
}

function fatal(id: StageId, text: string, what: string, advice: string): void {
  stage(id, "failed", text);
  finished = true;
  post({ kind: "fatal", what, advice });
}

// What this browser lacks of what Zero OS needs, or null.
function missing(): string | null {
  if (!scope.crossOriginIsolated)
    return "the page is not cross-origin isolated (it must be served with COOP same-origin and COEP require-corp)";
  if (typeof SharedArrayBuffer !== "function") return "SharedArrayBuffer is not available";
  if (!waitAsync) return "Atomics.waitAsync is not available";
  if (typeof indexedDB === "undefined") return "IndexedDB is not available";
  if (!navigator.locks) return "the Web Locks API is not available";
  return null;
}

// Held for as long as this worker lives: another tab of this site that
// tries to boot Zero OS is refused instead of interleaving the same log.
function takeLock(): Promise<boolean> {
  return new Promise((resolve) => {
    void navigator.locks.request("zero-os-commitlog", { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      return lock ? new Promise<void>(() => undefined) : undefined;
    });
  });
}

const events = {
  post,
  spawned(pid: number, name: string) {
    if (name === "terminal" && !stageDone.has("services")) {
      let ready = 0;
      for (let p = 2; p <= 6; p++) if (platform?.kernel.x.zos_wasm_alive(p)) ready++;
      stage("services", "done", `${ready} core services running`);
      stage("shell", "running", `starting a terminal (pid ${pid})`);
      terminalPid = pid;
    }
  },
  ring(pid: number) {
    if (pid === 1 && !stageDone.has("init")) {
      stage("init", "done", "Init (pid 1) is running");
      stage("services", "running", "Init is starting the core services");
    } else if (pid === terminalPid && !stageDone.has("shell")) {
      stage("shell", "done", `a terminal is running on the console (pid ${pid})`);
    }
  },
  stopped(msg: Extract<FromKernel, { kind: "stopped" }>) {
    finished = true;
    post(msg);
  },
};

// For `make bench` only (bench/web_*.mjs reads it through DevTools): what
// the system did so far. Nothing on the page or in Zero OS calls it.
(self as unknown as { zosCounts: () => unknown }).zosCounts = () => platform?.counts() ?? null;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function start(base: string): Promise<void> {
  const zos = new URL("zos/", base);
  stage("platform", "running", "checking what Zero OS needs of this browser");
  const lacking = missing();
  if (lacking) {
    fatal("platform", lacking, `This browser cannot run Zero OS: ${lacking}.`,
      "Use a current Chromium (or Chrome) and open the address `make run-web` printed, which serves the page with the headers it needs.");
    return;
  }
  if (!(await takeLock())) {
    fatal("platform", "Zero OS is already running in another tab", "Zero OS is already running in another tab or window of this site.",
      "Close the other tab (or use it), then reload this one. One system keeps one log: two tabs would write over each other.");
    return;
  }
  stage("platform", "done", "cross-origin isolated; SharedArrayBuffer, Atomics.waitAsync, IndexedDB and Web Locks present");

  stage("binaries", "running", "fetching the programs and checking their SHA-256");
  let binaries: Binaries;
  try {
    binaries = await Binaries.load(zos);
  } catch (e) {
    fatal("binaries", message(e), `Zero OS's programs could not be loaded: ${message(e)}.`,
      "Rebuild with `make web` (or `make run-web`) and reload the page. Nothing stored was touched.");
    return;
  }
  stage("binaries", "done", `${binaries.count} programs, each SHA-256 checked against the manifest`);

  stage("log", "running", "reading the CommitLog");
  let stored: Uint8Array;
  try {
    platform = await Platform.open(binaries, events);
    await platform.loadKernel(new URL("kernel.wasm", zos));
    stored = await platform.log.readStored();
  } catch (e) {
    fatal("log", message(e), `Zero OS could not open its storage: ${message(e)}.`,
      "IndexedDB may be blocked for this site (private browsing, a full disk, or a setting that blocks site data). Allow site data for this address, free some disk space, and reload.");
    return;
  }
  const mismatch = platform.kernel.abiMismatches();
  if (mismatch.length) {
    fatal("log", "kernel.wasm and the page disagree", `kernel.wasm and this page were built from different headers (${mismatch.slice(0, 3).join("; ")}).`,
      "Rebuild with `make web` and reload. Nothing stored was touched.");
    return;
  }
  const t0 = performance.now();
  const rep = platform.boot(stored);
  const replayMs = performance.now() - t0;
  if (rep.status !== 0) {
    damagedLog = { bytes: stored, commits: rep.commits };
    const damaged = rep.status === Z.ERR_CORRUPT;
    fatal("log", damaged ? `the CommitLog is damaged at seq ${rep.badSeq}` : `boot failed (${rep.status})`,
      damaged
        ? `The CommitLog stored in this browser is damaged at seq ${rep.badSeq}: ${rep.reason || "it does not verify"}. Zero OS will not extend a broken chain and has changed nothing.`
        : `Zero OS could not start on the stored CommitLog (error ${rep.status}).`,
      "Your data is as it was. You can export the log as it is stored (the export button) and inspect it with `zos-log verify` on Linux. " +
        "To start afresh with an empty system instead, delete this site's data (Chromium: the icon left of the address → Site settings → Delete data; " +
        "or DevTools → Application → Storage → Clear site data) and reload: that removes every file, user and key stored here.");
    return;
  }
  const epochs = stored.length ? rep.epochs + 1 : 1;
  stage("log", "done", stored.length
    ? `${rep.commits} commits in ${rep.epochs} epochs verified and replayed in ${replayMs.toFixed(1)} ms${rep.torn ? " (a torn last record was cut off)" : ""}; Boot appended`
    : "a new CommitLog begun (Genesis)");
  post({ kind: "booted", commits: rep.logCommits, epochs, replayMs, stateHash: rep.stateHash });
  if (!stageDone.has("init")) stage("init", "running", "starting Init (pid 1)");
}

async function exportLog(): Promise<void> {
  if (platform?.booted) {
    const { bytes, commits, stateHash } = await platform.exportLog();
    post({ kind: "log-export", bytes, commits, stateHash }, [bytes.buffer]);
  } else if (damagedLog) {
    const bytes = damagedLog.bytes.slice();
    post({ kind: "log-export", bytes, commits: damagedLog.commits, stateHash: "" }, [bytes.buffer]);
  }
}

scope.onmessage = (e: MessageEvent<ToKernel>) => {
  const m = e.data;
  switch (m?.kind) {
    case "start":
      if (starting) return;
      starting = true;
      start(String(m.base)).catch((err) => {
        if (!finished) {
          finished = true;
          post({ kind: "fatal", what: `Zero OS failed while starting: ${message(err)}`, advice: "Reload the page. If it happens again, rebuild with `make web`." });
        }
      });
      return;
    case "input":
      if (m.bytes instanceof Uint8Array && !finished) platform?.typed(m.bytes);
      return;
    case "export-log":
      void exportLog();
      return;
    default:
      return; // nothing else is a message for the kernel
  }
};
