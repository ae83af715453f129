import type { CovenantBreach } from '../analysis/covenant-check.js';
import type { Problem } from '../deal/problem.js';
import { keepSignsWithFigures } from './describe-warning.js';

/**
 * A broken covenant as a reader's sentence (issue 18: words, not codes): what is broken in Chinese,
 * the threshold and the value beside it, then the engine's English message.
 */
const COVENANT_ZH: Record<CovenantBreach['covenant'], string> = {
  hardMinDscr: '最低偿债备付率低于硬性下限',
  minDscr: '最低偿债备付率低于约定下限',
  minIcr: '最低利息备付率低于约定下限',
  bondCoverage: '专项债券本息覆盖倍数（净额）低于约定下限',
  allDebtCoverage: '全部债务本息覆盖倍数（净额）低于约定下限',
  minEquityRatio: '项目资本金比例低于最低要求',
  financialSurvival: '不计临时借款时累计盈余为负，不满足财务生存能力',
  lockUp: '偿债备付率低于锁定线，当年暂停分配',
  dsraDraw: '动用偿债准备金',
};

export function describeBreach(b: CovenantBreach): string {
  const figures = b.value !== null && b.threshold !== null ? `（${b.value} < ${b.threshold}）` : '';
  return keepSignsWithFigures(`${COVENANT_ZH[b.covenant]}${figures}。${b.message}`);
}

/** A case the engine could not evaluate: "无法测算" and the field, then the engine's English message. */
export function describeUnevaluable(p: Pick<Problem, 'path' | 'message'>): string {
  return `无法测算：输入项 ${p.path} 有误。${p.message}`;
}
