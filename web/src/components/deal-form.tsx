import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { decimalToPercent, formatWan, isDecimalText, percentToDecimal } from '../lib/decimal-text.js';
import { isPercentKey, labelKey, unitOfKey } from '../lib/deal-labels.js';
import { nameElement } from '../lib/deal-fields.js';
import { formatPath, type PathSegment } from '../lib/merge-patch.js';

export type FieldProblems = Record<string, string[]>;

interface FormProps {
  onChange: (segments: PathSegment[], value: unknown) => void;
  problems: FieldProblems;
  readOnly: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
/** A DOM id for a field path (`revenue[0].monthlyFee` → `f-revenue-0-monthlyFee`). */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;

/** What the user typed, as the value the deal stores: percentages as decimals, numbers as numbers. */
function readTyped(text: string, original: unknown, percent: boolean): unknown {
  if (typeof original === 'number') return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
  if (percent) return percentToDecimal(text) ?? text;
  if (original === null && text === '') return null;
  return text;
}
const showValue = (value: unknown, percent: boolean) => (value === null || value === undefined ? '' : percent && typeof value === 'string' && isDecimalText(value) ? decimalToPercent(value)! : String(value));

function Problems({ path, problems }: { path: string; problems: FieldProblems }) {
  const list = problems[path];
  if (!list) return null;
  return (
    <span class="field-problem" id={`${fieldId(path)}-problem`} data-problem-path={path}>
      {list.join('；')}
    </span>
  );
}

/** One input: keeps the text as typed while it is being edited (so "3." is not reformatted mid-typing). */
function ScalarInput({ segments, value, keyName, label, props, compact }: { segments: PathSegment[]; value: unknown; keyName: string; label: string; props: FormProps; compact?: boolean }) {
  const { language } = useApp();
  const path = formatPath(segments);
  const percent = isPercentKey(keyName) && typeof value !== 'number' && typeof value !== 'boolean';
  const [text, setText] = useState(showValue(value, percent));
  useEffect(() => {
    if (readTyped(text, value, percent) !== value) setText(showValue(value, percent));
  }, [value]);
  const id = fieldId(path);
  const invalid = Boolean(props.problems[path]);
  const unitText = unitOfKey(keyName, language);
  // A label that already says its unit ("建设期（年）") gets no second one.
  const unit = unitText && !label.includes(`（${unitText}）`) && !label.includes(`(${unitText})`) ? unitText : '';
  if (typeof value === 'boolean') {
    return (
      <div class={`field check${invalid ? ' invalid' : ''}`}>
        <label for={id}>
          <input id={id} type="checkbox" data-path={path} checked={value} disabled={props.readOnly} onChange={(e) => props.onChange(segments, e.currentTarget.checked)} /> {label}
        </label>
        <Problems path={path} problems={props.problems} />
      </div>
    );
  }
  const long = typeof value === 'string' && value.length > 80;
  const common = {
    id,
    'data-path': path,
    'aria-invalid': invalid ? (true as const) : undefined,
    'aria-describedby': invalid ? `${id}-problem` : undefined,
    readOnly: props.readOnly,
    value: text,
    onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      const next = e.currentTarget.value;
      setText(next);
      props.onChange(segments, readTyped(next, value, percent));
    },
  };
  return (
    <div class={`field${invalid ? ' invalid' : ''}${long ? ' wide' : ''}`}>
      <label for={id} class={compact ? 'sr-only' : ''}>{label}{unit && <span class="unit"> ({unit})</span>}</label>
      {long ? <textarea rows={3} {...common} /> : <input type="text" inputMode={typeof value === 'number' || percent ? ('decimal' as const) : undefined} {...common} />}
      {unitText === '元' && isDecimalText(text) && <span class="unit wan" data-wan={path}>= {formatWan(text)} {language === 'en' ? '10k CNY' : '万元'}</span>}
      <Problems path={path} problems={props.problems} />
    </div>
  );
}

function ScalarList({ segments, values, keyName, props }: { segments: PathSegment[]; values: unknown[]; keyName: string; props: FormProps }) {
  const { language } = useApp();
  const path = formatPath(segments);
  return (
    <fieldset class="scalar-list">
      <legend>{labelKey(keyName, language)}{unitOfKey(keyName, language) && ` (${unitOfKey(keyName, language)})`}</legend>
      <Problems path={path} problems={props.problems} />
      {values.map((v, i) => (
        <ScalarInput key={i} segments={[...segments, i]} value={v} keyName={keyName} label={`${labelKey(keyName, language)} ${i + 1}`} props={props} compact />
      ))}
      {!props.readOnly && (
        <span class="row-actions">
          <button type="button" data-edit onClick={() => props.onChange(segments, [...values, values[values.length - 1] ?? ''])}>+</button>
          {values.length > 0 && <button type="button" data-edit onClick={() => props.onChange(segments, values.slice(0, -1))}>−</button>}
        </span>
      )}
    </fieldset>
  );
}

/** Flat objects (every value a scalar, or an object of scalars) make a table; capex items do. */
function columnsOfTable(items: unknown[]): string[][] | null {
  const columns = new Map<string, string[]>();
  for (const item of items) {
    if (!isObject(item)) return null;
    for (const [key, v] of Object.entries(item)) {
      if (isScalar(v)) columns.set(key, [key]);
      else if (isObject(v) && Object.values(v).every(isScalar)) for (const sub of Object.keys(v)) columns.set(`${key}.${sub}`, [key, sub]);
      else return null;
    }
  }
  return [...columns.values()];
}

const copyOf = (item: unknown): unknown => {
  const copy = structuredClone(item);
  if (isObject(copy) && typeof copy.id === 'string') copy.id = `${copy.id}-2`;
  return copy;
};

