import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Inspection } from '../../api';
import { InspectionStatusBadge, ResultBadge } from '../../components/badges';
import type { Column } from '../../components/DataTable';
import { DueDate } from '../../components/DueDate';
import { formatCalendarDate } from '../../format/dates';
import { label } from '../../format/labels';

export function inspectionColumns(withSite: boolean): Column<Inspection>[] {
  const cols: Column<Inspection>[] = [
    {
      key: 'date',
      header: 'Date',
      sortKey: 'date',
      render: (i) =>
        i.status === 'planned' ? (
          <Anchor component={Link} to={`/inspections/${i.id}`} size="sm" fw={600}>
            <DueDate date={i.scheduled_date} inline />
          </Anchor>
        ) : (
          <Anchor component={Link} to={`/inspections/${i.id}`} size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {formatCalendarDate(i.performed_date ?? i.scheduled_date) || `Inspection ${i.id}`}
          </Anchor>
        ),
    },
  ];
  if (withSite) {
    cols.push({
      key: 'site',
      header: 'Site',
      render: (i) => (
        <>
          <Text size="sm" ff="monospace">
            {i.site_code}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {i.site_name}
          </Text>
        </>
      ),
    });
  }
  cols.push(
    { key: 'type', header: 'Type', render: (i) => label(i.type) },
    { key: 'status', header: 'Status', render: (i) => <InspectionStatusBadge status={i.status} size="sm" /> },
    { key: 'result', header: 'Result', render: (i) => <ResultBadge result={i.result} size="sm" /> },
    { key: 'score', header: 'Score', sortKey: 'score', align: 'right', render: (i) => i.score ?? '' },
    { key: 'lead', header: 'Lead inspector', render: (i) => i.lead_inspector_name, wide: true },
    {
      key: 'findings',
      header: 'Findings',
      render: (i) => {
        const c = i.finding_counts;
        const total = c.critical + c.major + c.minor + c.observation;
        return total === 0 ? (
          <Text size="sm" c="dimmed">
            0
          </Text>
        ) : (
          <Text size="sm">
            {total} ({c.open} open)
          </Text>
        );
      },
    },
  );
  return cols;
}
