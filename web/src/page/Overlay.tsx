// Over the terminal once Zero OS has stopped, by an error or by itself: what
// happened and what to do. The terminal stays readable underneath.
import { Fatal } from "./Fatal";
import type { PageState } from "./state";
import { Words } from "./Words";

export function Overlay({ state }: { state: PageState }) {
  if (state.phase === "fatal" && state.fatal && !state.fatal.booting)
    return (
      <div className="overlay" data-testid="overlay">
        <div className="card card-fatal">
          <h2>Zero OS stopped: an error</h2>
          <Fatal what={state.fatal.what} advice={state.fatal.advice} />
        </div>
      </div>
    );
  if (state.phase === "stopped" && state.stopped)
    return (
      <div className="overlay" data-testid="overlay">
        <div className="card" role="status" data-testid="stopped">
          <h2>Zero OS stopped</h2>
          <p>
            <Words text={state.stopped.why || (state.stopped.code === 0 ? "It was shut down." : "Init ended.")} />
            {state.stopped.code !== 0 && ` (exit code ${state.stopped.code})`}
          </p>
          <p className="stopped-advice">
            {state.stopped.advice ?? "Everything it acknowledged is stored in this browser. Reload the page to start it again."}
          </p>
          <button type="button" onClick={() => location.reload()}>
            Start again
          </button>
        </div>
      </div>
    );
  return null;
}
