import { describe, expect, it } from 'vitest';
import { readDefaultAsOf, readToday } from '../../../src/api/evaluation/as-of.js';
import { DEFAULT_APP_CONFIG } from '../../../src/api/app-config.js';

describe('the default as-of date', () => {
  // 2026-12-07T17:30Z is already 2026-12-08 01:30 in Asia/Shanghai (UTC+8): the UTC date would be a day early.
  const lateEveningUtc = () => new Date('2026-12-07T17:30:00Z');

  it('is today in Asia/Shanghai, not the UTC date', () => {
    expect(readToday(lateEveningUtc, 'Asia/Shanghai')).toBe('2026-12-08');
    expect(readToday(lateEveningUtc, 'UTC')).toBe('2026-12-07');
  });

  it('is the same day for the command line and for the API', () => {
    expect(readDefaultAsOf(lateEveningUtc)).toBe(readToday(lateEveningUtc, DEFAULT_APP_CONFIG.timeZone));
    expect(readDefaultAsOf(lateEveningUtc)).toBe('2026-12-08');
  });
});
