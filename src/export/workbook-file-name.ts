/** Characters no file system or download dialog takes in a name, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Keep the Chinese name readable but bounded (a deal name may have 200 characters). */
const MAX_NAME = 80;
/** A scenario's name in a file name is cut shorter: the deal's name comes first. */
const MAX_SCENARIO_NAME = 40;

/** A name made safe for a file: unsafe characters replaced, spaces folded, cut by code points (never inside a surrogate pair, which encodeURIComponent would refuse). */
function cleanName(name: string, fallback: string, max = MAX_NAME): string {
  return [...name.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim()].slice(0, max).join('') || fallback;
}

/** An id kept to ASCII file-name characters, for clients that ignore RFC 5987. */
const cleanId = (id: string | null | undefined) => (id ?? '').replace(/[^A-Za-z0-9._-]/g, '').slice(0, 80);

/**
 * What a term-sheet download is of, so that two downloads of different revisions, scenarios or
 * analysis sheets never get the same file name. Only `dealName` is required (the CLI knows no id or
 * revision; `POST /term-sheet` has no revision).
 */
export interface TermSheetFileFacts {
  dealName: string;
  dealId?: string | null;
  revision?: number;
  /** A scenario applied to the revision: its name in the Chinese name (its id when the name is not at hand), its id in the ASCII one. */
  scenario?: { id: string; name?: string };
  include?: { stress?: boolean; sensitivity?: boolean; simulation?: { draws: number; seed: number } };
}

/** The analysis sheets, always in the workbook's own order (stress, sensitivity, simulation), whatever order the request named them in. */
function describeIncludes(include: TermSheetFileFacts['include'], language: 'zh' | 'ascii'): string[] {
  const parts: string[] = [];
  if (include?.stress) parts.push(language === 'zh' ? '压力测试' : 'stress');
  if (include?.sensitivity) parts.push(language === 'zh' ? '敏感性分析' : 'sensitivity');
  const simulation = include?.simulation;
  if (simulation) parts.push(language === 'zh' ? `模拟${simulation.draws}次-种子${simulation.seed}` : `simulation-${simulation.draws}-seed${simulation.seed}`);
  return parts;
}

/**
 * The workbook's file name: the deal's name (Chinese kept), 条款摘要, the revision, the scenario and
 * the analysis sheets, e.g. `鼓楼试点-条款摘要-第2版-情景乐观-压力测试-敏感性分析.xlsx`; parts not
 * known are left out (`鼓楼试点-条款摘要.xlsx`).
 */
export function nameTermSheetFile(facts: TermSheetFileFacts): string {
  const parts = [`${cleanName(facts.dealName, 'deal')}-条款摘要`];
  if (facts.revision !== undefined) parts.push(`第${facts.revision}版`);
  if (facts.scenario) parts.push(`情景${cleanName(facts.scenario.name ?? facts.scenario.id, facts.scenario.id, MAX_SCENARIO_NAME)}`);
  return `${[...parts, ...describeIncludes(facts.include, 'zh')].join('-')}.xlsx`;
}

/** Its ASCII-only fallback for clients that ignore RFC 5987: `term-sheet-<id>-r<revision>-<scenario id>-<sheets>.xlsx`. */
export function nameTermSheetFileAscii(facts: TermSheetFileFacts): string {
  const id = cleanId(facts.dealId);
  const parts = [id ? `term-sheet-${id}` : 'term-sheet'];
  if (facts.revision !== undefined) parts.push(`r${facts.revision}`);
  const scenario = cleanId(facts.scenario?.id);
  if (scenario) parts.push(scenario);
  return `${[...parts, ...describeIncludes(facts.include, 'ascii')].join('-')}.xlsx`;
}

/** A portfolio workbook's file name: the portfolio's name and 片区汇总, e.g. `鼓楼片区-片区汇总.xlsx`. */
export function namePortfolioWorkbookFile(portfolioName: string): string {
  return `${cleanName(portfolioName, 'portfolio')}-片区汇总.xlsx`;
}

/** Its ASCII-only fallback: `portfolio-<id>.xlsx`. */
export function namePortfolioWorkbookFileAscii(portfolioId: string): string {
  const id = cleanId(portfolioId);
  return id ? `portfolio-${id}.xlsx` : 'portfolio.xlsx';
}
