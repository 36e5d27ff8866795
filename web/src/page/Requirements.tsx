// Shown instead of Zero OS when the browser lacks something it needs: every
// check, what it found, and for each missing one why Zero OS needs it and
// what to do.
import type { Requirement } from "./requirements";
import { Words } from "./Words";

export function Requirements({ list }: { list: Requirement[] }) {
  const missing = list.filter((r) => !r.ok);
  return (
    <section className="requirements" data-testid="requirements">
      <h1>Zero OS cannot start in this browser</h1>
      <p>
        {missing.length === 1 ? "One thing it needs is missing." : `${missing.length} things it needs are missing.`}{" "}
        Nothing was started and nothing was stored.
      </p>
      <ul>
        {list.map((r) => (
          <li key={r.id} className={r.ok ? "req req-ok" : "req req-missing"} data-req={r.id} data-ok={r.ok}>
            <span className="req-mark" aria-hidden="true">
              {r.ok ? "✓" : "✗"}
            </span>
            <span className="req-name">{r.name}</span>
            <span className="req-found">{r.found}</span>
            {!r.ok && (
              <div className="req-help">
                <p>
                  <strong>Why:</strong> <Words text={r.why} />
                </p>
                <p>
                  <strong>What to do:</strong> <Words text={r.todo} />
                </p>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
