import type { WorkbookMember } from './workbook-member.js';

/** A member as the workbook names it: number, label, deal name, and which revision or scenario was evaluated. */
export function describeMember(m: WorkbookMember, index: number): string {
  const scenario = m.scenarioId ? `，情景 scenario ${m.scenarioId}` : '';
  return `成员 ${index + 1} Member ${index + 1}：${m.label} — ${m.evaluation.deal.name}（${m.dealId}，修订 revision ${m.revision}${scenario}）`;
}