function ArrayOfObjects({ segments, items, keyName, props }: { segments: PathSegment[]; items: unknown[]; keyName: string; props: FormProps }) {
  const { language, t } = useApp();
  const path = formatPath(segments);
  const columns = columnsOfTable(items);
  const actions = !props.readOnly && (
    <button type="button" data-edit onClick={() => props.onChange(segments, [...items, copyOf(items[items.length - 1] ?? {})])}>{t('addRow')}</button>
  );
  const remove = (i: number) => props.onChange(segments, items.filter((_, j) => j !== i));
  if (columns && items.length > 0) {
    return (
      <fieldset class="table-field">
        <legend>{labelKey(keyName, language)}</legend>
        <Problems path={path} problems={props.problems} />
        <div class="table-scroll">
          <table class="edit-table" data-testid={`table-${path}`}>
            <thead>
              <tr>{columns.map((c) => <th key={c.join('.')} scope="col">{c.map((k) => labelKey(k, language)).join(' · ')}{unitOfKey(c[c.length - 1]!, language) && ` (${unitOfKey(c[c.length - 1]!, language)})`}</th>)}{!props.readOnly && <th />}</tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <tr key={i}>
                  {columns.map((c) => {
                    const value = c.reduce<any>((v, k) => (v == null ? undefined : v[k]), item);
                    const cellPath = [...segments, i, ...c];
                    return (
                      <td key={c.join('.')}>
                        {value === undefined ? '' : <ScalarInput segments={cellPath} value={value} keyName={c[c.length - 1]!} label={`${nameElement(item, i)} ${c.map((k) => labelKey(k, language)).join(' ')}`} props={props} compact />}
                      </td>
                    );
                  })}
                  {!props.readOnly && <td><button type="button" data-edit onClick={() => remove(i)}>{t('removeRow')}</button></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {actions}
      </fieldset>
    );
  }
  return (
    <fieldset class="cards">
      <legend>{labelKey(keyName, language)}</legend>
      <Problems path={path} problems={props.problems} />
      {items.map((item, i) => (
        <div class="card" key={i}>
          <div class="card-head">
            <strong>{nameElement(item, i)}</strong>
            {isObject(item) && typeof item.driver === 'string' && <span class="tag">{item.driver}</span>}
            {isObject(item) && typeof item.kind === 'string' && <span class="tag">{item.kind}</span>}
            {!props.readOnly && <button type="button" data-edit onClick={() => remove(i)}>{t('removeRow')}</button>}
          </div>
          <Node segments={[...segments, i]} value={item} keyName={keyName} props={props} bare />
        </div>
      ))}
      {actions}
    </fieldset>
  );
}

function Node({ segments, value, keyName, props, bare }: { segments: PathSegment[]; value: unknown; keyName: string; props: FormProps; bare?: boolean }): any {
  const { language } = useApp();
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return <ScalarList segments={segments} values={value} keyName={keyName} props={props} />;
    return <ArrayOfObjects segments={segments} items={value} keyName={keyName} props={props} />;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    const scalars = entries.filter(([, v]) => isScalar(v));
    const nested = entries.filter(([, v]) => !isScalar(v));
    const body = (
      <>
        <Problems path={formatPath(segments)} problems={props.problems} />
        <div class="grid">
          {scalars.map(([k, v]) => <ScalarInput key={k} segments={[...segments, k]} value={v} keyName={k} label={labelKey(k, language)} props={props} />)}
        </div>
        {nested.map(([k, v]) => <Node key={k} segments={[...segments, k]} value={v} keyName={k} props={props} />)}
      </>
    );
    return bare ? body : <fieldset><legend>{labelKey(keyName, language)}</legend>{body}</fieldset>;
  }
  return <ScalarInput segments={segments} value={value} keyName={keyName} label={labelKey(keyName, language)} props={props} />;
}

const SECTION_ORDER = ['name', 'place', 'timeline', 'scope', 'capex', 'revenue', 'opex', 'funding', 'operatingSupport', 'covenants', 'tax', 'fiscal', 'discountRate', 'workingCapital', 'handBack', 'indicators'];

/**
 * The deal as a form, built from its shape: each top-level section a panel, objects as labelled
 * fields, lists of flat records (capex) as editable tables, other lists as cards, and lists of
 * numbers (occupancy by year) as rows of inputs. Labels and units come from deal-labels.ts.
 */
export function DealForm({ deal, ...props }: FormProps & { deal: Record<string, unknown> }) {
  const { language } = useApp();
  const keys = Object.keys(deal).filter((k) => k !== 'meta' && k !== 'schemaVersion' && k !== 'id');
  keys.sort((a, b) => (SECTION_ORDER.indexOf(a) + 1 || 99) - (SECTION_ORDER.indexOf(b) + 1 || 99));
  const scalars = keys.filter((k) => isScalar(deal[k]));
  const sections = keys.filter((k) => !isScalar(deal[k]));
  return (
    <form class="deal-form" onSubmit={(e) => e.preventDefault()}>
      <nav class="sections" aria-label="sections">
        {sections.map((k) => <a key={k} href={`#/`} onClick={(e) => { e.preventDefault(); document.getElementById(`section-${k}`)?.scrollIntoView(); }}>{labelKey(k, language)}</a>)}
      </nav>
      <fieldset>
        <legend>{language === 'en' ? 'General' : '基本信息'}</legend>
        <div class="grid">{scalars.map((k) => <ScalarInput key={k} segments={[k]} value={deal[k]} keyName={k} label={labelKey(k, language)} props={props} />)}</div>
      </fieldset>
      {sections.map((k) => (
        <section id={`section-${k}`} key={k} class="form-section">
          <Node segments={[k]} value={deal[k]} keyName={k} props={props} />
        </section>
      ))}
    </form>
  );
}
