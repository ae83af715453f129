import { describe, expect, it } from 'vitest';
import { describeSolveInput, describeSolveStatus } from '../../web/src/lib/goal-seek-wording.js';

const deal = {
  revenue: [{ id: 'fz-parking-community', name: '小区停车位规划改造（9200个车位）' }],
  funding: { sources: [{ id: 'central-grant', name: '中央预算内投资' }] },
};

describe('the goal-seek answer in the workbench\'s language', () => {
  it('names the solved input by the deal\'s own names, with its unit, in Chinese', () => {
    expect(describeSolveInput({ choice: 'price:fz-parking-community', deal }, 'zh-CN')).toEqual({ label: '价格 · 小区停车位规划改造（9200个车位）', unit: '元' });
    expect(describeSolveInput({ choice: 'grant:central-grant', deal }, 'zh-CN')).toEqual({ label: '补助 · 中央预算内投资', unit: '元' });
    expect(describeSolveInput({ choice: 'operating-years', deal }, 'zh-CN')).toEqual({ label: '运营期', unit: '年' });
    expect(describeSolveInput({ choice: 'new-operating-subsidy', deal }, 'zh-CN')).toEqual({ label: '新增运营补贴（每年）', unit: '元/年' });
  });

  it('words the same in English, and falls back to the id of a stream the deal no longer has', () => {
    expect(describeSolveInput({ choice: 'price:fz-parking-community', deal }, 'en')).toEqual({ label: 'Price · 小区停车位规划改造（9200个车位）', unit: 'CNY' });
    expect(describeSolveInput({ choice: 'operating-years', deal }, 'en').unit).toBe('years');
    expect(describeSolveInput({ choice: 'price:gone', deal }, 'zh-CN').label).toBe('价格 · gone');
  });

  it('says why nothing was found, in words, and passes an unknown status on as it came', () => {
    expect(describeSolveStatus('no-solution', 'zh-CN')).toBe('目标在该输入的取值范围内无法达到');
    expect(describeSolveStatus('not-converged', 'zh-CN')).toBe('求解未收敛');
    expect(describeSolveStatus('not-converged', 'en')).toBe('the search did not converge');
    expect(describeSolveStatus('something-new', 'zh-CN')).toBe('something-new');
  });
});
