import { describe, expect, it } from 'vitest';
import { QUALIFICATION_STATUSES } from '../api/types';
import { QUALIFICATION_COLORS, countryName, formatBytes, label } from './labels';

describe('label', () => {
  it('turns enum values into words', () => {
    expect(label('in_qualification')).toBe('In qualification');
    expect(label('qualified')).toBe('Qualified');
    expect(label('for_cause')).toBe('For cause');
    expect(label('pcb_fabrication')).toBe('PCB fabrication');
    expect(label('')).toBe('');
  });
});

describe('status colours', () => {
  it('follow the one colour language', () => {
    expect(QUALIFICATION_COLORS).toEqual({
      prospective: 'gray',
      in_qualification: 'blue',
      qualified: 'green',
      conditional: 'yellow',
      suspended: 'orange',
      disqualified: 'red',
    });
    expect(Object.keys(QUALIFICATION_COLORS).sort()).toEqual([...QUALIFICATION_STATUSES].sort());
  });
});

describe('countryName and formatBytes', () => {
  it('names countries and sizes', () => {
    expect(countryName('DE')).toMatch(/German/);
    expect(countryName('')).toBe('');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_540)).toBe('14.2 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
