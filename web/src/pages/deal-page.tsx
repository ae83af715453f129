import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { useApp } from '../app-context.js';
import { DealForm, type FieldProblems } from '../components/deal-form.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { CashFlowChart, MetricsStrip, ResultsView } from '../components/results-view.js';
import { diffJson, type Change } from '../lib/json-diff.js';
import { writeAt, type PathSegment } from '../lib/merge-patch.js';
import { HistoryPanel } from './history-panel.js';
import { ScenariosPanel } from './scenarios-panel.js';
import { ToolsPanel } from './tools-panel.js';

interface DealResource {
  id: string;
  name: string;
  revision: number;
  access: string;
  archivedAt: string | null;
  deal: Record<string, any>;
}

const groupProblems = (error: unknown): FieldProblems => {
  const grouped: FieldProblems = {};
  if (error instanceof ApiError) for (const p of error.errors) (grouped[p.path] ??= []).push(p.message);
  return grouped;
};

/** Saves the file a download answered with, from a Blob (the key went in the header, not a URL). */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DealPage({ dealId, tab }: { dealId: string; tab: string }) {
  const { client, t, canEdit, language } = useApp();
  const [resource, setResource] = useState<DealResource | null>(null);
  const [draft, setDraft] = useState<Record<string, any> | null>(null);
  const [result, setResult] = useState<any>(null);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState<{ current: DealResource; changes: Change[] } | null>(null);
  const [savedMessage, setSavedMessage] = useState('');
  const [jsonText, setJsonText] = useState<string | null>(null);
  const evaluation = useRef<AbortController | null>(null);
  const staleBox = useRef<HTMLDivElement>(null);
  // The conflict takes the focus when it appears, so a keyboard or screen-reader user meets it first.
  useEffect(() => staleBox.current?.focus(), [stale]);

  const editable = canEdit && resource?.access === 'owner' && !resource.archivedAt;
  const activeTab = tab || (editable ? 'edit' : 'results');
  const dirty = resource && draft && JSON.stringify(resource.deal) !== JSON.stringify(draft);

  const load = async () => {
    try {
      const reply = await client.call<DealResource>('readDeal', { params: { id: dealId } });
      setResource(reply.body);
      setDraft(reply.body.deal);
      setStale(null);
      setProblems({});
      const evaluated = await client.call('evaluateDeal', { params: { id: dealId } });
      setResult(evaluated.body);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void load(), [dealId]);

  // Every change of the draft is evaluated (unsaved) so the indicators and charts follow the form.
  useEffect(() => {
    if (!draft || !resource || !dirty) return;
    const timer = setTimeout(async () => {
      evaluation.current?.abort();
      const controller = new AbortController();
      evaluation.current = controller;
      setBusy(true);
      try {
        const reply = await client.call('evaluateBody', { body: draft, signal: controller.signal });
        setResult(reply.body);
        setProblems({});
        setError(null);
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setProblems(groupProblems(e));
        setError(e);
      } finally {
        if (evaluation.current === controller) setBusy(false);
      }
    }, 500);
    return () => clearTimeout(timer);
    // Re-evaluated in the new language too, so its problems come back in it; the draft is kept.
  }, [draft, language]);

  const change = (segments: PathSegment[], value: unknown) => setDraft((d) => writeAt(d, segments, value));

  const save = async (revision: number) => {
    if (!draft || !resource) return;
    setError(null);
    try {
      const reply = await client.call<DealResource>('replaceDeal', { params: { id: dealId }, body: draft, headers: { 'If-Match': `"${revision}"` } });
      setResource(reply.body);
      setDraft(reply.body.deal);
      setStale(null);
      setProblems({});
      setSavedMessage(`${t('saved')} ${reply.body.revision}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const current = (await client.call<DealResource>('readDeal', { params: { id: dealId } })).body;
        setStale({ current, changes: diffJson(resource.deal, current.deal) });
        return;
      }
      setProblems(groupProblems(e));
      setError(e);
    }
  };

  const downloadTermSheet = async () => {
    try {
      const { blob, fileName } = await client.download('termSheet', { params: { id: dealId }, query: { include: 'stress' } });
      saveBlob(blob, fileName);
    } catch (e) {
      setError(e);
    }
  };

  if (!resource || !draft) return <section><ProblemBanner error={error} /><p>{t('loading')}</p></section>;

  const tabs: [string, string][] = editable
    ? [['edit', t('editor')], ['results', t('results')], ['scenarios', t('scenarios')], ['tools', t('tools')], ['history', t('history')]]
    : [['results', t('results')], ['tools', t('tools')], ['history', t('history')]];

  return (
    <section class="deal-page">
      <div class="deal-head">
        <h1>{resource.name}</h1>
        <span class="tag">{t('revision')} {resource.revision}</span>
        {!editable && <span class="tag readonly" data-testid="read-only">{t('readOnly')}</span>}
        <button type="button" onClick={downloadTermSheet} data-testid="term-sheet">{t('termSheet')}</button>
      </div>
      <nav class="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <a key={id} role="tab" aria-selected={activeTab === id} href={`#/deals/${dealId}/${id}`}>{label}</a>
        ))}
      </nav>
      {activeTab === 'edit' && editable && (
        <div class="editor">
          <div class="save-bar">
            <button type="button" class="primary" data-edit data-testid="save" disabled={!dirty} onClick={() => save(resource.revision)}>{t('save')}</button>
            {dirty ? <span class="tag warn">{t('unsaved')}</span> : savedMessage && <span class="tag ok" role="status">{savedMessage}</span>}
            {busy && <span class="tag" role="status">{t('evaluating')}</span>}
            <button type="button" class="link" onClick={() => setJsonText(jsonText === null ? JSON.stringify(draft, null, 2) : null)}>{jsonText === null ? t('rawJson') : t('form')}</button>
          </div>
          {stale && (
            <div class="stale" role="alert" data-testid="stale" tabIndex={-1} ref={staleBox}>
              <strong>{t('staleTitle')} ({t('revision')} {stale.current.revision})</strong>
              <p>{t('staleChanged')}</p>
              <ChangeList changes={stale.changes} />
              <button type="button" onClick={() => { setResource(stale.current); setDraft(stale.current.deal); setStale(null); }}>{t('reloadTheirs')}</button>{' '}
              <button type="button" onClick={() => save(stale.current.revision)}>{t('keepMine')}</button>
            </div>
          )}
          {Object.keys(problems).length > 0 && <p class="error" role="alert" data-testid="problem-summary">{t('problemsFound')} {Object.keys(problems).join(', ')}</p>}
          {error !== null && Object.keys(problems).length === 0 && <ProblemBanner error={error} />}
          {result && (
            <div class="live">
              <MetricsStrip result={result} />
              <CashFlowChart result={result} />
            </div>
          )}
          {jsonText === null ? (
            <DealForm deal={draft} onChange={change} problems={problems} readOnly={false} />
          ) : (
            <div class="raw-json">
              <label for="raw-json">{t('rawJson')}</label>
              <textarea id="raw-json" rows={30} value={jsonText} onInput={(e) => setJsonText(e.currentTarget.value)} />
              <button type="button" onClick={() => {
                try { setDraft(JSON.parse(jsonText)); setJsonText(null); } catch (e) { setError(`${t('invalidJson')}: ${(e as Error).message}`); }
              }}>{t('applyJson')}</button>
            </div>
          )}
        </div>
      )}
      {activeTab === 'results' && (result ? <ResultsView result={result} covenants={draft.covenants} /> : <p>{t('loading')}</p>)}
      {activeTab === 'scenarios' && editable && <ScenariosPanel dealId={dealId} resource={resource} />}
      {activeTab === 'tools' && <ToolsPanel dealId={dealId} deal={resource.deal} />}
      {activeTab === 'history' && <HistoryPanel dealId={dealId} />}
      {activeTab !== 'edit' && <ProblemBanner error={error} />}
    </section>
  );
}

export function ChangeList({ changes, labels }: { changes: Change[]; labels?: Map<string, string> }) {
  const { t } = useApp();
  if (changes.length === 0) return <p>{t('noDiff')}</p>;
  const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  return (
    <table class="list compact" data-testid="changes">
      <thead><tr><th>{t('field')}</th><th>{t('before')}</th><th>{t('after')}</th></tr></thead>
      <tbody>
        {changes.slice(0, 200).map((c) => <tr key={c.path}><td>{labels?.get(c.path) && <>{labels.get(c.path)} </>}<code>{c.path}</code></td><td>{show(c.before)}</td><td>{show(c.after)}</td></tr>)}
      </tbody>
    </table>
  );
}
