import { describe, expect, it } from 'vitest';
import { translateProblemToChinese } from '../../../src/api/problems/field-messages-zh.js';
import { pickLanguage } from '../../../src/api/problems/language.js';

describe('pickLanguage (Accept-Language)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR', 'zh-CN'],
    ['fr, en;q=0.5', 'en'],
    ['en;q=0.4, zh;q=0.6', 'zh-CN'],
    ['en;q=0, zh-CN', 'zh-CN'],
    ['*', 'zh-CN'],
    ['EN-gb', 'en'],
  ])('%j → %s', (header, language) => {
    expect(pickLanguage(header)).toBe(language);
  });
});

describe('field messages in Chinese', () => {
  const zh = (code: string, message: string) => translateProblemToChinese({ code, path: 'x', message }).message;

  it('translates the common codes, keeping facts and the English where the Chinese is only a summary', () => {
    expect(zh('REQUIRED', 'is required')).toBe('必填');
    expect(zh('UNKNOWN_FIELD', 'unknown field "operatingYear"')).toBe('未知字段 "operatingYear"');
    expect(zh('OUT_OF_RANGE', 'must be between 0 and 1; got 60')).toBe('应在 0 与 1 之间，实际为 60');
    expect(zh('TOO_BIG', 'must be an operating year: a whole number from 1 to 30')).toBe('应为 1 到 30 之间的整数（must be an operating year: a whole number from 1 to 30）');
    expect(zh('TOO_BIG', 'Too big: expected array to have <=500 items')).toBe('取值过大或条目过多（Too big: expected array to have <=500 items）');
    expect(zh('INVALID_TYPE', 'must be a text')).toBe('类型不正确（must be a text）');
  });

  it('keeps the English message of codes it does not know', () => {
    expect(zh('YEAR_OUT_OF_RANGE', 'operating year 21 is after the end of operation (year 20)')).toBe('operating year 21 is after the end of operation (year 20)');
  });
});
