import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../src/deal/json-patch.js';

const apply = (doc: unknown, ops: unknown) => applyJsonPatch(doc, ops);
const value = (doc: unknown, ops: unknown) => {
  const out = apply(doc, ops);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.value;
};

describe('applyJsonPatch: RFC 6902 (examples of its Appendix A)', () => {
  it('adds an object member, an array element, a nested member; - appends', () => {
    expect(value({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }])).toEqual({ baz: 'qux', foo: 'bar' });
    expect(value({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }])).toEqual({ foo: ['bar', 'qux', 'baz'] });
    expect(value({ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }])).toEqual({ foo: ['bar', ['abc', 'def']] });
    expect(value({ foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }])).toEqual({ foo: 'bar', child: { grandchild: {} } });
  });

  it('removes, replaces, moves, copies and tests', () => {
    expect(value({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }])).toEqual({ foo: 'bar' });
    expect(value({ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }])).toEqual({ foo: ['bar', 'baz'] });
    expect(value({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }])).toEqual({ baz: 'boo', foo: 'bar' });
    expect(value({ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }])).toEqual({ foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } });
    expect(value({ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }])).toEqual({ foo: ['all', 'cows', 'eat', 'grass'] });
    expect(value({ a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }])).toEqual({ a: { b: 1 }, c: { b: 1 } });
    expect(value({ baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }])).toEqual({ baz: 'qux', foo: ['a', 2, 'c'] });
    expect(value({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }, { op: 'replace', path: '/~1', value: 8 }])).toEqual({ '/': 8, '~1': 10 });
  });

  it('fails as a whole at the first failing operation, naming it, and never changes its input', () => {
    const doc = { baz: 'qux', foo: 'bar' };
    expect(apply(doc, [{ op: 'replace', path: '/foo', value: 1 }, { op: 'test', path: '/baz', value: 'bar' }])).toEqual({
      ok: false, problems: [{ code: 'TEST_FAILED', path: '[1].value', message: '/baz is "qux", not "bar"' }],
    });
    expect(doc).toEqual({ baz: 'qux', foo: 'bar' });
    expect(apply({ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }])).toMatchObject({ ok: false, problems: [{ code: 'NO_SUCH_PATH', path: '[0].path' }] });
    expect(apply({ foo: 'bar' }, [{ op: 'replace', path: '/nope', value: 1 }])).toMatchObject({ ok: false, problems: [{ code: 'NO_SUCH_PATH', path: '[0].path' }] });
    expect(apply({ a: [1] }, [{ op: 'add', path: '/a/2', value: 1 }])).toMatchObject({ ok: false, problems: [{ code: 'NO_SUCH_ELEMENT' }] });
    expect(apply({ a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b/c' }])).toMatchObject({ ok: false, problems: [{ code: 'INVALID_MOVE' }] });
  });

  it('names every malformed operation at once', () => {
    expect(apply({}, { op: 'add' })).toMatchObject({ ok: false, problems: [{ code: 'INVALID_TYPE', path: '' }] });
    const out = apply({}, [{ op: 'frobnicate', path: '/a' }, { op: 'add', path: '/a' }, { op: 'copy', path: '/b' }, 7, { op: 'remove' }]);
    expect(out.ok ? [] : out.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['[0].op INVALID_VALUE', '[1].value REQUIRED', '[2].from REQUIRED', '[3] INVALID_TYPE', '[4].path REQUIRED']);
    expect(apply({}, [{ op: 'add', path: 'a', value: 1 }])).toMatchObject({ ok: false, problems: [{ code: 'INVALID_POINTER', path: '[0].path' }] });
  });
});

describe('applyJsonPatch: array elements by id', () => {
  const deal = { revenue: [{ id: 'fz-parking-community', monthlyFee: '150' }, { id: 'fz-parking-public', monthlyFee: '200' }], capex: [{ amount: '1' }] };

  it('names an element by its id wherever it stands, for every operation', () => {
    expect(value(deal, [{ op: 'replace', path: '/revenue/fz-parking-public/monthlyFee', value: '180' }])).toEqual({
      revenue: [{ id: 'fz-parking-community', monthlyFee: '150' }, { id: 'fz-parking-public', monthlyFee: '180' }], capex: [{ amount: '1' }],
    });
    expect((value(deal, [{ op: 'remove', path: '/revenue/fz-parking-community' }]) as typeof deal).revenue.map((r) => r.id)).toEqual(['fz-parking-public']);
    expect((value(deal, [{ op: 'add', path: '/revenue/fz-parking-public', value: { id: 'new' } }]) as typeof deal).revenue.map((r) => r.id)).toEqual(['fz-parking-community', 'new', 'fz-parking-public']);
    expect((value(deal, [{ op: 'replace', path: '/revenue/fz-parking-public', value: { id: 'x' } }]) as typeof deal).revenue.map((r) => r.id)).toEqual(['fz-parking-community', 'x']);
    expect(value(deal, [{ op: 'test', path: '/revenue/fz-parking-community/monthlyFee', value: '150' }])).toEqual(deal);
  });

  it('says which ids exist when none matches, and that elements without ids need an index', () => {
    expect(apply(deal, [{ op: 'replace', path: '/revenue/fz-ev/monthlyFee', value: '1' }])).toEqual({
      ok: false, problems: [{ code: 'NO_SUCH_ELEMENT', path: '[0].path', message: '/revenue/fz-ev/monthlyFee: no element has the id "fz-ev"; the ids are fz-parking-community, fz-parking-public' }],
    });
    expect(apply(deal, [{ op: 'replace', path: '/capex/main/amount', value: '2' }])).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('use an index') }] });
    expect(apply({ a: [{ id: 'x' }, { id: 'x' }] }, [{ op: 'remove', path: '/a/x' }])).toMatchObject({ ok: false, problems: [{ code: 'AMBIGUOUS_ID' }] });
  });

  it('keeps "__proto__" an ordinary key', () => {
    const out = value({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
