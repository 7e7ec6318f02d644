import { describe, expect, it } from 'vitest';
import { changedFields } from './changedFields';

describe('changedFields', () => {
  it('keeps only what changed, arrays compared by value', () => {
    expect(changedFields({ a: 1, b: 'x', c: ['smt'] }, { a: 1, b: 'y', c: ['smt'] })).toEqual({ b: 'y' });
    expect(changedFields({ c: ['smt'] }, { c: ['smt', 'testing'] })).toEqual({ c: ['smt', 'testing'] });
  });
});
