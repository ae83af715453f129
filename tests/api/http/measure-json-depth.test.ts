import { describe, expect, it } from 'vitest';
import { measureJsonDepth } from '../../../src/api/http/measure-json-depth.js';

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
