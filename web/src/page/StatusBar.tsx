// The line at the top: where Zero OS is (the stage, or running, fatal,
// stopped), the log's commit count and state hash as last reported (at
// boot, at the last export or at the stop, said which: the worker does not
// post them per commit, which would wake the page on every syscall), and
// the export button.
import { currentStage, type PageState } from "./state";

function where(s: PageState): string {
  switch (s.phase) {
    case "checking":
      return "checking the browser";
    case "missing":
      return "cannot start";
    case "booting":
      return `starting: ${currentStage(s)?.name ?? "…"}`;
    case "running":
      return "running";
    case "fatal":
      return "stopped by an error";
    case "stopped":
      return "stopped";
  }
}

export function StatusBar({ state, onExport }: { state: PageState; onExport: () => void }) {
  const fig = state.stopped?.figures
    ? { commits: state.stopped.figures.commits, hash: state.stopped.figures.stateHash, when: "at the stop" }
    : state.exported
    ? { commits: state.exported.commits, hash: state.exported.stateHash, when: "at the export" }
    : state.booted
      ? { commits: state.booted.commits, hash: state.booted.stateHash, when: "at boot" }
      : null;
  const canExport = state.phase === "running" && !state.exporting;
  return (
    <header className="status" data-testid="status">
      <span className="brand">Zero OS</span>
      <span className={`phase phase-${state.phase}`} data-testid="phase">
        {where(state)}
      </span>
      {fig && (
        <span className="figures" title={`state hash ${fig.hash} (${fig.when})`}>
          {fig.commits} commits · state <code>{fig.hash.slice(0, 12)}…</code> {fig.when}
        </span>
      )}
      <span className="spacer" />
      <button
        type="button"
        className="export"
        data-testid="export"
        disabled={!canExport}
        // a click leaves the focus in the terminal: typing goes on there
        onMouseDown={(e) => e.preventDefault()}
        onClick={onExport}
        title="Download the CommitLog as a file zos-log reads (Ctrl+Shift+E)"
      >
        {state.exporting ? "Exporting…" : "Export log"} <kbd>Ctrl+Shift+E</kbd>
      </button>
    </header>
  );
}
