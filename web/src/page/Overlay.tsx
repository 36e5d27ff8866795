// Over the terminal once Zero OS has stopped, by an error or by itself: what
// happened and what to do. The terminal stays readable underneath.
import type { PageState } from "./state";

export function Overlay({ state }: { state: PageState }) {
  if (state.phase === "fatal" && state.fatal && !state.fatal.booting)
    return (
      <div className="overlay" data-testid="overlay">
        <div className="card card-fatal" role="alert" data-testid="fatal">
          <h2>Zero OS stopped: an error</h2>
          <p className="fatal-what">{state.fatal.what}</p>
          <p className="fatal-advice">{state.fatal.advice}</p>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  if (state.phase === "stopped" && state.stopped)
    return (
      <div className="overlay" data-testid="overlay">
        <div className="card" role="status" data-testid="stopped">
          <h2>Zero OS stopped</h2>
          <p>
            {state.stopped.why}
            {state.stopped.code !== 0 && ` (exit code ${state.stopped.code})`}
          </p>
          <p>Everything it acknowledged is stored in this browser. Reload the page to start it again.</p>
          <button type="button" onClick={() => location.reload()}>
            Start again
          </button>
        </div>
      </div>
    );
  return null;
}
