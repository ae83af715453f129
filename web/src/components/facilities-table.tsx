import { useApp } from '../app-context.js';
import { formatNumber, formatPercent, formatWan } from '../lib/decimal-text.js';
import type { BulletNote } from '../lib/bullet-note.js';
import type { FacilityBreaches } from '../lib/facility-breaches.js';

const WORDS = {
  caption: ['各融资工具', 'Facilities'],
  name: ['融资工具', 'Facility'],
  kind: ['类型', 'Kind'],
  rate: ['利率', 'Rate'],
  drawn: ['提款/发行额（万元）', 'Drawn or issued (10k CNY)'],
  capitalisedInterest: ['资本化利息（万元）', 'Capitalised interest (10k CNY)'],
  'special-bond': ['专项债券', 'special bond'],
  'bank-loan': ['银行贷款', 'bank loan'],
  minDscrFloor: ['DSCR 下限', 'DSCR floor'],
  minLlcrFloor: ['LLCR 下限', 'LLCR floor'],
  breachYears: ['DSCR 低于下限年份', 'Years DSCR below floor'],
  below: ['低于下限', 'below floor'],
  none: ['无', 'none'],
  noFloor: ['—', '—'],
  outsideBullet: ['到期一次还本年除外', 'outside bullet years'],
} as const;

/** Cover ratios per facility (methodology §11.4), shown once the evaluation gives them. */
const RATIOS: [string, string, string][] = [
  ['minDscr', '最低 DSCR', 'Minimum DSCR'],
  ['llcr', 'LLCR', 'LLCR'],
  ['plcr', 'PLCR', 'PLCR'],
];

/**
 * The debt by facility for the lender: what each is, its rate, what was drawn and capitalised, its own
 * cover where the engine gives it against its own covenant (methodology §11.9). A breached figure is
 * marked by colour and by the words 低于下限 (for print and colour-blind readers), with its years.
 */
export function FacilitiesTable({ facilities, breaches, bulletNotes }: { facilities: any[]; breaches?: Map<string, FacilityBreaches>; bulletNotes?: Map<string, BulletNote> }) {
  const { language } = useApp();
  const en = language === 'en';
  const w = (k: keyof typeof WORDS) => WORDS[k][en ? 1 : 0];
  const ratios = RATIOS.filter(([k]) => facilities.some((f) => f[k] !== undefined));
  const tested = breaches !== undefined && ratios.length > 0;
  const breachedRatio = (b: FacilityBreaches | undefined, k: string) => (k === 'minDscr' ? (b?.dscrYears.length ?? 0) > 0 : k === 'llcr' ? b?.llcrBreached === true : false);
  const years = (list: number[]) => (list.length === 0 ? w('none') : list.join(en ? ', ' : '、'));
  return (
    <div class="table-scroll">
      <table class="list compact" data-testid="facilities">
        <caption>{w('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{w('name')}</th><th scope="col">{w('kind')}</th><th scope="col">{w('rate')}</th><th scope="col">{w('drawn')}</th><th scope="col">{w('capitalisedInterest')}</th>
            {ratios.map(([k, zh, english]) => <th key={k} scope="col">{en ? english : zh}</th>)}
            {tested && <><th scope="col">{w('minDscrFloor')}</th><th scope="col">{w('minLlcrFloor')}</th><th scope="col">{w('breachYears')}</th></>}
          </tr>
        </thead>
        <tbody>
          {facilities.map((f) => {
            const b = breaches?.get(f.id);
            const breached = ratios.some(([k]) => breachedRatio(b, k));
            return (
            <tr key={f.id} data-facility={f.id} class={breached ? 'breach' : undefined}>
              <th scope="row">{f.name ?? f.id}</th>
              <td>{f.kind in WORDS ? w(f.kind as keyof typeof WORDS) : f.kind}</td>
              <td>{formatPercent(f.rate)}</td>
              <td>{formatWan(f.drawn)}</td>
              <td>{formatWan(f.capitalisedInterest)}</td>
              {ratios.map(([k]) => {
                // A bond's minimum in its bullet year (methodology §10.13): say so, with the figure outside those years.
                const bullet = k === 'minDscr' ? bulletNotes?.get(f.id) : undefined;
                const note = bullet?.note ? <div class="cell-note" data-note="bullet">{bullet.note}；{w('outsideBullet')} {bullet.minDscrExcludingBullet}</div> : null;
                return breachedRatio(b, k)
                  ? <td key={k} data-ratio={k} class="breach-cell">{formatNumber(f[k], 2)} <span class="breach-mark">▼{w('below')}</span>{note}</td>
                  : <td key={k} data-ratio={k}>{formatNumber(f[k], 2)}{note}</td>;
              })}
              {tested && <>
                <td data-floor="minDscr">{b?.minDscr ? formatNumber(b.minDscr, 2) : w('noFloor')}</td>
                <td data-floor="minLlcr">{b?.minLlcr ? formatNumber(b.minLlcr, 2) : w('noFloor')}</td>
                <td data-breach-years>{years(b?.dscrYears ?? [])}</td>
              </>}
            </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
