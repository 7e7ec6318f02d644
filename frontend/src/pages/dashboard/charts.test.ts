import { describe, expect, it } from 'vitest';
import { niceMax } from './charts';

describe('niceMax', () => {
  it('rounds the axis up to a readable number', () => {
    expect(niceMax(0)).toBe(2);
    expect(niceMax(3)).toBe(4);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(13)).toBe(20);
    expect(niceMax(23)).toBe(25);
    expect(niceMax(130)).toBe(200);
  });
});
