import { describe, expect, it } from 'vitest';
import { integrityValueLabel, pastedSHA256 } from './integrity';

const hash = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('pastedSHA256 reads a hash as the server does', () => {
  it.each([
    [hash, hash],
    [hash.toUpperCase(), hash],
    [`  ${hash}  bmc-2.14.bin\n`, hash],
    [`${hash} *bmc.bin`, hash],
    [`\\${hash}  odd\\\\name.bin`, hash],
    [`SHA256 (bmc.bin) = ${hash}`, hash],
  ])('%j is %s', (text, want) => {
    expect(pastedSHA256(text)).toBe(want);
  });
  it.each(['', 'abc', hash.slice(0, 63), `${hash}0`, hash.replace('9', 'g')])('%j is not a SHA-256', (text) => {
    expect(pastedSHA256(text)).toBeNull();
  });
});

describe('integrityValueLabel', () => {
  it('names each value', () => {
    expect(integrityValueLabel('firmware', 'bmc')).toBe('BMC firmware');
    expect(integrityValueLabel('golden_sample')).toBe('Golden sample');
    expect(integrityValueLabel('avl')).toBe('AVL revision');
  });
});
