import { useApp } from '../app-context.js';
import { formatNumber, formatPercent, formatWan } from '../lib/decimal-text.js';

const WORDS = {
  caption: ['各融资工具', 'Facilities'],
  name: ['融资工具', 'Facility'],
  kind: ['类型', 'Kind'],
  rate: ['利率', 'Rate'],
  drawn: ['提款/发行额（万元）', 'Drawn or issued (10k CNY)'],
  capitalisedInterest: ['资本化利息（万元）', 'Capitalised interest (10k CNY)'],
  'special-bond': ['专项债券', 'special bond'],
  'bank-loan': ['银行贷款', 'bank loan'],
} as const;

/** Cover ratios per facility (methodology §11.4), shown once the evaluation gives them. */
const RATIOS: [string, string, string][] = [
  ['minDscr', '最低 DSCR', 'Minimum DSCR'],
  ['llcr', 'LLCR', 'LLCR'],
  ['plcr', 'PLCR', 'PLCR'],
];

/** The debt by facility for the lender: what each is, its rate, what was drawn and capitalised, its own cover where the engine gives it. */
export function FacilitiesTable({ facilities }: { facilities: any[] }) {
  const { language } = useApp();
  const en = language === 'en';
  const w = (k: keyof typeof WORDS) => WORDS[k][en ? 1 : 0];
  const ratios = RATIOS.filter(([k]) => facilities.some((f) => f[k] !== undefined));
  return (
    <div class="table-scroll">
      <table class="list compact" data-testid="facilities">
        <caption>{w('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{w('name')}</th><th scope="col">{w('kind')}</th><th scope="col">{w('rate')}</th><th scope="col">{w('drawn')}</th><th scope="col">{w('capitalisedInterest')}</th>
            {ratios.map(([k, zh, english]) => <th key={k} scope="col">{en ? english : zh}</th>)}
          </tr>
        </thead>
        <tbody>
          {facilities.map((f) => (
            <tr key={f.id} data-facility={f.id}>
              <th scope="row">{f.name ?? f.id}</th>
              <td>{f.kind in WORDS ? w(f.kind as keyof typeof WORDS) : f.kind}</td>
              <td>{formatPercent(f.rate)}</td>
              <td>{formatWan(f.drawn)}</td>
              <td>{formatWan(f.capitalisedInterest)}</td>
              {ratios.map(([k]) => <td key={k}>{formatNumber(f[k], 2)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
