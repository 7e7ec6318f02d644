import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './redirect';

describe('safeNextPath', () => {
  it.each([
    ['/sites', '/sites'],
    ['/sites?status=qualified&page=2', '/sites?status=qualified&page=2'],
    ['/findings#open', '/findings#open'],
  ])('keeps the in-app path %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    [null],
    [''],
    ['https://evil.example/'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['javascript:alert(1)'],
    ['sites'],
    ['/sign-in'],
    ['/sign-in?next=/sites'],
  ])('refuses %s and goes to the dashboard', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });
});

describe('signInPath', () => {
  it('carries where the user wanted to go', () => {
    expect(signInPath('/sites?status=qualified')).toBe('/sign-in?next=%2Fsites%3Fstatus%3Dqualified');
  });
  it('omits next for the dashboard', () => {
    expect(signInPath('/')).toBe('/sign-in');
  });
});
