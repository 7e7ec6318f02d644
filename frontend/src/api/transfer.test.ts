import { describe, expect, it } from 'vitest';
import { queryString } from './resources';
import { fileNameFromDisposition } from './transfer';

describe('fileNameFromDisposition', () => {
  it('reads the plain and the RFC 5987 forms', () => {
    expect(fileNameFromDisposition('attachment; filename="certifications-2026-11-26.xlsx"')).toBe('certifications-2026-11-26.xlsx');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''dossier%20ACME-SZ1.xlsx")).toBe('dossier ACME-SZ1.xlsx');
    expect(fileNameFromDisposition('attachment; filename=report.xlsx')).toBe('report.xlsx');
  });
  it('returns null without a name', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('inline')).toBeNull();
  });
});

describe('queryString', () => {
  it('drops empty filters and keeps the rest in order', () => {
    expect(queryString({ q: '', status: 'qualified,conditional', page: 2, overdue: false, site_id: null, x: undefined })).toBe(
      '?status=qualified%2Cconditional&page=2',
    );
    expect(queryString({})).toBe('');
    expect(queryString({ overdue: true })).toBe('?overdue=true');
  });
});
