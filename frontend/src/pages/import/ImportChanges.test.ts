import { describe, expect, it } from 'vitest';
import { fieldLabel, valueText } from './ImportChanges';

describe('import changes', () => {
  it('labels fields as the web app does', () => {
    expect(fieldLabel('risk_tier')).toBe('Risk tier');
    expect(fieldLabel('contact_email')).toBe('Contact email');
  });
  it('shows values as text, an emptied field as (empty)', () => {
    expect(valueText('')).toBe('(empty)');
    expect(valueText(null)).toBe('(empty)');
    expect(valueText([])).toBe('(empty)');
    expect(valueText(['smt', 'testing'])).toBe('smt, testing');
    expect(valueText(true)).toBe('Yes');
    expect(valueText('2027-12-31')).toBe('2027-12-31');
  });
});
