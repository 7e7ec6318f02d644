import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Certification } from '../../api';
import { CertificationBadge } from '../../components/badges';
import type { Column } from '../../components/DataTable';
import { formatCalendarDate, relativeDue } from '../../format/dates';

export function certificationColumns(withSite: boolean): Column<Certification>[] {
  const cols: Column<Certification>[] = [
    {
      key: 'standard',
      header: 'Standard',
      sortKey: 'standard',
      render: (c) => (
        <>
          <Anchor component={Link} to={`/certifications/${c.id}`} size="sm" fw={600}>
            {c.standard}
          </Anchor>
          {c.component_source_id !== null && (
            <Text size="xs">
              Held by component source{' '}
              <Anchor component={Link} to={`/sites/${c.site_id}/integrity`} size="xs">
                {c.component_source_name}
              </Anchor>
            </Text>
          )}
        </>
      ),
    },
  ];
  if (withSite) cols.push({ key: 'site', header: 'Site', render: (c) => <Text size="sm" ff="monospace">{c.site_code}</Text> });
  cols.push(
    { key: 'number', header: 'Certificate no.', render: (c) => c.certificate_number, wide: true },
    { key: 'body', header: 'Issuing body', render: (c) => c.issuing_body, wide: true },
    { key: 'issued', header: 'Issued', sortKey: 'issued_on', render: (c) => formatCalendarDate(c.issued_on), wide: true },
    {
      key: 'expires',
      header: 'Expires',
      sortKey: 'expires_on',
      render: (c) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatCalendarDate(c.expires_on)}
          {c.status !== 'withdrawn' && c.expires_on && (
            <Text span size="xs" ml={6} c={c.status === 'expired' ? 'red.8' : c.status === 'expiring' ? 'yellow.9' : 'dimmed'} fw={c.status === 'valid' ? 400 : 600}>
              {c.status === 'expired' ? `expired ${relativeDue(c.expires_on).replace(' overdue', ' ago')}` : relativeDue(c.expires_on)}
            </Text>
          )}
        </Text>
      ),
    },
    { key: 'status', header: 'Status', render: (c) => <CertificationBadge status={c.status} size="sm" /> },
    { key: 'verified', header: 'Verified', render: (c) => (c.verified ? 'Yes' : 'No'), wide: true },
  );
  return cols;
}
