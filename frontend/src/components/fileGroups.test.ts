import { describe, expect, it } from 'vitest';
import type { SiteAttachment } from '../api';
import { groupByRecord } from './fileGroups';

function file(id: number, type: SiteAttachment['record']['type'], recordId: number): SiteAttachment {
  return {
    id,
    created_at: '2026-12-01T10:00:00Z',
    updated_at: '2026-12-01T10:00:00Z',
    owner_type: type,
    owner_id: recordId,
    file_name: `file-${id}.pdf`,
    content_type: 'application/pdf',
    size: 10,
    sha256: '0'.repeat(64),
    uploaded_by_id: 1,
    uploaded_at: '2026-12-01T10:00:00Z',
    uploaded_by_name: 'Admin',
    record: { type, id: recordId, label: `${type} ${recordId}`, date: null },
  };
}

describe('groupByRecord', () => {
  it('makes one group per record, in the order the files come', () => {
    const groups = groupByRecord([file(1, 'site', 5), file(2, 'inspection', 9), file(3, 'inspection', 9), file(4, 'inspection', 7), file(5, 'finding', 9), file(6, 'certification', 2)]);
    expect(groups.map((g) => [g.record.type, g.record.id, g.files.map((f) => f.id)])).toEqual([
      ['site', 5, [1]],
      ['inspection', 9, [2, 3]],
      ['inspection', 7, [4]],
      ['finding', 9, [5]],
      ['certification', 2, [6]],
    ]);
  });

  it('has no group without files', () => {
    expect(groupByRecord([])).toEqual([]);
  });
});
