import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasPoppler, readPdfInfo, readPdfPages } from '../export/helpers/poppler.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const canPrint = existsSync(CHROMIUM) && hasPoppler();
const inCi = process.env.CI === 'true';
if (!canPrint && !inCi) console.warn('Chromium or poppler-utils missing: the PDF term-sheet route test is skipped. Install: apt-get install -y chromium poppler-utils fonts-noto-cjk');

let t: TestApp | undefined;
afterEach(() => t?.close());

async function createDeal(app: TestApp): Promise<string> {
  return (await app.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y', name: '鼓楼试点（一期）' } })).body.id as string;
}

describe('GET /api/v1/deals/{id}/term-sheet.pdf', () => {
  it('answers 503 problem+json saying how to install Chromium when it is missing, and the xlsx still works', async () => {
    t = await createTestApp({ chromiumPath: '/nonexistent/chromium' });
    const id = await createDeal(t);
    const reply = await t.call('GET', `/api/v1/deals/${id}/term-sheet.pdf`, { key: 'reviewer' });
    expect(reply.status).toBe(503);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.detail).toContain('/nonexistent/chromium');
    expect(reply.body.detail).toContain('apt-get install');
    const xlsx = await t.app.request(`/api/v1/deals/${id}/term-sheet.xlsx`, { headers: { Authorization: `Bearer ${t.keys.reviewer}` } });
    expect(xlsx.status).toBe(200);
  });

  it('is 404 for a deal the key may not see and 400 for a bad asOf, before any printing', async () => {
    t = await createTestApp({ chromiumPath: '/nonexistent/chromium' });
    expect((await t.call('GET', '/api/v1/deals/deal_doesnotexist/term-sheet.pdf', { key: 'reviewer' })).status).toBe(404);
    const id = await createDeal(t);
    const bad = await t.call('GET', `/api/v1/deals/${id}/term-sheet.pdf?asOf=2026-13-01`, { key: 'reviewer' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('asOf');
  });

  describe.skipIf(!canPrint && !inCi)('with Chromium', () => {
    it('answers an A4 PDF named after the deal, with the cover\'s figures as text and page numbers', async () => {
      t = await createTestApp({ chromiumPath: CHROMIUM });
      const id = await createDeal(t);
      const evaluation = (await t.call('POST', `/api/v1/deals/${id}/evaluate?asOf=2026-03-01`, { key: 'reviewer' })).body;
      const response = await t.app.request(`/api/v1/deals/${id}/term-sheet.pdf?asOf=2026-03-01`, { headers: { Authorization: `Bearer ${t.keys.reviewer}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="term-sheet-${id}-r1.pdf"; filename*=UTF-8''${encodeURIComponent('鼓楼试点（一期）-条款摘要-第1版.pdf')}`);
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const info = readPdfInfo(pdf);
      // A4 portrait: 210 × 297 mm = 595 × 842 pt.
      expect(Math.round(info.width)).toBe(595);
      expect(Math.round(info.height)).toBe(842);
      const pages = readPdfPages(pdf);
      expect(pages.length).toBe(info.pages);
      const text = pages.join('\n');
      expect(text).toContain('鼓楼试点（一期）');
      // The total investment as the cover prints it: 元 / 10,000 to two decimals with separators.
      const wan = (Number(evaluation.metrics.totalInvestment) / 10_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(text).toContain(wan);
      pages.forEach((page, i) => expect(page).toContain(`page ${i + 1} of ${pages.length}`));
    }, 120_000);
  });
});
