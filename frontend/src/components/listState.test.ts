import { describe, expect, it } from 'vitest';
import { nextSort } from './listState';

describe('nextSort', () => {
  it('sorts ascending first, then descending, then ascending again', () => {
    expect(nextSort('-updated_at', 'code')).toBe('code');
    expect(nextSort('code', 'code')).toBe('-code');
    expect(nextSort('-code', 'code')).toBe('code');
  });
});
