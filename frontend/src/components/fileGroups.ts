import type { SiteAttachment } from '../api';

export interface FileGroup {
  record: SiteAttachment['record'];
  files: SiteAttachment[];
}

/** Consecutive files of the same record, in the server's order (the site's own first), as one group each. */
export function groupByRecord(files: SiteAttachment[]): FileGroup[] {
  const groups: FileGroup[] = [];
  for (const f of files) {
    const last = groups[groups.length - 1];
    if (last && last.record.type === f.record.type && last.record.id === f.record.id) last.files.push(f);
    else groups.push({ record: f.record, files: [f] });
  }
  return groups;
}
