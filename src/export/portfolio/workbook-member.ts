import type { StatementKey } from '../../analysis/portfolio/aggregate-statements.js';
import { PORTFOLIO_STATEMENTS } from '../../analysis/portfolio/portfolio-parts.js';
import { D } from '../../finance/decimal.js';
import type { TimelineYear } from '../../engine/timeline.js';

/** A member's statement row as the portfolio workbook writes it (a flow has a total, a balance null). */
export interface MemberRow {
  key: string;
  zh: string;
  en: string;
  values: readonly D[];
  readonly total: D | null;
}

interface MemberAmounts {
  nominal: D;
  pv: D;
}

/**
 * What the portfolio workbook reads of a member: its names, its years, the rows of the statements the
 * portfolio sums and its contributions. An evaluated member (EvaluatedMember) is one; so is a member
 * evaluated on another worker and handed over as plain data (readPlainWorkbookMember).
 */
export interface WorkbookMember {
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  evaluation: {
    engineVersion: string;
    deal: { name: string };
    years: TimelineYear[];
    statements: Partial<Record<StatementKey, { rows: readonly MemberRow[] }>>;
    contributions: {
      total: MemberAmounts;
      byParty: ({ party: string } & MemberAmounts)[];
      byLevel: ({ level: string } & MemberAmounts)[];
      bySource: ({ kind: string } & MemberAmounts)[];
    };
  };
}

type PlainAmounts = { nominal: string; pv: string };

/**
 * A WorkbookMember as plain data (decimals as their exact strings), for a worker to hand to the one that
 * writes the workbook: structured clone keeps no Decimal. Only the statements the portfolio sums.
 */
export interface PlainWorkbookMember {
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  engineVersion: string;
  name: string;
  years: TimelineYear[];
  statements: Partial<Record<StatementKey, { key: string; zh: string; en: string; values: string[]; total: string | null }[]>>;
  contributions: {
    total: PlainAmounts;
    byParty: ({ party: string } & PlainAmounts)[];
    byLevel: ({ level: string } & PlainAmounts)[];
    bySource: ({ kind: string } & PlainAmounts)[];
  };
}

/** The rows of a member's statement the workbook writes: every member carries the statements the portfolio sums. */
export function readMemberRows(member: WorkbookMember, key: StatementKey): readonly MemberRow[] {
  const statement = member.evaluation.statements[key];
  if (!statement) throw new Error(`member ${member.label} has no ${key} statement`);
  return statement.rows;
}

const plainAmounts = (a: MemberAmounts): PlainAmounts => ({ nominal: a.nominal.toString(), pv: a.pv.toString() });
const readAmounts = (a: PlainAmounts): MemberAmounts => ({ nominal: new D(a.nominal), pv: new D(a.pv) });

/** A member as plain data: every decimal as its exact string (D.toString), so reading it back gives the same numbers. */
export function toPlainWorkbookMember(member: WorkbookMember): PlainWorkbookMember {
  const e = member.evaluation;
  const statements: PlainWorkbookMember['statements'] = {};
  for (const key of PORTFOLIO_STATEMENTS) {
    statements[key] = readMemberRows(member, key).map((r) => ({ key: r.key, zh: r.zh, en: r.en, values: r.values.map((v) => v.toString()), total: r.total === null ? null : r.total.toString() }));
  }
  const c = e.contributions;
  return {
    label: member.label,
    dealId: member.dealId,
    revision: member.revision,
    ...(member.scenarioId ? { scenarioId: member.scenarioId } : {}),
    engineVersion: e.engineVersion,
    name: e.deal.name,
    years: e.years.map((y) => ({ ...y })),
    statements,
    contributions: {
      total: plainAmounts(c.total),
      byParty: c.byParty.map((r) => ({ party: r.party, ...plainAmounts(r) })),
      byLevel: c.byLevel.map((r) => ({ level: r.level, ...plainAmounts(r) })),
      bySource: c.bySource.map((r) => ({ kind: r.kind, ...plainAmounts(r) })),
    },
  };
}

/** A member handed over as plain data, with its decimals read back. */
export function readPlainWorkbookMember(plain: PlainWorkbookMember): WorkbookMember {
  const statements: WorkbookMember['evaluation']['statements'] = {};
  for (const [key, rows] of Object.entries(plain.statements) as [StatementKey, NonNullable<PlainWorkbookMember['statements'][StatementKey]>][]) {
    statements[key] = { rows: rows.map((r) => ({ key: r.key, zh: r.zh, en: r.en, values: r.values.map((v) => new D(v)), total: r.total === null ? null : new D(r.total) })) };
  }
  const c = plain.contributions;
  return {
    label: plain.label,
    dealId: plain.dealId,
    revision: plain.revision,
    ...(plain.scenarioId ? { scenarioId: plain.scenarioId } : {}),
    evaluation: {
      engineVersion: plain.engineVersion,
      deal: { name: plain.name },
      years: plain.years,
      statements,
      contributions: {
        total: readAmounts(c.total),
        byParty: c.byParty.map((r) => ({ party: r.party, ...readAmounts(r) })),
        byLevel: c.byLevel.map((r) => ({ level: r.level, ...readAmounts(r) })),
        bySource: c.bySource.map((r) => ({ kind: r.kind, ...readAmounts(r) })),
      },
    },
  };
}
