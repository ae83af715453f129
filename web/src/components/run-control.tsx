import { useRef, useState } from 'preact/hooks';
import type { AnalysisKind } from '../api/analysis-runner.js';
import { useApp } from '../app-context.js';
import { ProblemBanner } from './problem-banner.js';

/**
 * Runs one decision tool with a visible state: a progress bar (indeterminate until the server can
 * report progress, 100% when it answers) and a cancel button that aborts the request.
 */
export function useAnalysisRun(dealId: string, kind: AnalysisKind) {
  const { runner } = useApp();
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  const [result, setResult] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const run = async (body: unknown) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setError(null);
    setCancelled(false);
    setResult(null);
    try {
      const answer = await runner.run(kind, { dealId }, body, { signal: current.signal, onProgress: setProgress });
      setResult(answer.result);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setCancelled(true);
      else setError(e);
      setProgress(undefined);
    }
  };
  const cancel = () => controller.current?.abort();
  const running = progress === null;
  return { run, cancel, running, progress, result, error, cancelled };
}

export function RunStatus({ state, testId }: { state: ReturnType<typeof useAnalysisRun>; testId: string }) {
  const { t } = useApp();
  return (
    <div class="run-status" data-testid={`${testId}-status`}>
      {state.progress !== undefined && (
        <>
          <progress data-testid={`${testId}-progress`} aria-label={t('run')} max={1} value={state.progress ?? undefined} data-value={state.progress === null ? '' : String(state.progress)} />
          <span role="status">{state.running ? t('running') : `${t('done')} 100%`}</span>
        </>
      )}
      {state.running && <button type="button" onClick={state.cancel} data-testid={`${testId}-cancel`}>{t('cancel')}</button>}
      {state.cancelled && <span role="status">{t('cancelled')}</span>}
      <ProblemBanner error={state.error} />
    </div>
  );
}
