// An error that stopped Zero OS, as the kernel worker (or the page, for a
// worker that failed) put it: what went wrong and what to do, and a reload.
// Shown under the failed boot stage, or in the overlay after boot.
import { Words } from "./Words";

export function Fatal({ what, advice }: { what: string; advice: string }) {
  return (
    <div className="fatal" role="alert" data-testid="fatal">
      <p className="fatal-what">
        <Words text={what} />
      </p>
      <p className="fatal-advice">
        <Words text={advice} />
      </p>
      <button type="button" onClick={() => location.reload()}>
        Reload
      </button>
    </div>
  );
}
