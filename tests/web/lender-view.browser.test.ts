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

  /*
   * The 湘潭 bond card template (models/xiangtan-bond-card.json): three bullet batches maturing 2040, 2042
   * and 2046. The bond's own DSCR is lowest in 2040 (the 50,000,000 bullet: 0.19); outside the bullet years
   * its lowest is 1.4565… (2037), and the repayment account pays each bullet (methodology §10.13).
   * The balance sheet of its first operating year (2025 + 3 construction years = 2028), read off the page
   * in 万元: 资产 = 负债 + 所有者权益 to the 0.01 shown (each figure is rounded on its own), and
   * 资产负债率 = 负债 / 资产 as the percentage shown.
   */
  it('shows a bullet bond\'s DSCR outside its bullet years with the note, and a balance sheet that balances as displayed', async () => {
    const created = await server.api('POST', '/api/v1/deals', { template: 'xiangtan-bond-card', name: '湘潭（贷款人）' });
    const stored = await server.api('GET', `/api/v1/deals/${created.id}`);
    const firstOperatingYear = String(stored.deal.timeline.startYear + stored.deal.timeline.constructionYears);
    expect(firstOperatingYear).toBe('2028');
    for (const [width, name] of [[1280, 'bullet-desktop'], [420, 'bullet-narrow']] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP);
      await page.goto(server.url + '/');
      await page.getByLabel('API 密钥').fill(server.keys.admin);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('who').waitFor();
      await page.goto(`${server.url}/#/deals/${created.id}/results`);
      const bond = page.locator('[data-testid="bond-cover"] tr[data-testid="bond-xb-bond"]');
      await bond.waitFor();
      expect(await bond.locator('[data-ratio="minDscrExcludingBullet"]').innerText()).toContain('1.46');
      expect(await bond.locator('[data-note="bullet"]').innerText()).toBe('最低值出现在到期一次还本年（2040），当年为 0.19');
      expect(await bond.locator('[data-bullet-year]').evaluateAll((els) => els.map((e) => e.getAttribute('data-bullet-year')))).toEqual(['2040', '2042', '2046']);
      expect(await bond.locator('[data-bullet-year="2040"]').innerText()).toContain('偿债资金账户足额偿还');
      // Its warnings in Chinese words (src/engine/warning-meanings.ts), never the code spelled out in English.
      const warnings = await page.getByTestId('warnings').innerText();
      expect(warnings).toContain('偿债备付率低于硬性下限');
      expect(warnings).toContain('专项债券偿债资金账户不足以支付当年本息，由财政补足');
      expect(warnings).toContain('专项债券有批次尚未发行');
      expect(warnings).not.toMatch(/dscr below hard minimum|bond issuer top up|planned batch assumed/i);
      // The facilities table's bond row: its own minimum 0.19, with the note and the figure outside the bullet years.
      const facility = page.locator('[data-testid="facilities"] tr[data-facility="xb-bond"] [data-ratio="minDscr"]');
      expect(await facility.innerText()).toContain('0.19');
      expect(await facility.locator('[data-note="bullet"]').innerText()).toBe('最低值出现在到期一次还本年（2040），当年为 0.19；到期一次还本年除外 1.46');
      await bond.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-bond.png`) });

      await page.getByRole('tab', { name: '资产负债表' }).click();
      const sheet = page.locator('table[data-statement="balanceSheet"]');
      await sheet.waitFor();
      const years = await sheet.locator('thead th').allInnerTexts();
      const column = years.indexOf(firstOperatingYear);
      expect(column).toBeGreaterThan(0);
      const shown = async (row: string) => sheet.locator(`tr[data-row="${row}"] > *`).nth(column).innerText();
      const wan = (text: string) => Math.round(Number(text.replace(/,/g, '')) * 100);
      const [assets, liabilities, equity] = [await shown('totalAssets'), await shown('totalLiabilities'), await shown('totalEquity')];
      // Every figure printed to the 0.01 万元 with separators, none blank.
      for (const text of [assets, liabilities, equity]) expect(text).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(Math.abs(wan(assets) - wan(liabilities) - wan(equity))).toBeLessThanOrEqual(1);
      const ratio = await shown('debtToAssetRatio');
      expect(ratio).toMatch(/^\d+\.\d{2}%$/);
      expect(Number(ratio.slice(0, -1))).toBeCloseTo((wan(liabilities) / wan(assets)) * 100, 1);
      await sheet.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-balance-sheet.png`) });
      await context.close();
    }
  }, TEST);
});
