import { ApiError } from '../api/client.js';

/** An error in words: the problem's title and detail, and every field problem listed. */
export function ProblemBanner({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof DOMException && error.name === 'AbortError') return null;
  if (!(error instanceof ApiError)) return <p class="error" role="alert">{String(error)}</p>;
  return (
    <div class="error" role="alert">
      <strong>{error.title}</strong> {error.detail}
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((p) => (
            <li key={p.path + p.code}>
              <code>{p.path}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
