import { useRef, useState } from 'preact/hooks';
import type { AnalysisKind, JobProgress } from '../api/analysis-runner.js';
import { useApp } from '../app-context.js';
import { ProblemBanner } from './problem-banner.js';

/**
 * Runs one decision tool as a job with a visible state: a progress bar that follows the job's progress
 * (indeterminate while the server cannot count, e.g. a goal seek), the parts done of the total and the
 * time the server estimates is left, and a cancel button that cancels the job on the server.
 */
export function useAnalysisRun(dealId: string, kind: AnalysisKind) {
  const { runner } = useApp();
  const [progress, setProgress] = useState<JobProgress | undefined>(undefined);
  const [result, setResult] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const run = async (body: unknown) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setError(null);
    setCancelled(false);
    setResult(null);
    setRunning(true);
    try {
      const answer = await runner.run(kind, { dealId }, body, { signal: current.signal, onProgress: setProgress });
      if (controller.current === current) setResult(answer.result);
    } catch (e) {
      if (controller.current !== current) return;
      if (e instanceof DOMException && e.name === 'AbortError') setCancelled(true);
      else setError(e);
      setProgress(undefined);
    } finally {
      if (controller.current === current) setRunning(false);
    }
  };
  const cancel = () => controller.current?.abort();
  return { run, cancel, running, progress, result, error, cancelled };
}

export function RunStatus({ state, testId }: { state: ReturnType<typeof useAnalysisRun>; testId: string }) {
  const { t, language } = useApp();
  const p = state.progress;
  const fraction = p?.fraction ?? null;
  const counted = p && p.total !== null ? ` (${p.done}/${p.total})` : '';
  const left = p?.estimatedRemainingSeconds ?? null;
  const minutes = left !== null && left > 120;
  const amount = left === null ? 0 : minutes ? Math.ceil(left / 60) : Math.ceil(left);
  const remaining = state.running && left !== null ? (language === 'en' ? `, about ${amount} ${minutes ? 'min' : 's'} left` : `，约剩 ${amount} ${minutes ? '分钟' : '秒'}`) : '';
  // Tenths of a percent, rounded down, so a long run's first chunks do not read as 0%.
  const percent = fraction === null ? '' : ` ${Math.floor(fraction * 1000) / 10}%`;
  return (
    <div class="run-status" data-testid={`${testId}-status`}>
      {p !== undefined && (
        <>
          <progress data-testid={`${testId}-progress`} aria-label={t('run')} max={1} value={fraction ?? undefined} data-value={fraction === null ? '' : String(fraction)} />
          <span role="status">{state.running ? `${p.status === 'queued' ? t('queued') : t('running')}${percent}${counted}${remaining}` : `${t('done')} 100%${counted}`}</span>
        </>
      )}
      {state.running && <button type="button" onClick={state.cancel} data-testid={`${testId}-cancel`}>{t('cancel')}</button>}
      {state.cancelled && <span role="status">{t('cancelled')}</span>}
      <ProblemBanner error={state.error} />
    </div>
  );
}
