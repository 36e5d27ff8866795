// What the page shows, as one value changed only by `reduce`: the phase
// (checking the browser, missing something, booting, running, fatal,
// stopped), each boot stage as the kernel worker last reported it, the
// boot's figures and the last export. Console bytes never pass through here
// (they go straight to the terminal, console.ts).
import type { StageId, StageState } from "../protocol";
import type { KernelEvent } from "./kernel";
import type { Requirement } from "./requirements";

export type Phase = "checking" | "missing" | "booting" | "running" | "fatal" | "stopped";

export const STAGES: readonly { id: StageId; name: string }[] = [
  { id: "platform", name: "Platform" },
  { id: "binaries", name: "Binaries" },
  { id: "log", name: "CommitLog" },
  { id: "init", name: "Init" },
  { id: "services", name: "Core services" },
  { id: "shell", name: "Shell" },
];

export interface StageView {
  id: StageId;
  name: string;
  state: StageState | "waiting"; // waiting: not reported yet
  text: string;
}

export interface Booted {
  commits: number;
  epochs: number;
  replayMs: number;
  stateHash: string;
}

// The log's commit count and state hash at one moment.
export interface Figures {
  commits: number;
  stateHash: string;
}

export interface Exported {
  name: string; // the file's name
  size: number;
  commits: number;
  stateHash: string;
  at: Date;
}

export interface PageState {
  phase: Phase;
  requirements: Requirement[];
  stages: StageView[];
  booted: Booted | null;
  // fatal.booting: it came before the shell ran (the boot screen shows it,
  // under fatal.stage when there is one); else it is shown over the terminal
  fatal: { what: string; advice: string; booting: boolean; stage: StageId | null } | null;
  stopped: { code: number; why: string; advice: string | null; figures: Figures | null } | null;
  exporting: boolean;
  exportError: string | null;
  exported: Exported | null;
}

export const initial: PageState = {
  phase: "checking",
  requirements: [],
  stages: STAGES.map((s) => ({ ...s, state: "waiting", text: "" })),
  booted: null,
  fatal: null,
  stopped: null,
  exporting: false,
  exportError: null,
  exported: null,
};

export type Action =
  | { type: "checked"; requirements: Requirement[] }
  | { type: "kernel"; event: KernelEvent }
  | { type: "export-asked" }
  | { type: "export-failed"; why: string }
  | { type: "export-saved"; exported: Exported }
  | { type: "export-dismissed" };

// The stage a failure belongs to: the one reported failed, else the one
// still running, else none (it happened after boot).
function failedStage(stages: StageView[]): StageId | null {
  const failed = stages.find((s) => s.state === "failed");
  if (failed) return failed.id;
  const running = stages.find((s) => s.state === "running");
  return running ? running.id : null;
}

function onKernel(s: PageState, e: KernelEvent): PageState {
  switch (e.kind) {
    case "stage": {
      const stages = s.stages.map((v) => (v.id === e.id ? { ...v, state: e.state, text: e.text } : v));
      const phase = s.phase === "booting" && e.id === "shell" && e.state === "done" ? "running" : s.phase;
      return { ...s, stages, phase };
    }
    case "booted":
      return { ...s, booted: { commits: e.commits, epochs: e.epochs, replayMs: e.replayMs, stateHash: e.stateHash } };
    case "fatal":
    case "worker-error": {
      if (s.phase === "fatal") return s; // the first one is the cause
      const what = e.what;
      const advice =
        e.kind === "fatal"
          ? e.advice
          : "Reload the page. If it happens again, rebuild and serve the page with `make run-web`; " +
            "the browser's developer console (F12) has the details.";
      const booting = s.phase === "booting";
      const stage = booting ? failedStage(s.stages) : null;
      return { ...s, phase: "fatal", fatal: { what, advice, booting, stage }, exporting: false };
    }
    case "stopped":
      if (s.phase === "fatal") return s;
      return {
        ...s,
        phase: "stopped",
        stopped: {
          code: e.code,
          why: e.why,
          advice: e.advice ?? null,
          figures: e.commits !== undefined && e.stateHash !== undefined ? { commits: e.commits, stateHash: e.stateHash } : null,
        },
        exporting: false,
      };
    case "log-export":
    case "console":
      return s; // handled by App (a download, the terminal)
  }
}

export function reduce(s: PageState, a: Action): PageState {
  switch (a.type) {
    case "checked": {
      const ok = a.requirements.every((r) => r.ok);
      return { ...s, requirements: a.requirements, phase: ok ? "booting" : "missing" };
    }
    case "kernel":
      return onKernel(s, a.event);
    case "export-asked":
      return { ...s, exporting: true, exportError: null };
    case "export-failed":
      return { ...s, exporting: false, exportError: a.why };
    case "export-saved":
      return { ...s, exporting: false, exportError: null, exported: a.exported };
    case "export-dismissed":
      return { ...s, exported: null, exportError: null };
  }
}

// The stage a person should look at now: the first not done.
export function currentStage(s: PageState): StageView | null {
  return s.stages.find((v) => v.state !== "done") ?? null;
}
