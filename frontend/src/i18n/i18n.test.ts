import { describe, expect, it } from 'vitest';
import { en } from './en';
import { initialLanguage } from './index';
import { zhCN } from './zh-CN';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('supplier catalogs', () => {
  it('translate every key', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    for (const k of keys(zhCN)) {
      const value = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], zhCN);
      expect(value, k).not.toBe('');
    }
  });
});

describe('initialLanguage', () => {
  it('prefers the choice made on the device, then the browser', () => {
    expect(initialLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(initialLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLanguage(null, ['de-DE', 'en-GB'])).toBe('en');
    expect(initialLanguage('fr', ['es'])).toBe('en');
  });
});
