import { describe, expect, it } from 'vitest';
import { measureJsonDepth, measureJsonDepthInSteps } from '../../../src/api/http/measure-json-depth.js';

const depthOf = (text: string, stopAbove?: number) => measureJsonDepth(new TextEncoder().encode(text), stopAbove);

describe('measureJsonDepth (bytes, strings skipped)', () => {
  it('counts nesting outside strings: {"a":[1,{"b":[]}]} is 4 deep, a scalar 0', () => {
    expect(depthOf('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(depthOf('"x"')).toBe(0);
    expect(depthOf('12')).toBe(0);
  });
  it('ignores brackets inside strings, also after escaped quotes and backslash runs', () => {
    expect(depthOf('{"a":"[[[{{{"}')).toBe(1);
    expect(depthOf('{"a":"\\"[[["}')).toBe(1); // \" does not end the string
    expect(depthOf('{"a":"\\\\","b":[[]]}')).toBe(3); // \\ ends in a backslash, the quote after it closes
    expect(depthOf('["名称[[[", ["😀"]]')).toBe(2); // multi-byte UTF-8 never looks like a bracket
  });
  it('an unterminated string ends the scan; ten thousand [ stop just past the bound', () => {
    expect(depthOf('[["abc[[[[')).toBe(2);
    expect(depthOf('['.repeat(10_000), 64)).toBe(65);
    expect(depthOf(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toBe(10_000);
  });
});

describe('measureJsonDepthInSteps (the same scan, a turn of the event loop between steps)', () => {
  const texts = [
    '{"a":[1,{"b":[]}]}',
    '{"a":"[[[{{{"}',
    '{"a":"\\"[[["}',
    '{"a":"\\\\","b":[[]]}',
    '["名称[[[", ["😀"]]',
    '[["abc[[[[',
    `{"long":"${'x['.repeat(50)}\\"${']'.repeat(20)}","n":[[[${'1,'.repeat(40)}1]]]}`,
  ];
  it('gives measureJsonDepth\'s answer for every step size, with strings and escapes across the step boundaries', async () => {
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      for (const step of [1, 2, 3, 5, 7, 16, 1024]) {
        expect(await measureJsonDepthInSteps(bytes, Infinity, step, async () => {}), `${text} in steps of ${step}`).toBe(measureJsonDepth(bytes));
      }
    }
  });
  it('pauses between steps only: 10 bytes in steps of 3 are 4 steps, 3 pauses; a string is skipped whole in the step where it starts', async () => {
    let pauses = 0;
    const pause = async () => void pauses++;
    expect(await measureJsonDepthInSteps(new TextEncoder().encode('[[1,2,3]] '), Infinity, 3, pause)).toBe(2);
    expect(pauses).toBe(3);
    pauses = 0;
    // The string "abcdefgh" starts at index 1 and closes at 10: the first step reads to 11, the second the closing bracket.
    expect(await measureJsonDepthInSteps(new TextEncoder().encode('["abcdefgh"]'), Infinity, 2, pause)).toBe(1);
    expect(pauses).toBe(1);
  });
  it('stops in the step where the depth passes the bound, and refuses a step that is not a whole number of bytes', async () => {
    let pauses = 0;
    expect(await measureJsonDepthInSteps(new TextEncoder().encode('['.repeat(10_000)), 64, 100, async () => void pauses++)).toBe(65);
    expect(pauses).toBe(0);
    await expect(measureJsonDepthInSteps(new Uint8Array(1), Infinity, 0)).rejects.toThrow(/whole number of bytes/);
  });
});
