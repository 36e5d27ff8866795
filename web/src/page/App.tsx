// The page: checks the browser, starts the kernel worker, shows the boot
// stages and then the shell in a terminal, exports the CommitLog on request
// and shows a fatal error or a stop over the terminal. All state is in
// state.ts; the console goes from the kernel link to the terminal directly.
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { StageId, StageState } from "../protocol";
import { BootScreen } from "./BootScreen";
import { ConsoleSink } from "./console";
import { ExportPanel } from "./ExportPanel";
import { exportName, isExportShortcut, saveFile } from "./exportLog";
import { KernelLink, type KernelEvent } from "./kernel";
import { Overlay } from "./Overlay";
import { checkRequirements } from "./requirements";
import { Requirements } from "./Requirements";
import { initial, reduce } from "./state";
import { StatusBar } from "./StatusBar";
import { TerminalView } from "./TerminalView";

const EXPORT_WAIT_MS = 20_000;

// A read-only view for tests and the browser's developer console: what the
// console printed and the stage reports in the order they came. It gives no
// way into the system.
export interface PageView {
  transcript(): string;
  stages(): { id: StageId; state: StageState; text: string; ms: number }[];
}

declare global {
  interface Window {
    zosPage?: PageView;
  }
}

export function App({ makeWorker }: { makeWorker: () => Worker }) {
  const [state, dispatch] = useReducer(reduce, initial);
  const sink = useMemo(() => new ConsoleSink(), []);
  const stageLog = useRef<ReturnType<PageView["stages"]>>([]);
  const exportWait = useRef<ReturnType<typeof setTimeout> | null>(null);

  const onEvent = useCallback(
    (e: KernelEvent) => {
      if (e.kind === "console") return sink.write(e.bytes);
      if (e.kind === "stage")
        stageLog.current.push({ id: e.id, state: e.state, text: e.text, ms: Math.round(performance.now()) });
      if (e.kind === "log-export") {
        if (exportWait.current === null) return; // nobody asked: not saved
        clearTimeout(exportWait.current);
        exportWait.current = null;
        const at = new Date();
        const name = exportName(at);
        try {
          saveFile(e.bytes, name);
        } catch (err) {
          dispatch({ type: "export-failed", why: String(err) });
          return;
        }
        const exported = { name, size: e.bytes.length, commits: e.commits, stateHash: e.stateHash, at };
        return dispatch({ type: "export-saved", exported });
      }
      dispatch({ type: "kernel", event: e });
    },
    [sink],
  );
  const link = useMemo(() => new KernelLink(makeWorker, onEvent), [makeWorker, onEvent]);

  useEffect(() => {
    window.zosPage = { transcript: () => sink.transcript(), stages: () => [...stageLog.current] };
    let cancelled = false;
    checkRequirements().then((requirements) => {
      if (cancelled) return;
      dispatch({ type: "checked", requirements });
      if (requirements.every((r) => r.ok)) link.start(new URL(".", location.href).href);
    });
    return () => {
      cancelled = true;
    };
  }, [link, sink]);

  const running = state.phase === "running";
  const exportLog = useCallback(() => {
    if (!running || exportWait.current !== null) return;
    dispatch({ type: "export-asked" });
    exportWait.current = setTimeout(() => {
      exportWait.current = null;
      dispatch({ type: "export-failed", why: `the kernel did not answer in ${EXPORT_WAIT_MS / 1000} s` });
    }, EXPORT_WAIT_MS);
    link.send({ kind: "export-log" });
  }, [running, link]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isExportShortcut(e)) return;
      e.preventDefault();
      exportLog();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [exportLog]);

  const started = state.phase !== "checking" && state.phase !== "missing";
  const bootVisible = state.phase === "booting" || (state.phase === "fatal" && state.fatal?.booting === true);
  const takesInput = state.phase === "booting" || running;
  const onInput = useCallback((bytes: Uint8Array) => link.send({ kind: "input", bytes }), [link]);

  return (
    <div className="page" data-phase={state.phase} data-testid="page">
      <StatusBar state={state} onExport={exportLog} />
      <ExportPanel state={state} onClose={() => dispatch({ type: "export-dismissed" })} />
      {state.phase === "checking" && <p className="checking">Checking what this browser offers…</p>}
      {state.phase === "missing" && <Requirements list={state.requirements} />}
      {bootVisible && <BootScreen state={state} />}
      {started && (
        <main className="term-area">
          <TerminalView sink={sink} onInput={onInput} active={takesInput} />
          <Overlay state={state} />
        </main>
      )}
    </div>
  );
}
