/**
 * The goal-seek answer in the workbench's language. The API names the lever and its unit in English
 * (src/analysis/levers.ts: "price of fz-parking-community", "years"); the workbench knows what it asked
 * for — the input it sent and the deal's own stream and source names — so it words the answer itself.
 */
import type { Language } from './i18n.js';

export interface SolveInputChoice {
  /** The workbench's choice: `new-operating-subsidy`, `operating-years`, `price:<stream id>` or `grant:<source id>`. */
  choice: string;
  deal: { revenue?: { id: string; name?: string }[]; funding?: { sources?: { id: string; name?: string }[] } };
}

const nameOf = (list: { id: string; name?: string }[] | undefined, id: string) => list?.find((item) => item.id === id)?.name ?? id;

/** What the solved input is and the unit its value is in. */
export function describeSolveInput({ choice, deal }: SolveInputChoice, language: Language): { label: string; unit: string } {
  const en = language === 'en';
  if (choice.startsWith('price:')) return { label: `${en ? 'Price' : '价格'} · ${nameOf(deal.revenue, choice.slice(6))}`, unit: en ? 'CNY' : '元' };
  if (choice.startsWith('grant:')) return { label: `${en ? 'Grant' : '补助'} · ${nameOf(deal.funding?.sources, choice.slice(6))}`, unit: en ? 'CNY' : '元' };
  if (choice === 'operating-years') return { label: en ? 'Operating years' : '运营期', unit: en ? 'years' : '年' };
  return { label: en ? 'A new operating subsidy a year' : '新增运营补贴（每年）', unit: en ? 'CNY a year' : '元/年' };
}

const STATUS: Record<string, [string, string]> = {
  'no-solution': ['目标在该输入的取值范围内无法达到', 'the target cannot be reached within the input\'s range'],
  'not-converged': ['求解未收敛', 'the search did not converge'],
};

/** Why no value was found, in words: the API's status code when it is not one the workbench knows. */
export function describeSolveStatus(status: string, language: Language): string {
  const words = STATUS[status];
  return words ? words[language === 'en' ? 1 : 0] : status;
}
