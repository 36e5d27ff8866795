// The page's one link to the kernel worker: it starts the worker, sends it
// the messages of protocol.ts and hands what comes back to the page, after
// checking each message's shape (a malformed one is dropped and reported
// once, never acted on). Worker failures (its script did not load, it threw)
// become "worker-error" events the page shows like a fatal message.
import type { FromKernel, StageId, StageState, ToKernel } from "../protocol";

export type KernelEvent = FromKernel | { kind: "worker-error"; what: string };

const STAGE_IDS: readonly StageId[] = ["platform", "binaries", "log", "init", "services", "shell"];
const STAGE_STATES: readonly StageState[] = ["running", "done", "failed"];

const str = (v: unknown): v is string => typeof v === "string";
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const bytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const maybe = <T>(is: (v: unknown) => v is T, v: unknown) => v === undefined || is(v);

// Whether a message from the worker has the shape protocol.ts gives it.
export function isFromKernel(m: unknown): m is FromKernel {
  if (typeof m !== "object" || m === null) return false;
  const o = m as Record<string, unknown>;
  switch (o.kind) {
    case "stage":
      return STAGE_IDS.includes(o.id as StageId) && STAGE_STATES.includes(o.state as StageState) && str(o.text);
    case "console":
      return bytes(o.bytes);
    case "fatal":
      return str(o.what) && str(o.advice);
    case "stopped":
      return num(o.code) && str(o.why) && maybe(str, o.advice) && maybe(num, o.commits) && maybe(str, o.stateHash);
    case "log-export":
      return bytes(o.bytes) && num(o.commits) && str(o.stateHash);
    case "booted":
      return num(o.commits) && num(o.epochs) && num(o.replayMs) && str(o.stateHash);
    default:
      return false;
  }
}

export class KernelLink {
  private worker: Worker | null = null;
  private warned = false;

  constructor(
    private readonly make: () => Worker,
    private readonly onEvent: (e: KernelEvent) => void,
  ) {}

  start(base: string): void {
    if (this.worker) return;
    let w: Worker;
    try {
      w = this.make();
    } catch (e) {
      this.onEvent({ kind: "worker-error", what: `the kernel worker could not be created: ${String(e)}` });
      return;
    }
    this.worker = w;
    w.onmessage = (ev: MessageEvent<unknown>) => {
      if (isFromKernel(ev.data)) this.onEvent(ev.data);
      else if (!this.warned) {
        this.warned = true;
        console.warn("zos page: dropped a malformed message from the kernel worker", ev.data);
      }
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      const where = ev.filename ? ` (${ev.filename.split("/").pop()}:${ev.lineno})` : "";
      this.onEvent({
        kind: "worker-error",
        what: ev.message ? `the kernel worker failed: ${ev.message}${where}` : "the kernel worker's script did not load",
      });
    };
    w.onmessageerror = () => {
      this.onEvent({ kind: "worker-error", what: "a message from the kernel worker could not be read" });
    };
    this.send({ kind: "start", base });
  }

  send(msg: ToKernel): void {
    if (!this.worker) return;
    if (msg.kind === "input") this.worker.postMessage(msg, [msg.bytes.buffer]);
    else this.worker.postMessage(msg);
  }
}
