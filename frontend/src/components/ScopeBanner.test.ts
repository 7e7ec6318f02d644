import { describe, expect, it } from 'vitest';
import { scopeSentence, showsScopeBanner } from './ScopeBanner';

describe('scope banner', () => {
  it('names the manufacturers the view is limited to', () => {
    expect(scopeSentence(['Acme'])).toMatch(/^Your view is limited to the records of Acme:/);
    expect(scopeSentence(['Acme', 'Baltic Boards'])).toMatch(/records of Acme and Baltic Boards:/);
    expect(scopeSentence(['A', 'B', 'C'])).toMatch(/records of A, B and C:/);
    expect(scopeSentence([])).toMatch(/limited to the manufacturers an administrator chose/);
  });

  it('shows on the dashboard and the lists, not on a record', () => {
    expect(showsScopeBanner('/')).toBe(true);
    expect(showsScopeBanner('/sites')).toBe(true);
    expect(showsScopeBanner('/audit-trail')).toBe(true);
    expect(showsScopeBanner('/sites/3')).toBe(false);
    expect(showsScopeBanner('/account/password')).toBe(false);
  });
});
