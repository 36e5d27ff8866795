// What the browser must offer before Zero OS can start, checked on the page
// before the kernel worker exists. Each check says what it found, why Zero
// OS needs it and what the person can do; the page starts the kernel only
// when every check passed (App.tsx).

export type RequirementId = "isolation" | "sab" | "wait-async" | "indexeddb" | "storage-room";

export interface Requirement {
  id: RequirementId;
  name: string; // what is checked, as the page lists it
  ok: boolean;
  found: string; // what the check saw
  why: string; // why Zero OS needs it
  todo: string; // what to do when it is missing
}

// Less room than this in the origin's storage quota and the CommitLog
// cannot grow for long: a full quota fails the log and stops the system.
const MIN_FREE_BYTES = 1 << 20;
const PROBE_DB = "zos-page-probe";
const PROBE_MS = 5000;

const SERVE_TODO =
  "Open the address `make run-web` prints (it serves the page with Cross-Origin-Opener-Policy: " +
  "same-origin and Cross-Origin-Embedder-Policy: require-corp). Opening index.html as a file, " +
  "or serving it without those two headers, leaves the page unisolated.";

function isolation(): Requirement {
  const ok = globalThis.crossOriginIsolated === true;
  return {
    id: "isolation",
    name: "Cross-origin isolation",
    ok,
    found: ok ? "crossOriginIsolated is true" : "crossOriginIsolated is false",
    why:
      "Zero OS shares memory between its kernel worker and each process's worker; browsers allow " +
      "shared memory only on a cross-origin isolated page.",
    todo: SERVE_TODO,
  };
}

function sharedMemory(): Requirement {
  const ok = typeof SharedArrayBuffer === "function";
  return {
    id: "sab",
    name: "SharedArrayBuffer",
    ok,
    found: ok ? "present" : "missing",
    why:
      "Every process makes its syscalls through a SharedArrayBuffer mailbox that the kernel " +
      "worker reads; without it no process can run.",
    todo: globalThis.crossOriginIsolated
      ? "Use a current Chromium, Chrome or Edge."
      : "It appears once the page is cross-origin isolated (above).",
  };
}

function waitAsync(): Requirement {
  const ok = typeof (Atomics as { waitAsync?: unknown }).waitAsync === "function";
  return {
    id: "wait-async",
    name: "Atomics.waitAsync",
    ok,
    found: ok ? "present" : "missing",
    why:
      "The kernel worker sleeps until a process rings its doorbell (Atomics.waitAsync), so an idle " +
      "system uses no CPU and never polls; without it the kernel cannot wait.",
    todo: "Use Chromium, Chrome or Edge (version 87 or later); this browser lacks it.",
  };
}

// Opens (and deletes again) a throwaway database: the only sure way to know
// IndexedDB works here. Private windows of some browsers and a "block site
// data" setting make open() throw or fail.
function probeIndexedDB(): Promise<string | null> {
  if (typeof indexedDB === "undefined") return Promise.resolve("indexedDB is not defined");
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`no answer from indexedDB.open in ${PROBE_MS / 1000} s`), PROBE_MS);
    const done = (why: string | null) => {
      clearTimeout(timer);
      resolve(why);
    };
    try {
      const rq = indexedDB.open(PROBE_DB, 1);
      rq.onsuccess = () => {
        rq.result.close();
        indexedDB.deleteDatabase(PROBE_DB);
        done(null);
      };
      rq.onerror = () => done(`indexedDB.open failed: ${rq.error?.name ?? "error"} ${rq.error?.message ?? ""}`.trim());
      rq.onblocked = () => done("indexedDB.open was blocked");
    } catch (e) {
      done(`indexedDB.open threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
  });
}

async function indexedDb(): Promise<Requirement> {
  const failure = await probeIndexedDB();
  return {
    id: "indexeddb",
    name: "IndexedDB",
    ok: failure === null,
    found: failure ?? "a database opens",
    why:
      "Zero OS keeps its CommitLog, its files and its keystore in IndexedDB, so that everything " +
      "survives a reload or a closed browser.",
    todo:
      "Leave private (incognito) browsing if this browser blocks storage there, and allow site " +
      "data for this address (the browser's cookies and site data settings).",
  };
}

async function storageRoom(): Promise<Requirement> {
  const base = {
    id: "storage-room" as const,
    name: "Room for the CommitLog",
    why:
      "The CommitLog only grows; when the browser's storage quota for this site is full, the log " +
      "can take no more commits and Zero OS stops.",
    todo:
      "Free some space: delete other sites' data in the browser's settings, or free disk space " +
      "(the browser's quota is a share of the free disk).",
  };
  if (!navigator.storage?.estimate) return { ...base, ok: true, found: "the browser does not say" };
  try {
    const { quota = 0, usage = 0 } = await navigator.storage.estimate();
    const free = quota - usage;
    return { ...base, ok: free >= MIN_FREE_BYTES, found: `${mib(free)} free of ${mib(quota)}` };
  } catch {
    return { ...base, ok: true, found: "the browser does not say" };
  }
}

function mib(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(0)} MiB` : `${Math.max(0, Math.round(n / 1024))} KiB`;
}

export async function checkRequirements(): Promise<Requirement[]> {
  const sync = [isolation(), sharedMemory(), waitAsync()];
  const [db, room] = await Promise.all([indexedDb(), storageRoom()]);
  return db.ok ? [...sync, db, room] : [...sync, db];
}
