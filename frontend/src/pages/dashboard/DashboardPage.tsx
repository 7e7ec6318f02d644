import { Alert, Anchor, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { QUALIFICATION_STATUSES, dashboardApi, queryKeys } from '../../api';
import { usePermissions } from '../../components/permissions';
import { SeverityBadge } from '../../components/badges';
import { PageHeader } from '../../components/PageHeader';
import { formatCalendarDate } from '../../format/dates';
import { InspectionsPerMonthChart, SitesByStatusChart } from './charts';

function FigureCard({ label, value, to, tone, hint }: { label: string; value: number; to: string; tone: string; hint?: string }) {
  return (
    <Paper
      component={Link}
      to={to}
      withBorder
      p="sm"
      style={{ borderLeft: `4px solid var(--mantine-color-${tone}-6)`, textDecoration: 'none', color: 'inherit', display: 'block' }}
    >
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2} c={value > 0 && (tone === 'red' || tone === 'orange') ? `${tone}.8` : undefined}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

interface AttentionListProps<T extends { id: number }> {
  title: string;
  /** The full list: the link to the filtered list screen. */
  all: { to: string; label: string };
  rows: T[];
  empty: ReactNode;
  /** The two column headers: what, and when. */
  headers: [string, string];
  what: (row: T) => ReactNode;
  when: (row: T) => ReactNode;
}

/** A short list of what needs attention, each row linking to its record. */
function AttentionList<T extends { id: number }>({ title, all, rows, empty, headers, what, when }: AttentionListProps<T>) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        <Anchor component={Link} to={all.to} size="sm">
          {all.label}
        </Anchor>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="xs">
          {empty}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{headers[0]}</Table.Th>
              <Table.Th scope="col">{headers[1]}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{what(x)}</Table.Td>
                <Table.Td>{when(x)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** "3 days", in red: how late something is. */
function DaysLate({ days }: { days: number }) {
  return (
    <Text size="sm" c="red.8" fw={600} style={{ whiteSpace: 'nowrap' }}>
      {days} {days === 1 ? 'day' : 'days'}
    </Text>
  );
}

export default function DashboardPage() {
  const can = usePermissions();
  const query = useQuery({ queryKey: queryKeys.dashboard(), queryFn: ({ signal }) => dashboardApi.get(signal) });
  const header = <PageHeader title="Dashboard" breadcrumbs={[{ label: 'Overview' }]} description="Where the supplier base stands today and what needs attention." />;
  if (query.isPending)
    return (
      <>
        {header}
        <Center py="xl">
          <Loader size="sm" aria-label="Loading" />
        </Center>
      </>
    );
  if (query.isError)
    return (
      <>
        {header}
        <Alert color="red" role="alert">
          The dashboard could not be loaded: {query.error.message}{' '}
          <Button size="xs" variant="default" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Alert>
      </>
    );
  const d = query.data;
  const s = d.sites_by_status;
  const a = d.attention;
  const siteCount = QUALIFICATION_STATUSES.reduce((n, k) => n + (s[k] ?? 0), 0);
  return (
    <>
      {header}
      <Stack gap="lg">
        {siteCount === 0 && (
          <Alert color="blue" variant="light" title="The register is empty" data-testid="empty-register">
            <Stack gap="xs">
              <Text size="sm">
                {can.edit
                  ? 'Start with a manufacturer and its sites, or bring your existing supplier spreadsheet in with Import. The figures below fill in as you record inspections, findings and certificates.'
                  : 'No site is recorded yet. The figures below fill in as your colleagues record sites, inspections and certificates.'}
              </Text>
              {can.edit && (
                <Group gap="xs">
                  <Button component={Link} to="/manufacturers/new" size="xs">
                    Add a manufacturer
                  </Button>
                  <Button component={Link} to="/import" size="xs" variant="default">
                    Import spreadsheets
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          <FigureCard label="Sites qualified" value={s.qualified ?? 0} to="/sites?status=qualified" tone="green" />
          <FigureCard label="Sites conditional" value={s.conditional ?? 0} to="/sites?status=conditional" tone="yellow" />
          <FigureCard label="Sites suspended" value={s.suspended ?? 0} to="/sites?status=suspended" tone="orange" />
          <FigureCard label="Inspections overdue" value={d.inspections_overdue} to="/sites?overdue=true" tone="red" hint="Sites past their due date with no visit booked by then" />
          <FigureCard
            label="Inspections due in 30 days"
            value={d.inspections_due_30_days}
            to="/sites?due_soon=true&sort=next_inspection_due"
            tone="blue"
            hint={`${d.planned_inspections_next_30_days} planned in the next 30 days`}
          />
          <FigureCard label={`Certificates expiring in ${d.expiring_within_days} days`} value={d.certifications_expiring} to="/certifications?status=expiring&active_sites=true" tone="yellow" />
          <FigureCard label="Certificates expired" value={d.certifications_expired} to="/certifications?status=expired&active_sites=true" tone="red" />
          <FigureCard label="Open critical findings" value={d.open_findings_by_severity.critical ?? 0} to="/findings?severity=critical&status=open%2Cin_progress&active_sites=true" tone="red" />
          <FigureCard label="Open major findings" value={d.open_findings_by_severity.major ?? 0} to="/findings?severity=major&status=open%2Cin_progress&active_sites=true" tone="orange" />
          <FigureCard label="Findings overdue" value={d.overdue_findings} to="/findings?overdue=true&active_sites=true" tone="red" />
          <FigureCard label="Products with integrity drift" value={d.integrity_drift} to="/integrity/drift" tone="red" />
          <FigureCard label="Corrective-action requests overdue" value={d.overdue_corrective_actions} to="/corrective-actions?overdue=true" tone="red" hint="A stage the supplier left past its due date" />
          <FigureCard label="Questionnaires overdue" value={d.overdue_self_assessments} to="/self-assessments?overdue=true" tone="red" hint="Open or returned to the supplier, past their due date" />
          <FigureCard label="Questionnaires to review" value={d.self_assessments_to_review} to="/self-assessments?status=submitted" tone="blue" hint="Submitted by the supplier, waiting for you" />
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <Paper withBorder p="md" style={{ gridColumn: 'span 2' }} className="qt-span2">
            <Title order={2} size="h5" mb="sm">
              Inspections per month by result
            </Title>
            <InspectionsPerMonthChart months={d.inspections_per_month} />
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h5" mb="sm">
              Sites by status
            </Title>
            <SitesByStatusChart counts={s} />
          </Paper>
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <AttentionList
            title="Overdue inspections"
            all={{ to: '/sites?overdue=true', label: 'All overdue sites' }}
            rows={a.overdue_sites}
            empty="No site is overdue for inspection."
            headers={['Site', 'Overdue']}
            what={(x) => (
              <>
                <Anchor component={Link} to={`/sites/${x.id}`} size="sm" fw={600}>
                  {x.code}
                </Anchor>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {x.name}
                </Text>
              </>
            )}
            when={(x) => (
              <>
                <DaysLate days={x.days_overdue} />
                <Text size="xs" c="dimmed">
                  due {formatCalendarDate(x.next_inspection_due)}
                </Text>
              </>
            )}
          />
          <AttentionList
            title="Certificates expiring"
            all={{ to: '/certifications?status=expiring&active_sites=true', label: 'All expiring' }}
            rows={a.expiring_certifications}
            empty={`No certificate expires in the next ${d.expiring_within_days} days.`}
            headers={['Certificate', 'Expires']}
            what={(x) => (
              <>
                <Anchor component={Link} to={`/certifications/${x.id}`} size="sm" fw={600}>
                  {x.standard}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {x.component_source_name ? `${x.site_code}, held by its source ${x.component_source_name}` : x.site_code}
                </Text>
              </>
            )}
            when={(x) => (
              <>
                <Text size="sm" c={x.days_left <= 30 ? 'orange.8' : 'yellow.9'} fw={600} style={{ whiteSpace: 'nowrap' }}>
                  in {x.days_left} {x.days_left === 1 ? 'day' : 'days'}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatCalendarDate(x.expires_on)}
                </Text>
              </>
            )}
          />
          <AttentionList
            title="Overdue findings"
            all={{ to: '/findings?overdue=true&active_sites=true', label: 'All overdue findings' }}
            rows={a.overdue_findings}
            empty="No corrective action is overdue."
            headers={['Finding', 'Overdue']}
            what={(x) => (
              <>
                <Anchor component={Link} to={`/findings/${x.id}`} size="sm" lineClamp={2}>
                  {x.description}
                </Anchor>
                <Group gap={4} mt={2}>
                  <SeverityBadge severity={x.severity} size="xs" />
                  <Text size="xs" c="dimmed">
                    {x.site_code}
                  </Text>
                </Group>
              </>
            )}
            when={(x) => <DaysLate days={x.days_overdue} />}
          />
        </SimpleGrid>
      </Stack>
    </>
  );
}
