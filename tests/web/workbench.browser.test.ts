/// <reference lib="dom" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, SCREENSHOTS, startWorkbenchServer, type WorkbenchServer } from './helpers/workbench-server.js';

// A real browser against the real server: generous limits for a 2-core machine shared by many.
const STEP = 90_000;
const TEST = 240_000;

let server: WorkbenchServer;
let browser: Browser;
/** Requests the pages made to any host but the server (there must be none). */
const foreignRequests: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startWorkbenchServer();
  // Playwright gives every launch a fresh temporary profile (its own --user-data-dir).
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: STEP });
}, TEST);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
}, TEST);

async function openPage(width = 1280, height = 800, context?: BrowserContext): Promise<Page> {
  if (!context) {
    context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', acceptDownloads: true });
    contexts.push(context);
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== server.url) {
        foreignRequests.push(url.href);
        return route.abort();
      }
      return route.continue();
    });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  return page;
}

async function signIn(page: Page, key: string, remember = false): Promise<void> {
  await page.goto(server.url + '/');
  await page.getByLabel('API 密钥').fill(key);
  if (remember) await page.getByLabel(/记住我/).check();
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('who').waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
const percentOf = (text: string) => Number(text.replace('%', ''));
/** 元 (a decimal string to the 分) as the page shows it: 万元 to 2 places (100 元, half away from zero), thousands separators. */
const wanOf = (yuan: string) => {
  const cents = BigInt(yuan.replace('.', ''));
  const hundreds = ((cents < 0n ? -cents : cents) + 5_000n) / 10_000n;
  const text = `${(hundreds / 100n).toLocaleString('en-US')}.${String(hundreds % 100n).padStart(2, '0')}`;
  return cents < 0n && hundreds > 0n ? `-${text}` : text;
};
const metricText = (page: Page, key: string) => page.locator(`[data-metric="${key}"] dd`).first().innerText();

async function createDealFromTemplate(page: Page, template = 'fuzhou-gulou-25y'): Promise<string> {
  await page.goto(server.url + '/#/deals');
  await page.locator(`[data-template="${template}"] button`).click();
  await page.waitForURL(/#\/deals\/deal_/);
  await page.getByTestId('metrics').waitFor();
  return /#\/deals\/([^/]+)/.exec(page.url())![1]!;
}

describe('the workbench in a browser', () => {
  it('signs in with a key kept in this tab only, never in the URL, and signs out forgetting it', async () => {
    const page = await openPage();
    await page.goto(server.url + '/');
    await expect(page.getByRole('button', { name: '登录' })).toBeDefined();
    await signIn(page, server.keys.admin);
    expect(await page.getByTestId('who').innerText()).toContain('admin');
    expect(page.url()).not.toContain(server.keys.admin);
    expect(await page.evaluate(() => [sessionStorage.getItem('rcp.apiKey'), localStorage.getItem('rcp.apiKey')])).toEqual([server.keys.admin, null]);
    await page.getByTestId('templates').locator('[data-template]').first().waitFor();
    expect(await page.getByTestId('templates').locator('[data-template]').count()).toBe(readdirSync(join(ROOT, 'models')).filter((f) => f.endsWith('.json')).length);
    await shot(page, '01-deals-and-templates');
    // English is one click away, and the API's problems follow it.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('API 密钥').waitFor();
    expect(await page.evaluate(() => [sessionStorage.getItem('rcp.apiKey'), localStorage.getItem('rcp.apiKey')])).toEqual([null, null]);
  }, TEST);

  it('creates a deal from a template; a higher parking fee in the form raises the IRR and redraws the chart', async () => {
    const page = await openPage();
    await signIn(page, server.keys.admin);
    const dealId = await createDealFromTemplate(page);
    const stored = await server.api('GET', `/api/v1/deals/${dealId}`);
    expect(stored.revision).toBe(1);
    // The template's after-tax project IRR, project-entity scope, is 6.1718…% (README quick start,
    // methodology §9); the page shows it to 2 places.
    expect(await metricText(page, 'projectIrrAfterTax')).toBe('6.17%');
    // Beside it the programme scope (every work, whoever pays; README's template table: 4.03%).
    expect(await metricText(page, 'programmeIrrAfterTax')).toBe('4.03%');
    const chart = page.getByTestId('cash-flow-chart');
    await page.waitForFunction(() => document.querySelector('[data-testid="cash-flow-chart"]')?.getAttribute('data-rendered') === 'true');
    const before = await chart.getAttribute('data-fingerprint');
    const fee = page.locator('[data-path="revenue[0].monthlyFee"]');
    expect(await fee.inputValue()).toBe('150');
    // An amount typed in 元 reads in 万元 beside it: the water mains' 35,000,000 元 = 3,500.00 万元.
    expect(await page.locator('[data-path="capex[0].amount"]').inputValue()).toBe('35000000');
    expect(await page.locator('[data-wan="capex[0].amount"]').innerText()).toBe('= 3,500.00 万元');
    await fee.fill('200');
    await page.waitForFunction(() => document.querySelector('[data-metric="projectIrrAfterTax"] dd')?.textContent !== '6.17%');
    const after = await metricText(page, 'projectIrrAfterTax');
    // Oracle: the API evaluating the same deal with the fee at 200 元/月.
    const changed = structuredClone(stored.deal);
    changed.revenue[0].monthlyFee = '200';
    const expected = (await server.api('POST', '/api/v1/evaluate', changed)).metrics.projectIrrAfterTax;
    expect(percentOf(after)).toBeCloseTo(Number(expected) * 100, 2);
    expect(percentOf(after)).toBeGreaterThan(6.17);
    expect(await chart.getAttribute('data-fingerprint')).not.toBe(before);
    await shot(page, '02-editor-fee-200');
  }, TEST);

  it('signs in by keyboard alone, and every control of the editor has a name a screen reader reads', async () => {
    const page = await openPage();
    await page.goto(server.url + '/');
    // Tab order: the language switch, then the key, the "remember me" box, the sign-in button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('English');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key');
    await page.keyboard.type(server.keys.admin);
    await page.keyboard.press('Enter');
    await page.getByTestId('who').waitFor();
    await createDealFromTemplate(page);
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, textarea, button'))
        .filter((el) => {
          const control = el as HTMLInputElement;
          const labelled = (control.labels?.length ?? 0) > 0 || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
          return !labelled && !(el.tagName === 'BUTTON' && el.textContent?.trim());
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
    expect(await page.locator('input[data-path]').count()).toBeGreaterThan(50);
  }, TEST);

  it('creates a deal from an uploaded JSON file, refuses a broken one in words, and archives on request', async () => {
    const page = await openPage();
    await signIn(page, server.keys.admin);
    await page.goto(server.url + '/#/deals');
    const upload = page.getByLabel('上传项目 JSON 文件');
    // Not JSON: said so, nothing created.
    await upload.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"name": ') });
    await page.getByRole('alert').filter({ hasText: 'JSON 格式错误' }).waitFor();
    // A deal file (the 湘潭和平 template as a user would save it) becomes a deal at revision 1.
    const file = readFileSync(join(ROOT, 'models', 'xiangtan-heping.json'));
    const name = (JSON.parse(file.toString('utf8')) as { name: string }).name;
    await upload.setInputFiles({ name: 'xiangtan-heping.json', mimeType: 'application/json', buffer: file });
    await page.waitForURL(/#\/deals\/deal_/);
    await page.getByTestId('metrics').waitFor();
    const dealId = /#\/deals\/([^/]+)/.exec(page.url())![1]!;
    const stored = await server.api('GET', `/api/v1/deals/${dealId}`);
    expect([stored.name, stored.revision]).toEqual([name, 1]);
    // Archive it from the list: gone from the list, back (marked) when archived deals are asked for.
    await page.goto(server.url + '/#/deals');
    const row = page.getByTestId('deal-list').locator('tr', { has: page.locator(`a[href="#/deals/${dealId}"]`) });
    await row.getByRole('button', { name: '归档' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await server.api('GET', `/api/v1/deals/${dealId}`)).archivedAt).not.toBeNull();
    await page.getByLabel('显示已归档').check();
    await expect(page.getByTestId('deal-list').locator('tr', { has: page.locator(`a[href="#/deals/${dealId}"]`) }).innerText()).resolves.toContain('已归档');
  }, TEST);

  it('shows every API problem at the field its path names, all at once', async () => {
    const page = await openPage();
    await signIn(page, server.keys.admin);
    await createDealFromTemplate(page);
    await page.locator('[data-path="timeline.constructionYears"]').fill('-1');
    await page.locator('[data-path="discountRate"]').fill('600'); // 600% → 6, out of range
    const years = page.locator('[data-problem-path="timeline.constructionYears"]');
    const rate = page.locator('[data-problem-path="discountRate"]');
    await years.waitFor();
    await rate.waitFor();
    expect(await years.innerText()).toMatch(/1 到 5/);
    expect(await rate.innerText()).toMatch(/0 与 1/);
    expect(await page.locator('[data-path="timeline.constructionYears"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('problem-summary').innerText()).toContain('discountRate');
    await page.locator('[data-path="timeline.constructionYears"]').scrollIntoViewIfNeeded();
    await shot(page, '03-field-problems');
    // In English the same problems come back in English (Accept-Language), the draft kept.
    await page.getByRole('button', { name: 'English' }).click();
    // (The Chinese message quotes the English in brackets, so wait for the Chinese to go, not only the English to be there.)
    await page.waitForFunction(() => {
      const text = document.querySelector('[data-problem-path="timeline.constructionYears"]')?.textContent ?? '';
      return /whole number from 1 to 5/.test(text) && !/应为/.test(text);
    });
    expect(await years.innerText()).not.toMatch(/应为/);
    expect(await page.locator('[data-path="discountRate"]').inputValue()).toBe('600');
    await page.getByRole('button', { name: '中文' }).click();
  }, TEST);

  it('a stale save (412) in a second tab shows what changed since, keeping mine saves over it, and the history shows what moved', async () => {
    const first = await openPage();
    await signIn(first, server.keys.admin, true); // remembered, so the second tab is signed in too
    const dealId = await createDealFromTemplate(first);
    const second = await openPage(1280, 800, first.context());
    await second.goto(`${server.url}/#/deals/${dealId}/edit`);
    await second.locator('[data-path="discountRate"]').waitFor();

    await first.locator('[data-path="revenue[0].monthlyFee"]').fill('180');
    await first.getByTestId('save').click();
    await first.getByText('已保存修订 2').waitFor();

    await second.locator('[data-path="discountRate"]').fill('7'); // 7% → "0.07"
    await second.getByTestId('save').click();
    const stale = second.getByTestId('stale');
    await stale.waitFor();
    expect(await stale.innerText()).toContain('revenue[0].monthlyFee');
    expect(await stale.getByTestId('changes').innerText()).toMatch(/150\s+180/);
    await stale.scrollIntoViewIfNeeded();
    await shot(second, '04-stale-save');
    await second.getByRole('button', { name: '保留我的修改并覆盖保存' }).click();
    await second.getByText('已保存修订 3').waitFor();
    const third = await server.api('GET', `/api/v1/deals/${dealId}/revisions/3`);
    expect(third.deal.discountRate).toBe('0.07');
    expect(third.deal.revenue[0].monthlyFee).toBe('150');
    expect((await server.api('GET', `/api/v1/deals/${dealId}/revisions/2`)).deal.revenue[0].monthlyFee).toBe('180');
    // The history: revisions 1 and 3 differ in the discount rate only (the fee is back at 150), and the NPV
    // at it moved — each column as the API evaluates that revision.
    await second.goto(`${server.url}/#/deals/${dealId}/history`);
    await second.getByTestId('revisions').locator('tbody tr').nth(2).waitFor();
    await second.locator('#history-from').selectOption('1');
    await second.locator('#history-to').selectOption('3');
    await second.getByRole('button', { name: '对比' }).click();
    const history = second.getByTestId('history-comparison');
    await history.waitFor();
    const original = (await server.api('GET', `/api/v1/deals/${dealId}/revisions/1`)).deal;
    expect(await history.getByTestId('changes').locator('tbody tr').count()).toBe(1);
    expect(await history.getByTestId('changes').innerText()).toMatch(new RegExp(`discountRate\\s+${original.discountRate.replace('.', '\\.')}\\s+0\\.07`));
    const npv = await Promise.all([1, 3].map(async (rev) => (await server.api('POST', `/api/v1/deals/${dealId}/evaluate?revision=${rev}`)).metrics.projectNpvAfterTax as string));
    const npvCells = await history.locator('[data-testid="history-metrics"] [data-metric-row="projectNpvAfterTax"] td').allInnerTexts();
    expect(npvCells).toEqual(npv.map(wanOf));
    expect(npvCells[0]).not.toBe(npvCells[1]);
  }, TEST);

  it('creates a scenario as a one-field edit and compares it with its base', async () => {
    const page = await openPage(1920, 1080);
    await signIn(page, server.keys.admin);
    const dealId = await createDealFromTemplate(page);
    await page.goto(`${server.url}/#/deals/${dealId}/scenarios`);
    await page.locator('#scenario-name').fill('停车费 250');
    await page.locator('#scenario-field').selectOption('revenue[0].monthlyFee');
    await page.locator('#scenario-value').fill('250');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByTestId('scenarios').getByText('停车费 250').waitFor();
    const scenarios = (await server.api('GET', `/api/v1/deals/${dealId}/scenarios`)).items;
    // The merge patch carries the whole revenue array, its first stream's fee changed.
    expect(scenarios[0].overrides.revenue).toHaveLength(6);
    expect(scenarios[0].overrides.revenue[0].monthlyFee).toBe('250');
    await page.getByTestId('scenarios').getByLabel('停车费 250').check();
    await page.getByTestId('compare').click();
    const comparison = page.getByTestId('comparison');
    await comparison.waitFor();
    expect(await comparison.getByTestId('changes').innerText()).toMatch(/revenue\[0\]\.monthlyFee\s+150\s+250/);
    const row = page.locator('[data-testid="comparison-metrics"] [data-metric-row="projectIrrAfterTax"] td');
    expect(await row.nth(0).innerText()).toBe('6.17%');
    expect(percentOf(await row.nth(1).innerText())).toBeGreaterThan(6.17);
    await page.waitForFunction(() => document.querySelector('[data-testid="overlay-chart"]')?.getAttribute('data-rendered') === 'true');
    expect(await page.locator('[data-testid="overlay-chart"] svg path').count()).toBeGreaterThan(2);
    await comparison.scrollIntoViewIfNeeded();
    await shot(page, '05-scenario-comparison');
  }, TEST);

  it('compares the deal with an earlier revision: the input that differs, the indicators, the chart overlaid', async () => {
    const created = await server.api('POST', '/api/v1/deals', { template: 'fuzhou-gulou-25y', name: '鼓楼（修订对比）' });
    const changed = structuredClone(created.deal);
    changed.revenue[0].monthlyFee = '180';
    const saved = await fetch(`${server.url}/api/v1/deals/${created.id}`, { method: 'PUT', headers: { Authorization: `Bearer ${server.keys.admin}`, 'Content-Type': 'application/json', 'If-Match': '"1"' }, body: JSON.stringify(changed) }).then((r) => r.json());
    expect(saved.revision).toBe(2);
    // Oracles: the API's evaluation of each revision.
    const [first, second] = await Promise.all([1, 2].map((rev) => server.api('POST', `/api/v1/deals/${created.id}/evaluate?revision=${rev}`)));
    const page = await openPage(1920, 1080);
    await signIn(page, server.keys.admin);
    await page.goto(`${server.url}/#/deals/${created.id}/scenarios`);
    await page.getByTestId('compare-revisions').getByLabel('修订 1').check();
    await page.getByTestId('compare').click();
    const comparison = page.getByTestId('comparison');
    await comparison.waitFor();
    // Base is revision 2 (fee 180 元/月), compared with revision 1 (150): the one input that differs.
    expect(await comparison.locator('[data-compared="修订 1"]').getByTestId('changes').locator('tbody tr').count()).toBe(1);
    expect(await comparison.locator('[data-compared="修订 1"]').getByTestId('changes').innerText()).toMatch(/revenue\[0\]\.monthlyFee\s+180\s+150/);
    const row = page.locator('[data-testid="comparison-metrics"] [data-metric-row="projectIrrAfterTax"] td');
    expect(await row.nth(0).innerText()).toBe(`${(Number(second.metrics.projectIrrAfterTax) * 100).toFixed(2)}%`);
    expect(await row.nth(1).innerText()).toBe('6.17%');
    expect(Number(first.metrics.projectIrrAfterTax)).toBeLessThan(Number(second.metrics.projectIrrAfterTax));
    await page.waitForFunction(() => document.querySelector('[data-testid="overlay-chart"]')?.getAttribute('data-rendered') === 'true');
    expect(await page.locator('[data-testid="overlay-chart"] svg path').count()).toBeGreaterThan(2);
    await comparison.scrollIntoViewIfNeeded();
    await shot(page, '05b-revision-comparison');
  }, TEST);

  it('goal seek finds the parking fee for a minimum DSCR of 1.3, and a bad target comes back at its field', async () => {
    const page = await openPage();
    await signIn(page, server.keys.admin);
    const dealId = await createDealFromTemplate(page);
    await page.goto(`${server.url}/#/deals/${dealId}/tools`);
    const tool = page.getByTestId('goal-seek');
    // A target the API refuses: the job fails with the request's own 422, shown with the field it names.
    await page.locator('#solve-input').selectOption('price:fz-parking-community');
    await page.locator('#solve-indicator').selectOption('minDscr');
    await page.locator('#solve-target').fill('abc');
    await tool.getByRole('button', { name: '运行' }).click();
    await tool.getByRole('alert').waitFor();
    expect(await tool.getByRole('alert').innerText()).toContain('target.value');
    // Oracle: the API's own answer to the same question (synchronously).
    const body = { input: { kind: 'price', stream: 'fz-parking-community' }, target: { indicator: 'minDscr', value: '1.3' } };
    const expected = (await server.api('POST', `/api/v1/deals/${dealId}/solve`, body)).result;
    expect(expected.status).toBe('solved');
    await page.locator('#solve-target').fill('1.3');
    await tool.getByRole('button', { name: '运行' }).click();
    const answer = page.getByTestId('solve-result');
    await answer.waitFor({ timeout: STEP * 2 });
    const text = await answer.innerText();
    expect(text).toContain(Number(expected.solution.input).toFixed(2));
    expect(text).toContain(Number(expected.solution.indicator).toFixed(3));
    // Worded in Chinese from the deal's own names (the API's lever label is English: "price of fz-parking-community").
    const streamName = (await server.api('GET', `/api/v1/deals/${dealId}`)).deal.revenue.find((s: { id: string }) => s.id === 'fz-parking-community').name;
    expect(text).toContain(`价格 · ${streamName} ${Number(expected.solution.input).toFixed(2)} 元`);
    expect(text).not.toMatch(/price of|fz-parking-community|[a-z]{3,}/);
    // The base fee is 150 元/月 and the base minimum DSCR 1.41 ≥ 1.3, so the fee that just meets 1.3 is lower.
    expect(Number(expected.solution.input)).toBeLessThan(150);
    expect(await tool.getByRole('alert').count()).toBe(0);
    await tool.scrollIntoViewIfNeeded();
    await shot(page, '06b-goal-seek');
  }, TEST);

  it('draws a sensitivity tornado, runs a simulation job to 100% and cancels a long one part-way', async () => {
    const page = await openPage();
    await signIn(page, server.keys.admin);
    const dealId = await createDealFromTemplate(page);
    await page.goto(`${server.url}/#/deals/${dealId}/tools`);
    await page.getByTestId('sensitivity').getByRole('button', { name: '运行' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="tornado-chart"]')?.getAttribute('data-rendered') === 'true', undefined, { timeout: STEP * 2 });
    expect(await page.locator('[data-testid="tornado-chart"] svg path').count()).toBeGreaterThan(10);
    // The two-way table's centre (price +0%, volume +0%) is the base equity IRR, 10.74% (README quick start: 0.1074162899).
    expect(await page.getByTestId('two-way').locator('tbody tr').nth(2).locator('td').nth(2).innerText()).toBe('10.74%');
    await page.getByTestId('sensitivity').scrollIntoViewIfNeeded();
    await shot(page, '06-sensitivity-tornado');

    // The run is a job (Prefer: respond-async): 500 draws are 5 chunks of 100, and the bar follows the
    // job's own count. Every value the bar takes is recorded from the page.
    await page.evaluate(() => {
      const seen: string[] = ((window as any).progressSeen = []);
      new MutationObserver(() => {
        const value = document.querySelector('[data-testid="simulation-progress"]')?.getAttribute('data-value');
        if (value !== undefined && value !== null && seen[seen.length - 1] !== value) seen.push(value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
    });
    await page.locator('#simulation-draws').fill('500');
    await page.getByTestId('simulation').getByRole('button', { name: '运行' }).click();
    const progress = page.getByTestId('simulation-progress');
    await page.waitForFunction(() => document.querySelector('[data-testid="simulation-progress"]')?.getAttribute('data-value') === '1', undefined, { timeout: STEP * 2 });
    expect(await progress.getAttribute('data-value')).toBe('1');
    expect(await page.getByTestId('simulation-status').innerText()).toContain('100% (5/5)');
    const seen = (await page.evaluate(() => (window as any).progressSeen)) as string[];
    const fractions = seen.filter((v) => v !== '').map(Number);
    // Never backwards, each a count of fifths (done / 5), ending at 1.
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    for (const f of fractions) expect(Math.round(f * 5) / 5).toBeCloseTo(f, 10);
    expect(fractions[fractions.length - 1]).toBe(1);
    const jobs = (await server.api('GET', '/api/v1/jobs')).items;
    const finished = jobs.find((j: any) => j.kind === 'simulation' && j.request.path.startsWith(`/api/v1/deals/${dealId}/simulate`));
    expect(finished.status).toBe('succeeded');
    expect(finished.progress).toMatchObject({ done: 5, total: 5 });
    // The histogram of the equity IRR draws: the job's own answer says how many draws fall in its bins —
    // every valid draw with an IRR (valid − absent), at most 20 equal-width bins (methodology §8.6).
    const answer = (await server.api('GET', `/api/v1/jobs/${finished.id}`)).result.result;
    const bins = answer.histograms.equityIrr.counts as number[];
    const counted = bins.reduce((a, b) => a + b, 0);
    expect(counted).toBe(answer.validDraws - answer.percentiles.equityIrr.absent);
    expect(bins.length).toBe(Math.min(20, Math.ceil(Math.sqrt(counted))));
    await page.waitForFunction(() => document.querySelector('[data-testid="histogram-chart"]')?.getAttribute('data-rendered') === 'true');
    expect(await page.getByTestId('histogram').locator('figcaption').innerText()).toContain(`${counted} 次抽样`);
    expect(await page.locator('[data-testid="histogram-chart"] svg path').count()).toBeGreaterThanOrEqual(bins.filter((c) => c > 0).length);
    const rows = await page.getByTestId('percentiles').locator('tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(4);
    await page.getByTestId('histogram').scrollIntoViewIfNeeded();
    await shot(page, '07-simulation-done');

    // A long run (20,000 draws, 200 chunks) shows its progress part-way and is cancelled on the server.
    await page.locator('#simulation-draws').fill('20000');
    await page.getByTestId('simulation').getByRole('button', { name: '运行' }).click();
    await page.waitForFunction(() => {
      const value = Number(document.querySelector('[data-testid="simulation-progress"]')?.getAttribute('data-value') || 0);
      return value > 0 && value < 1;
    }, undefined, { timeout: STEP * 2 });
    expect(await page.getByTestId('simulation-status').innerText()).toMatch(/运行中 \d+(\.\d)?% \(\d+\/200\)/);
    await page.getByTestId('simulation').scrollIntoViewIfNeeded();
    await shot(page, '07a-simulation-running');
    await page.getByTestId('simulation-cancel').click();
    await page.getByTestId('simulation-status').getByText('已取消').waitFor();
    const cancelled = (await server.api('GET', '/api/v1/jobs')).items.find((j: any) => j.kind === 'simulation' && j.request.path.startsWith(`/api/v1/deals/${dealId}/simulate`));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.total).toBe(200);
    expect(cancelled.progress.done).toBeLessThan(200);
  }, TEST * 2); // a sensitivity, 500 draws and part of 20,000 on a shared 2-core machine

  it('gives a bank reviewer a read-only deal page: no edit control, cover ratios, stress results, the term sheet', async () => {
    const created = await server.api('POST', '/api/v1/deals', { template: 'fuzhou-gulou-25y', name: '鼓楼（送审）' });
    // The lender's structure (methodology §11.6): a 6-month DSRA built from cash, distributions locked up
    // in a year whose DSCR is below 1.5, profit paid out in full otherwise.
    const withWaterfall = { ...created.deal, waterfall: { dsra: { months: 6, funding: 'from-cash' }, lockUp: { minDscr: '1.5' }, distributions: { enabled: true, payoutRatio: '1' } } };
    const owner = await fetch(`${server.url}/api/v1/deals/${created.id}`, { method: 'PUT', headers: { Authorization: `Bearer ${server.keys.admin}`, 'Content-Type': 'application/json', 'If-Match': '"1"' }, body: JSON.stringify(withWaterfall) }).then((r) => r.json());
    expect(owner.revision).toBe(2);
    await server.api('POST', `/api/v1/deals/${owner.id}/shares`, { organisation: 'policy-bank' });
    const page = await openPage();
    await signIn(page, server.keys.bankReviewer);
    await page.getByTestId('deal-list').getByText('鼓楼（送审）').click();
    await page.getByTestId('results').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.locator('[data-edit]').count()).toBe(0);
    expect(await page.locator('input[data-path]').count()).toBe(0);
    expect(await page.getByRole('tab', { name: '编辑' }).count()).toBe(0);
    expect(await page.getByTestId('cover-ratios').innerText()).toContain('bondGross');
    // Each special bond's 自求平衡 cover (methodology §10) as the API reports it, to 2 places (1.2345… → 1.23).
    const evaluation = await server.api('POST', `/api/v1/deals/${owner.id}/evaluate`);
    // Cover ratios in words, the key beside; the debt by facility: the CDB loan's 172,130,000 元 drawn is
    // 17,213.00 万元 at 3.20%, the bond's 4800万 + 3200万 = 8,000.00 万元 at 2.25% (the template's terms).
    expect(await page.getByTestId('cover-ratios').innerText()).toContain('专项债覆盖倍数（毛） bondGross');
    const facility = async (id: string) => page.getByTestId('facilities').locator(`tr[data-facility="${id}"] td`).allInnerTexts();
    expect((await facility('fz-cdb-loan')).slice(0, 3)).toEqual(['银行贷款', '3.20%', '17,213.00']);
    expect((await facility('fz-bond')).slice(0, 4)).toEqual(['专项债券', '2.25%', '8,000.00', '0.00']);
    for (const f of evaluation.debt.facilities) expect((await facility(f.id))[3]).toBe(wanOf(f.capitalisedInterest));
    expect(evaluation.bonds.length).toBeGreaterThan(0);
    const bonds = page.getByTestId('bond-balance');
    for (const bond of evaluation.bonds) {
      const row = bonds.getByTestId(`bond-${bond.id}`);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[1]).toBe(Number(bond.coverageGross).toFixed(2));
      expect(cells[2]).toBe(Number(bond.coverageNet).toFixed(2));
    }
    await bonds.locator('summary').first().click();
    expect(await bonds.locator('details[open] tbody tr').count()).toBe(evaluation.bonds[0].table.length);
    // The yearly table's headers follow the UI language (Chinese here), not both languages at once.
    const bondHeaders = await bonds.locator('details[open] thead').innerText();
    expect(bondHeaders).toContain('偿债资金余额');
    expect(bondHeaders).not.toMatch(/Revenue|Account|Top-up/);
    // The balance sheet's 资产负债率 row is a ratio (unit "ratio"), shown as a percentage: the API's
    // 0.xxxx of the first year × 100 to 2 places — not read as 元 (which would print 0.00 万元).
    await page.getByRole('tab', { name: '资产负债表' }).click();
    const ratioRow = evaluation.statements.balanceSheet.rows.find((r: { unit?: string }) => r.unit === 'ratio');
    const ratioCells = await page.locator('table[data-statement="balanceSheet"] tr', { hasText: '资产负债率' }).locator('td').allInnerTexts();
    expect(ratioCells[0]).toBe(`${(Number(ratioRow.values[0]) * 100).toFixed(2)}%`);
    expect(ratioCells[0]).toMatch(/^\d+\.\d\d%$/);
    // Each batch as issued: the template's two batches by hand (4800万 in July 2027 and 3200万 in July 2028,
    // 2.25%, 20 years, so maturing July 2047 and July 2048), the rest as the API reports it.
    const batches = bonds.getByTestId('bond-batches-fz-bond');
    const batchCells = async (id: string) => batches.locator(`tr[data-batch="${id}"] td`).allInnerTexts();
    expect((await batchCells('fz-bond-2027')).slice(0, 8)).toEqual(['已发行', '2027-07', '4,800.00', '2.25%', '20', '每半年', '分期还本', '2047-07']);
    expect((await batchCells('fz-bond-2028')).slice(0, 8)).toEqual(['已发行', '2028-07', '3,200.00', '2.25%', '20', '每半年', '分期还本', '2048-07']);
    for (const batch of evaluation.bonds[0].batches) expect((await batchCells(batch.id))[8]).toBe(wanOf(batch.interest));
    // Issued in total: 4800 + 3200 = 8000 万元; nothing planned.
    expect(await batches.locator('tr[data-total="issued"] td').nth(2).innerText()).toBe('8,000.00');
    expect(await batches.locator('tr[data-total="planned"] td').nth(2).innerText()).toBe('0.00');
    await bonds.locator('h2').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await shot(page, '07b-reviewer-bonds');

    // Each bond's chart: the repayment account, the issuer's top-up and the cumulative cover against its floor.
    await page.waitForFunction(() => document.querySelector('[data-testid="bond-chart-fz-bond"]')?.getAttribute('data-rendered') === 'true');
    expect(await page.locator('[data-testid="bond-chart-fz-bond"] svg path').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid="bond-chart-fz-bond"] svg text', { hasText: '覆盖倍数下限 1.1' }).count()).toBe(1);

    // The waterfall. Lock-up years by hand from the API's own DSCR by year: those below the 1.5 floor.
    const waterfall = evaluation.waterfall;
    const belowFloor = evaluation.years.map((y: any) => y.calendarYear).filter((_: number, i: number) => evaluation.debt.dscr[i] !== null && Number(evaluation.debt.dscr[i]) < 1.5);
    expect(belowFloor.length).toBeGreaterThan(0);
    expect(waterfall.lockUpYears).toEqual(belowFloor);
    const section = page.getByTestId('waterfall');
    // The table is in 万元 and its caption says so (not "元 → 万元").
    expect(await section.locator('table[data-statement="waterfall"] caption').innerText()).toBe('现金流瀑布（万元）');
    const fact = (key: string) => section.locator(`[data-fact="${key}"] dd`).innerText();
    expect(await fact('lockUpYears')).toBe(belowFloor.join('、'));
    expect(await fact('returnsIrr')).toBe(`${(Number(waterfall.returns.irr) * 100).toFixed(2)}%`);
    // Σ 应付利润, added here from the API's yearly figures (元, to the 分) and shown in 万元.
    const distributedCents = waterfall.distributions.reduce((sum: bigint, v: string) => sum + BigInt(v.replace('.', '')), 0n);
    const distributedYuan = `${distributedCents / 100n}.${String(distributedCents % 100n).padStart(2, '0')}`;
    expect(await fact('distributed')).toBe(wanOf(distributedYuan));
    const yearIndex = (year: number) => evaluation.years.findIndex((y: any) => y.calendarYear === year);
    const rowCells = (key: string) => section.locator(`table[data-statement="waterfall"] tr[data-row="${key}"] td`).allInnerTexts();
    const lockedCells = await rowCells('lockedUp');
    const distributionCells = await rowCells('distributions');
    for (const year of belowFloor) {
      // A locked-up year pays nothing: its column says so and its distribution is 0.
      expect(lockedCells[yearIndex(year)]).toBe('锁定');
      expect(waterfall.distributions[yearIndex(year)]).toBe('0.00');
      expect(distributionCells[yearIndex(year)]).toBe('0.00');
    }
    expect(lockedCells.filter((c) => c === '锁定').length).toBe(belowFloor.length);
    const dsraCells = await rowCells('dsra.closing');
    expect(dsraCells.slice(0, waterfall.dsra.closing.length)).toEqual(waterfall.dsra.closing.map(wanOf));
    expect(waterfall.dsra.closing.some((v: string) => Number(v) > 0)).toBe(true);
    expect(distributionCells[distributionCells.length - 1]).toBe(wanOf(distributedYuan));
    // Shareholders share the distributions by their profit shares (51% / 49%).
    const holders = await section.getByTestId('waterfall-shareholders').locator('tbody tr').allInnerTexts();
    expect(holders).toHaveLength(waterfall.returns.shareholders.length);
    expect(holders[0]).toContain('51.00%');
    await page.waitForFunction(() => document.querySelector('[data-testid="waterfall-chart"]')?.getAttribute('data-rendered') === 'true');
    expect(await page.locator('[data-testid="waterfall-chart"] svg path').count()).toBeGreaterThan(3);
    await section.scrollIntoViewIfNeeded();
    await shot(page, '07d-reviewer-waterfall');
    // At a phone's width the yearly table scrolls inside its box; the page itself does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await bonds.scrollIntoViewIfNeeded();
    await shot(page, '07c-reviewer-bonds-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
    const download = page.waitForEvent('download');
    await page.getByTestId('term-sheet').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.goto(`${server.url}/#/deals/${owner.id}/tools`);
    await page.getByTestId('stress').getByRole('button', { name: '运行' }).click();
    const table = page.getByTestId('stress-table');
    await table.waitFor({ timeout: STEP * 2 });
    // The base case already breaks the ICR covenant (minimum ICR 0.32 < 2), so its row is marked.
    expect(await table.locator('tr.breach').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-edit]').count()).toBe(0);
    await table.scrollIntoViewIfNeeded();
    await shot(page, '08-reviewer-stress');
  }, TEST);

  it('lands a budget key on its portfolios, with the affordability chart against the 10% / 5% limits', async () => {
    const deal = await server.api('POST', '/api/v1/deals', { template: 'fuzhou-gulou-25y', name: '鼓楼片区成员' });
    // A small district budget (50,000,000 元 a year, flat) so the construction years breach 10%.
    const portfolio = await server.api('POST', '/api/v1/portfolios', { name: '鼓楼片区', members: [{ dealId: deal.id }], budget: { kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0' } });
    const evaluated = (await server.api('POST', `/api/v1/portfolios/${portfolio.id}/evaluate`, undefined, server.keys.budget)).result;
    // By hand: breach ⇔ district PPP-type spending / 50,000,000 > 0.1 ⇔ spending > 5,000,000 元.
    const expectedBreaches = evaluated.affordability.years.filter((y: any) => Number(y.pppSpending) > 5_000_000).map((y: any) => y.year);
    expect(expectedBreaches).toContain(2027);
    const page = await openPage();
    await signIn(page, server.keys.budget);
    await page.waitForURL(/#\/portfolios/);
    await page.getByTestId('portfolio-list').getByText('鼓楼片区').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="affordability-chart"]')?.getAttribute('data-rendered') === 'true');
    expect(await page.locator('[data-testid="affordability-chart"] svg path').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('breaches').innerText()).toContain(expectedBreaches.join('、'));
    expect(await page.getByTestId('members').innerText()).toContain('鼓楼片区成员');
    await page.getByTestId('affordability-chart').scrollIntoViewIfNeeded();
    await shot(page, '09-bureau-affordability');
  }, TEST);

  it('asked no host but the server for anything', () => {
    expect(foreignRequests).toEqual([]);
  });
});
