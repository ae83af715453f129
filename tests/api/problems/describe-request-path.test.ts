import { describe, expect, it } from 'vitest';
import { describeRequestPath } from '../../../src/api/problems/describe-request-path.js';

describe('describeRequestPath', () => {
  it("hides a term-sheet link's token, the link's credential", () => {
    expect(describeRequestPath('/api/v1/term-sheet-links/v1.eyJkIjoiZGVhbCJ9.c2lnbmF0dXJl')).toBe('/api/v1/term-sheet-links/{token}');
  });

  it('leaves every other path as it is, the route that makes links among them', () => {
    expect(describeRequestPath('/api/v1/deals/deal_1/term-sheet-links')).toBe('/api/v1/deals/deal_1/term-sheet-links');
    expect(describeRequestPath('/api/v1/deals/deal_1/revisions/3')).toBe('/api/v1/deals/deal_1/revisions/3');
  });
});
