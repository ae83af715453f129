import { describe, expect, it } from 'vitest';
import { listTransferredBuffers, readRequestBody } from '../../../src/api/evaluation/read-request-body.js';

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('readRequestBody', () => {
  it('hands a field named in asBytes back as its JSON text in UTF-8 bytes, with its buffer to transfer', () => {
    const overrides = { discountRate: '0.08', name: '停车位 ✓' };
    const outcome = readRequestBody({ bytes: bytesOf({ name: '情景', overrides }), schema: 'scenario', asBytes: ['overrides'] });
    expect(outcome.ok).toBe(true);
    const value = (outcome as { value: { name: string; overrides: Uint8Array } }).value;
    expect(value.name).toBe('情景');
    expect(value.overrides).toBeInstanceOf(Uint8Array);
    // The same overrides once decoded: the text the request thread later parses, or a worker validates.
    expect(JSON.parse(new TextDecoder().decode(value.overrides))).toEqual(overrides);
    expect(listTransferredBuffers(outcome)).toEqual([value.overrides.buffer]);
  });

  it('checks the whole body first: a bad field is still 422 at its path, and nothing is transferred', () => {
    const outcome = readRequestBody({ bytes: bytesOf({ name: '情景', overrides: 'not an object' }), schema: 'scenario', asBytes: ['overrides'] });
    expect(outcome).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', problems: [{ path: 'overrides' }] });
    expect(listTransferredBuffers(outcome)).toEqual([]);
  });

  it('without asBytes gives the value itself, and nothing to transfer', () => {
    const outcome = readRequestBody({ bytes: bytesOf({ name: '情景', overrides: [] }), schema: 'scenario' });
    expect(outcome).toEqual({ ok: true, value: { name: '情景', overrides: [] } });
    expect(listTransferredBuffers(outcome)).toEqual([]);
  });
});
