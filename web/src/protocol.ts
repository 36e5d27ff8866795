// The messages between the page (main thread) and the kernel worker: the
// one contract the two sides share. The page never calls into the kernel
// any other way, and the kernel worker never touches the DOM.
//
// Console bytes in both directions are terminal text, never commands: the
// page writes what it receives to the terminal, and nothing the page or a
// process sends is interpreted by the kernel worker beyond the kinds below.

// ---- page -> kernel worker --------------------------------------------------

export type ToKernel =
  // Start Zero OS. `base` is the URL under which kernel.wasm, bin/ and
  // bin/manifest.json are served (the page's own directory).
  | { kind: "start"; base: string }
  // Keys typed in the terminal, as the terminal emulator encodes them.
  | { kind: "input"; bytes: Uint8Array }
  // Ask for the CommitLog as a file (answered by "log-export").
  | { kind: "export-log" };

// ---- kernel worker -> page --------------------------------------------------

// A boot stage as the page shows it. `id` is stable (tests wait for it),
// `text` is for people.
export type StageId =
  | "platform" // crossOriginIsolated, SharedArrayBuffer, IndexedDB checked
  | "binaries" // the manifest fetched and every module's SHA-256 checked
  | "log" // the CommitLog read, verified and replayed (or a new one begun)
  | "init" // Init (pid 1) running
  | "services" // Init says its core services are ready
  | "shell"; // a terminal is running on the console

export type StageState = "running" | "done" | "failed";

export type FromKernel =
  | { kind: "stage"; id: StageId; state: StageState; text: string }
  // Console output (CONSOLE_WRITE), only once the commits behind it are
  // durable: terminal text.
  | { kind: "console"; bytes: Uint8Array }
  // The system cannot start or has to stop: what went wrong, and what the
  // person can do about it (shown instead of, or over, the terminal).
  | { kind: "fatal"; what: string; advice: string }
  // Zero OS stopped by itself (shutdown, Init ended, the log failed).
  // advice: what the person can do, when the worker knows better than the
  // page's default (the site's storage is full). commits, stateHash: the
  // log's figures at the stop; absent when the log failed (what is stored
  // is then less than what ran).
  | { kind: "stopped"; code: number; why: string; advice?: string; commits?: number; stateHash?: string }
  // The framed CommitLog, byte for byte as stored (everything flushed
  // first), for a download: zos-log on Linux reads it, and its replay must
  // give stateHash, the live state's hash at the moment of the export.
  | { kind: "log-export"; bytes: Uint8Array; commits: number; stateHash: string }
  // Facts the tests (and a status line) read: the boot's figures.
  | {
      kind: "booted";
      commits: number; // in the log after Boot
      epochs: number;
      replayMs: number; // time to verify and replay the stored log
      stateHash: string; // hex, after Boot and Init's creation
    };
