/// <reference lib="dom" />
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTwoLoanDeal } from '../helpers/two-loan-deal.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, startWorkbenchServer, type WorkbenchServer } from './helpers/workbench-server.js';

// A real browser against the real server: generous limits for a 2-core machine shared by many.
const STEP = 90_000;
const TEST = 240_000;

let server: WorkbenchServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWorkbenchServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: STEP });
}, TEST);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, TEST);

/*
 * The two-loan deal (tests/helpers/two-loan-deal.ts) with half of each year's cash swept to the junior
 * bullet loan. The senior loan's own DSCR in 2027 is CFADS 284,900 / (200,000 + 24,000) = 1.271875,
 * below the deal's 1.3 floor: FACILITY_DSCR_BELOW_MINIMUM for 2027. The sweep prepays 40,650.00 in
 * 2027 (half of 81,300.00 offered) so the junior balance is 200,000 − 40,650 = 159,350.00 = 15.94 万元.
 */
describe('the lender\'s read of a deal in a browser (methodology §11.9, §11.11)', () => {
  it('shows the breaching facility marked in colour and words with its floor and years, and the sweep by year', async () => {
    const deal = { ...buildTwoLoanDeal(), name: '两笔贷款（扫款）', waterfall: { cashSweep: { sourceId: 'junior', share: '0.5' } } };
    const created = await server.api('POST', '/api/v1/deals', deal);
    for (const [width, name] of [[1280, 'lender-desktop'], [420, 'lender-narrow']] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP);
      await page.goto(server.url + '/');
      await page.getByLabel('API 密钥').fill(server.keys.admin);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('who').waitFor();
      await page.goto(`${server.url}/#/deals/${created.id}/results`);
      const senior = page.locator('[data-testid="facilities"] tr[data-facility="senior"]');
      await senior.waitFor();
      expect(await senior.getAttribute('class')).toBe('breach');
      expect(await senior.locator('[data-ratio="minDscr"]').innerText()).toBe('1.27 ▼低于下限');
      expect(await senior.locator('[data-floor="minDscr"]').innerText()).toBe('1.30');
      expect(await senior.locator('[data-breach-years]').innerText()).toBe('2027');
      const junior = page.locator('[data-testid="facilities"] tr[data-facility="junior"]');
      expect(await junior.getAttribute('class')).toBeNull();
      expect(await junior.locator('[data-breach-years]').innerText()).toBe('无');
      const warnings = await page.getByTestId('warnings').innerText();
      expect(warnings).toContain('该笔融资按偿付顺序计算的偿债备付率低于其约定下限');
      const sweep = page.getByTestId('cash-sweep');
      const swept = sweep.locator('tr[data-sweep="junior"]');
      expect(await swept.locator('[data-fact="sweepLoan"]').innerText()).toBe('次级贷款');
      expect(await swept.locator('[data-fact="sweepShare"]').innerText()).toBe('50.00%');
      expect(await swept.locator('[data-fact="sweepMode"]').innerText()).toContain('缩短期限');
      const cells = async (row: string) => sweep.locator(`tr[data-row="${row}"] td`).allInnerTexts();
      expect((await cells('sweep.junior.prepayment')).slice(0, 2)).toEqual(['0.00', '4.07']);
      expect((await cells('sweep.junior.balance')).slice(0, 2)).toEqual(['20.00', '15.94']);
      await senior.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-facilities.png`) });
      await sweep.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-sweep.png`) });
      await context.close();
    }
  }, TEST);
});
