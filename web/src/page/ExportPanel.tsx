// After an export: the file's name and size, the commits in it and the
// state hash the system had at that moment (zos-log's replay of the file on
// Linux must end at the same hash), with how to check it.
import type { PageState } from "./state";

export function ExportPanel({ state, onClose }: { state: PageState; onClose: () => void }) {
  if (state.exportError)
    return (
      <aside className="panel panel-error" role="alert" data-testid="export-error">
        <span>The log could not be exported: {state.exportError}</span>
        <button type="button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </aside>
    );
  const e = state.exported;
  if (!e) return null;
  return (
    <aside className="panel" data-testid="export-panel">
      <div>
        Saved <code data-testid="export-name">{e.name}</code> ({e.size.toLocaleString("en")} bytes,{" "}
        <span data-testid="export-commits">{e.commits}</span> commits) at {e.at.toLocaleTimeString("en-GB")}.
      </div>
      <div>
        State hash then: <code className="hash" data-testid="export-hash">{e.stateHash}</code>
      </div>
      <div className="hint">
        Check it on Linux: <code>build/host/tools/zos-log verify {e.name}</code> and{" "}
        <code>zos-log state {e.name}</code> (its first line is the same hash).
      </div>
      <button type="button" onClick={onClose} aria-label="Close">
        ×
      </button>
    </aside>
  );
}
