import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { ProblemBanner } from '../components/problem-banner.js';

interface DealSummary {
  id: string;
  name: string;
  owner: string;
  revision: number;
  updatedAt: string;
  archivedAt: string | null;
  access: string;
}

interface TemplateCard {
  id: string;
  name: string;
  description: string;
  sources: string[];
}

/** The sources a template cites (its meta), as text. */
function readSources(meta: any): string[] {
  const sources = meta?.sources ?? meta?.source ?? [];
  const list = Array.isArray(sources) ? sources : [sources];
  return list.map((s: any) => (typeof s === 'string' ? s : [s.item ?? s.title, s.basis && `(${s.basis})`, s.reference].filter(Boolean).join(' '))).filter(Boolean);
}

export function DealsPage() {
  const { client, t, canEdit, navigate } = useApp();
  const [deals, setDeals] = useState<DealSummary[] | null>(null);
  const [archived, setArchived] = useState(false);
  const [templates, setTemplates] = useState<TemplateCard[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = () => client.call<{ items: DealSummary[] }>('listDeals', { query: { limit: 100, includeArchived: archived || undefined } }).then((r) => setDeals(r.body.items), setError);
  useEffect(() => void load(), [archived]);
  useEffect(() => {
    if (!canEdit) return;
    void (async () => {
      const list = (await client.call<{ items: { id: string; name: string }[] }>('listTemplates')).body.items;
      const cards = await Promise.all(
        list.map(async (item) => {
          const full = (await client.call<any>('readTemplate', { params: { id: item.id } })).body;
          const deal = full.deal ?? full.content ?? {};
          return { id: item.id, name: item.name, description: deal.meta?.description ?? '', sources: readSources(deal.meta) };
        }),
      );
      setTemplates(cards);
    })().catch(setError);
  }, []);

  const create = async (body: unknown) => {
    setError(null);
    try {
      const reply = await client.call<{ id: string }>('createDeal', { body });
      navigate(`#/deals/${reply.body.id}`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section>
      <h1>{t('deals')}</h1>
      <ProblemBanner error={error} />
      <label class="check">
        <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} /> {t('showArchived')}
      </label>
      {deals === null ? (
        <p>{t('loading')}</p>
      ) : deals.length === 0 ? (
        <p>{t('noDeals')}</p>
      ) : (
        <table class="list" data-testid="deal-list">
          <thead>
            <tr><th>{t('name')}</th><th>{t('owner')}</th><th>{t('revision')}</th><th>{t('updated')}</th><th>{t('access')}</th><th /></tr>
          </thead>
          <tbody>
            {deals.map((d) => (
              <tr key={d.id} class={d.archivedAt ? 'muted' : ''}>
                <td><a href={`#/deals/${d.id}`}>{d.name}</a>{d.archivedAt && ` (${t('archived')})`}</td>
                <td>{d.owner}</td>
                <td>{d.revision}</td>
                <td>{d.updatedAt.slice(0, 16).replace('T', ' ')}</td>
                <td>{d.access === 'owner' ? t('own') : t('shared')}</td>
                <td>
                  {canEdit && d.access === 'owner' && !d.archivedAt && (
                    <button type="button" data-edit onClick={async () => {
                      try { await client.call('archiveDeal', { params: { id: d.id } }); await load(); } catch (e) { setError(e); }
                    }}>{t('archive')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <>
          <h2>{t('uploadJson')}</h2>
          <input type="file" accept="application/json,.json" aria-label={t('uploadJson')} data-edit onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            try {
              await create(JSON.parse(await file.text()));
            } catch (err) {
              setError(err instanceof SyntaxError ? `${t('invalidJson')}: ${err.message}` : err);
            }
          }} />
          <h2>{t('templates')}</h2>
          <div class="gallery" data-testid="templates">
            {templates.map((tpl) => (
              <article class="card" key={tpl.id} data-template={tpl.id}>
                <h3>{tpl.name}</h3>
                <p class="description">{tpl.description}</p>
                {tpl.sources.length > 0 && (
                  <details>
                    <summary>{t('sources')}</summary>
                    <ul>{tpl.sources.map((s) => <li key={s}>{s}</li>)}</ul>
                  </details>
                )}
                <button type="button" class="primary" data-edit onClick={() => create({ template: tpl.id })}>{t('createFromTemplate')}</button>
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
