// The boot stages as the kernel worker reports them, in their fixed order,
// each with its state and the worker's own words (the log's commit count,
// the services ready). A failure is shown under the stage it happened in,
// with what to do.
import type { PageState, StageView } from "./state";
import { Fatal } from "./Fatal";

const MARK: Record<StageView["state"], string> = {
  waiting: "○",
  running: "◐",
  done: "✓",
  failed: "✗",
};

export function BootScreen({ state }: { state: PageState }) {
  const fatal = state.fatal?.booting ? state.fatal : null;
  return (
    <section className="boot" aria-label="Zero OS is starting" data-testid="boot">
      <h1>Starting Zero OS</h1>
      <ol className="stages">
        {state.stages.map((s) => (
          <li key={s.id} className={`stage stage-${s.state}`} data-stage={s.id} data-state={s.state}>
            <span className="stage-mark" aria-hidden="true">
              {MARK[s.state]}
            </span>
            <span className="stage-name">{s.name}</span>
            <span className="stage-text">{s.text || (s.state === "waiting" ? "" : "…")}</span>
            {fatal && fatal.stage === s.id && <Fatal what={fatal.what} advice={fatal.advice} />}
          </li>
        ))}
      </ol>
      {fatal && fatal.stage === null && <Fatal what={fatal.what} advice={fatal.advice} />}
    </section>
  );
}
