import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { certificationsApi, inspectionsApi, type Certification, type Inspection } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { daysUntil, parseCalendarDate, toCalendarDate } from '../../format/dates';
import { label } from '../../format/labels';
import { monthBounds, monthGrid, shiftMonth, thisMonth } from './calendar';
import { PlanInspectionModal } from './InspectionForms';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Planned inspections and certificate expiries on a month grid. */
export default function CalendarPage() {
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : thisMonth();
  const { first, last } = monthBounds(month);
  const today = toCalendarDate(new Date());
  const [planDate, setPlanDate] = useState<string | null>(null);

  const inspQuery = { status: 'planned', from: first, to: last, page_size: 200, sort: 'scheduled_date' };
  const inspections = useQuery({ queryKey: ['inspections', inspQuery], queryFn: ({ signal }) => inspectionsApi.list(inspQuery, signal) });
  // Expiries from today on come from the expiry window; earlier ones from the expired list.
  const daysToEnd = daysUntil(last) ?? -1;
  const upcomingQuery = { expiring_within_days: Math.max(daysToEnd, 0), page_size: 200, sort: 'expires_on' };
  const upcoming = useQuery({
    queryKey: ['certifications', upcomingQuery],
    queryFn: ({ signal }) => certificationsApi.list(upcomingQuery, signal),
    enabled: daysToEnd >= 0,
  });
  const expiredQuery = { status: 'expired', page_size: 200, sort: '-expires_on' };
  const expired = useQuery({
    queryKey: ['certifications', expiredQuery],
    queryFn: ({ signal }) => certificationsApi.list(expiredQuery, signal),
    enabled: first < today,
  });

  const byDay = new Map<string, { inspections: Inspection[]; certs: Certification[] }>();
  const slot = (d: string) => {
    let s = byDay.get(d);
    if (!s) byDay.set(d, (s = { inspections: [], certs: [] }));
    return s;
  };
  for (const i of inspections.data?.items ?? []) if (i.scheduled_date) slot(i.scheduled_date).inspections.push(i);
  const certs = [...(upcoming.data?.items ?? []), ...(expired.data?.items ?? [])];
  const seen = new Set<number>();
  for (const c of certs) {
    if (!c.expires_on || c.expires_on < first || c.expires_on > last || seen.has(c.id)) continue;
    seen.add(c.id);
    slot(c.expires_on).certs.push(c);
  }

  const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parseCalendarDate(first) ?? 0);
  const go = (m: string) => setParams(m === thisMonth() ? {} : { month: m }, { replace: true });

  return (
    <>
      <PageHeader
        title="Inspection calendar"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Inspections', to: '/inspections' }, { label: 'Calendar' }]}
        description="Planned inspections and certificate expiries by day."
        actions={
          <Button variant="default" component={Link} to="/inspections">
            List view
          </Button>
        }
      />
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Button variant="default" onClick={() => go(shiftMonth(month, -1))}>
              Previous month
            </Button>
            <Button variant="default" onClick={() => go(thisMonth())}>
              Today
            </Button>
            <Button variant="default" onClick={() => go(shiftMonth(month, 1))}>
              Next month
            </Button>
          </Group>
          <Text fw={700} size="lg" aria-live="polite">
            {monthName}
          </Text>
          <Group gap="xs">
            <Badge color="blue" variant="light" radius="sm" tt="none">
              Planned inspection
            </Badge>
            <Badge color="yellow.7" c="yellow.9" variant="light" radius="sm" tt="none">
              Certificate expires
            </Badge>
            <Badge color="red" variant="light" radius="sm" tt="none">
              Expired
            </Badge>
          </Group>
        </Group>
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Box component="table" role="grid" aria-label={`Calendar for ${monthName}`} style={{ width: '100%', minWidth: 700, borderCollapse: 'collapse', tableLayout: 'fixed' }}>
            <thead>
              <tr>
                {WEEKDAYS.map((d) => (
                  <th key={d} scope="col" style={{ padding: 6, fontSize: 12, textTransform: 'uppercase', background: 'var(--mantine-color-gray-1)', borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthGrid(month).map((week) => (
                <tr key={week[0]}>
                  {week.map((day) => {
                    const inMonth = day.startsWith(month);
                    const entries = byDay.get(day);
                    return (
                      <td
                        key={day}
                        style={{
                          verticalAlign: 'top',
                          height: 108,
                          padding: 4,
                          border: '1px solid var(--mantine-color-gray-2)',
                          background: day === today ? 'var(--mantine-color-blue-0)' : inMonth ? undefined : 'var(--mantine-color-gray-0)',
                        }}
                      >
                        <Group justify="space-between" gap={2} wrap="nowrap">
                          <Text size="xs" fw={day === today ? 700 : 500} c={inMonth ? undefined : 'dimmed'}>
                            {Number(day.slice(8))}
                          </Text>
                          {can.edit && inMonth && day >= today && (
                            <Button size="compact-xs" variant="subtle" onClick={() => setPlanDate(day)} aria-label={`Plan an inspection on ${day}`}>
                              Plan
                            </Button>
                          )}
                        </Group>
                        <Stack gap={2} mt={2}>
                          {entries?.inspections.map((i) => (
                            <Anchor
                              key={`i${i.id}`}
                              component={Link}
                              to={`/inspections/${i.id}`}
                              size="xs"
                              px={4}
                              style={{ background: 'var(--mantine-color-blue-1)', color: 'var(--mantine-color-blue-9)', borderRadius: 3, display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                              title={`${label(i.type)} inspection of ${i.site_code} ${i.site_name}`}
                            >
                              {i.site_code} · {label(i.type)}
                            </Anchor>
                          ))}
                          {entries?.certs.map((c) => (
                            <Anchor
                              key={`c${c.id}`}
                              component={Link}
                              to={`/certifications/${c.id}`}
                              size="xs"
                              px={4}
                              style={{
                                background: c.status === 'expired' ? 'var(--mantine-color-red-1)' : 'var(--mantine-color-yellow-1)',
                                color: c.status === 'expired' ? 'var(--mantine-color-red-9)' : 'var(--mantine-color-yellow-9)',
                                borderRadius: 3,
                                display: 'block',
                                overflow: 'hidden',
                                textOverflow: 'ellipsis',
                                whiteSpace: 'nowrap',
                              }}
                              title={`${c.standard} of ${c.site_code} expires`}
                            >
                              {c.site_code} · {c.standard}
                            </Anchor>
                          ))}
                        </Stack>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Box>
        </Paper>
      </Stack>
      <PlanInspectionModal opened={planDate !== null} onClose={() => setPlanDate(null)} date={planDate ?? undefined} />
    </>
  );
}
