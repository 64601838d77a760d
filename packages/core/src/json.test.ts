import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText, toJsonValue } from './json.js';

describe('jsonText', () => {
  it('is JSON.stringify(toJsonValue(v)) for any value', () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        fc.double(),
        fc.integer(),
        fc.bigInt(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.uint8Array({ maxLength: 4 }),
        fc.date({ noInvalidDate: true }),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('v'), { maxKeys: 4 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('v'), { maxKeys: 3, noNullPrototype: false }),
        fc.array(fc.tuple(fc.string({ maxLength: 3 }), tie('v')), { maxLength: 3 }).map((e) => new Map(e)),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(jsonText(v)).toBe(JSON.stringify(toJsonValue(v)));
      }),
      { numRuns: 2000 },
    );
  });
});
