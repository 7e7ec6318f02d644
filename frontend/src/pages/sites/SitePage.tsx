import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { auditApi, certificationsApi, downloadFile, findingsApi, inspectionsApi, sitesApi, type ListParams, type ListResponse, type Site, refreshAfter, queryKeys } from '../../api';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { SiteSupplierPanel } from '../change-notifications/SiteSupplierPanel';
import { AuditEventsTable } from '../../components/AuditEventsTable';
import { QualificationBadge, ResultBadge, RiskBadge } from '../../components/badges';
import { DataTable, type Column } from '../../components/DataTable';
import { DueDate } from '../../components/DueDate';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmButton, Field, FormError } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { useListScreen } from '../../components/useListScreen';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { formatCalendarDate, formatTimestamp } from '../../format/dates';
import { countryName, label } from '../../format/labels';
import { CertificationModal } from '../certifications/CertificationForm';
import { certificationColumns } from '../certifications/CertificationsTable';
import { findingColumns, findingRowStyle } from '../findings/FindingsTable';
import { PlanInspectionModal } from '../inspections/InspectionForms';
import { inspectionColumns } from '../inspections/InspectionsTable';
import { DecisionDialog } from './DecisionDialog';
import { SignatureLine } from '../../components/Signature';

const TABS = ['overview', 'inspections', 'findings', 'certifications', 'supplier', 'attachments', 'history'] as const;

export default function SitePage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'overview';
  const [deciding, setDeciding] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [addingCert, setAddingCert] = useState(false);
  const [dossier, setDossier] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const record = useQuery({ queryKey: queryKeys.site(id), queryFn: ({ signal }) => sitesApi.get(id, signal) });
  const crumbs = [{ label: 'Dashboard', to: '/' }, { label: 'Sites', to: '/sites' }];
  const s = record.data;
  if (!s) return <RecordState title="Site" breadcrumbs={[...crumbs, { label: 'Site' }]} error={record.error} onRetry={() => void record.refetch()} />;

  const refresh = async () => {
        await refreshAfter(queryClient, 'site');
  };

  return (
    <>
      <PageHeader
        title={`${s.code} · ${s.name}`}
        breadcrumbs={[...crumbs, { label: s.manufacturer_name, to: `/manufacturers/${s.manufacturer_id}` }, { label: s.code }]}
        description={
          <Group gap="xs" component="span">
            <QualificationBadge status={s.qualification_status} size="lg" data-testid="site-status" />
            {s.archived && <Badge color="gray">Archived</Badge>}
            <Text span size="sm" c="dimmed">
              since {formatTimestamp(s.status_since)}
              {s.conditional_until && ` · conditional until ${formatCalendarDate(s.conditional_until)}`}
            </Text>
          </Group>
        }
        actions={
          <>
            <Button variant="default" component={Link} to={`/sites/${id}/integrity`}>
              Hardware integrity
            </Button>
            <Button
              variant="default"
              loading={dossier.busy}
              onClick={async () => {
                setDossier({ busy: true, error: null });
                try {
                  await downloadFile(`/sites/${id}/dossier.xlsx`, `dossier-${s.code}.xlsx`);
                  setDossier({ busy: false, error: null });
                } catch (error) {
                  setDossier({ busy: false, error });
                }
              }}
            >
              Download dossier
            </Button>
            {can.edit && !s.archived && (
              <Button variant="default" component={Link} to={`/sites/${id}/edit`}>
                Edit
              </Button>
            )}
            {can.edit && (
              <ConfirmButton
                label={s.archived ? 'Restore' : 'Archive'}
                title={s.archived ? `Restore ${s.code}?` : `Archive ${s.code}?`}
                color={s.archived ? 'blue' : 'orange'}
                variant="default"
                onReload={() => void record.refetch()}
                onConfirm={async () => {
                  await sitesApi.update(id, { version: s.version, archived: !s.archived });
                  await refresh();
                }}
              >
                {s.archived ? 'The site returns to the lists and the dashboard.' : 'An archived site leaves the lists and the dashboard but keeps its whole history. You can restore it later.'}
              </ConfirmButton>
            )}
            {can.remove && (
              <ConfirmButton
                label="Delete"
                title={`Delete ${s.code}?`}
                onConfirm={async () => {
                  await sitesApi.remove(id);
                  await navigate('/sites');
                  void refreshAfter(queryClient, 'site');
                }}
              >
                Only a site without history (no inspections, certifications or decisions) can be deleted; otherwise archive it. The audit trail keeps the deleted record.
              </ConfirmButton>
            )}
            {can.edit && !s.archived && (
              <Button variant="default" onClick={() => setPlanning(true)}>
                Plan inspection
              </Button>
            )}
            {can.decide(s.qualification_status) && !s.archived && <Button onClick={() => setDeciding(true)}>Change status</Button>}
          </>
        }
      />
      {dossier.error ? (
        <Stack mb="md">
          <FormError error={dossier.error} />
        </Stack>
      ) : null}
      <SiteFigures site={s} />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'overview' ? { tab: v } : {}, { replace: true })} mt="lg" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="inspections">Inspections</Tabs.Tab>
          <Tabs.Tab value="findings">Findings</Tabs.Tab>
          <Tabs.Tab value="certifications">Certifications</Tabs.Tab>
          <Tabs.Tab value="supplier">Requests and changes</Tabs.Tab>
          <Tabs.Tab value="attachments">Attachments</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview site={s} />
        </Tabs.Panel>
        <Tabs.Panel value="inspections" pt="md">
          <SiteInspections siteId={id} onPlan={can.edit && !s.archived ? () => setPlanning(true) : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="findings" pt="md">
          <SiteFindings siteId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="certifications" pt="md">
          <SiteCertifications siteId={id} onAdd={can.edit && !s.archived ? () => setAddingCert(true) : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="supplier" pt="md">
          <SiteSupplierPanel siteId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="md">
          <AttachmentsPanel owner="site" ownerId={id} withRecords />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <SiteHistory siteId={id} />
        </Tabs.Panel>
      </Tabs>
      <DecisionDialog site={s} opened={deciding} onClose={() => setDeciding(false)} />
      <PlanInspectionModal opened={planning} onClose={() => setPlanning(false)} siteId={id} />
      <CertificationModal opened={addingCert} onClose={() => setAddingCert(false)} siteId={id} />
    </>
  );
}

function Figure({ label: title, children, tone }: { label: string; children: React.ReactNode; tone?: string | undefined }) {
  return (
    <Paper withBorder p="sm" style={tone ? { borderLeft: `4px solid var(--mantine-color-${tone}-6)` } : undefined}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {title}
      </Text>
      <div style={{ marginTop: 4 }}>{children}</div>
    </Paper>
  );
}

function SiteFigures({ site: s }: { site: Site }) {
  const f = s.open_findings;
  const c = s.certification_summary;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <Figure label="Next inspection due" tone={s.overdue ? 'red' : undefined}>
        <DueDate date={s.next_inspection_due} done={!s.overdue && !!s.next_planned_date} />
        {s.next_planned_date && (
          <Text size="xs" c="dimmed">
            Planned for {formatCalendarDate(s.next_planned_date)}
          </Text>
        )}
        {s.overdue && (
          <Text size="xs" c="red.8" fw={600}>
            Overdue: no inspection planned
          </Text>
        )}
      </Figure>
      <Figure label="Last inspection">
        {s.last_inspection_date ? (
          <Group gap={6}>
            <Text size="sm">{formatCalendarDate(s.last_inspection_date)}</Text>
            <ResultBadge result={s.last_inspection_result} size="sm" />
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Never inspected
          </Text>
        )}
      </Figure>
      <Figure label="Open findings" tone={f.critical > 0 ? 'red' : f.major > 0 ? 'orange' : undefined}>
        <Text size="sm">
          <Text span fw={700} c={f.critical ? 'red.8' : undefined}>
            {f.critical}
          </Text>{' '}
          critical ·{' '}
          <Text span fw={700} c={f.major ? 'orange.8' : undefined}>
            {f.major}
          </Text>{' '}
          major · {f.minor} minor · {f.observation} obs.
        </Text>
      </Figure>
      <Figure label="Certifications" tone={c.expired > 0 ? 'red' : c.expiring > 0 ? 'yellow' : undefined}>
        <Text size="sm">
          {c.valid} valid ·{' '}
          <Text span c={c.expiring ? 'yellow.9' : undefined} fw={c.expiring ? 600 : 400}>
            {c.expiring} expiring
          </Text>{' '}
          ·{' '}
          <Text span c={c.expired ? 'red.8' : undefined} fw={c.expired ? 600 : 400}>
            {c.expired} expired
          </Text>
        </Text>
        {c.next_expiry && (
          <Text size="xs" c="dimmed">
            Next expiry {formatCalendarDate(c.next_expiry)}
          </Text>
        )}
      </Figure>
    </SimpleGrid>
  );
}

function Overview({ site: s }: { site: Site }) {
  return (
    <Paper withBorder p="md">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
        <Field label="Manufacturer">
          <Link to={`/manufacturers/${s.manufacturer_id}`}>{s.manufacturer_name}</Link>
        </Field>
        <Field label="Risk tier">
          <RiskBadge tier={s.risk_tier} size="sm" />
        </Field>
        <Field label="Processes">{(s.processes ?? []).map(label).join(', ')}</Field>
        <Field label="Address">{[s.address, s.city].filter(Boolean).join(', ')}</Field>
        <Field label="Country">{s.country && `${countryName(s.country)} (${s.country})`}</Field>
        <Field label="Contact">
          {[s.contact_name, s.contact_email, s.contact_phone].filter(Boolean).join(' · ')}
        </Field>
      </SimpleGrid>
      <Stack gap="md" mt="md">
        <Field label="Approved scope">
          {s.approved_scope}
        </Field>
        {s.notes && (
          <Field label="Notes">
            {s.notes}
          </Field>
        )}
      </Stack>
    </Paper>
  );
}

interface SiteRecordsProps<T extends { id: number }> {
  /** The query key's first part, shared with the record's own list screen. */
  resource: string;
  siteId: number;
  fetcher: (params: ListParams, signal: AbortSignal) => Promise<ListResponse<T>>;
  defaultSort: string;
  caption: string;
  /** What the search box searches, as on the record's own list screen. */
  searchPlaceholder: string;
  columns: Column<T>[];
  href: (row: T) => string;
  rowStyle?: (row: T) => CSSProperties | undefined;
  empty: ReactNode;
  /** The tab's primary action, for roles that may take it. */
  action?: { label: string; onClick: () => void } | undefined;
}

/**
 * One tab of the site page: the site's records of one kind, through the list
 * screens' own machinery (useListScreen): search, sort and page in the URL
 * beside the tab, so a filtered tab can be shared and survives a reload.
 */
function SiteRecords<T extends { id: number }>({ resource, siteId, fetcher, defaultSort, caption, searchPlaceholder, columns, href, rowStyle, empty, action }: SiteRecordsProps<T>) {
  const { list, q, setQ, table } = useListScreen(resource, SITE_RECORD_FILTERS, defaultSort, fetcher, { site_id: siteId });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <SearchInput placeholder={searchPlaceholder} value={q} onChange={setQ} width={260} />
        {action && (
          <Button variant="light" onClick={action.onClick}>
            {action.label}
          </Button>
        )}
      </Group>
      <DataTable
        {...table}
        caption={caption}
        columns={columns}
        rowKey={(r) => r.id}
        rowHref={href}
        {...(rowStyle ? { rowStyle } : {})}
        maxHeight="60vh"
        empty={list.active ? <EmptyState title="Nothing matches this search">Change the search or clear it.</EmptyState> : empty}
      />
    </Stack>
  );
}

const SITE_RECORD_FILTERS = ['q'] as const;

function SiteInspections({ siteId, onPlan }: { siteId: number; onPlan: (() => void) | undefined }) {
  return (
    <SiteRecords
      resource="inspections"
      siteId={siteId}
      fetcher={(p, s) => inspectionsApi.list(p, s)}
      defaultSort="-date"
      caption="Inspections of this site"
      searchPlaceholder="Team, scope, summary"
      columns={inspectionColumns(false)}
      href={(i) => `/inspections/${i.id}`}
      action={onPlan && { label: 'Plan inspection', onClick: onPlan }}
      empty={<EmptyState title="No inspections yet">{onPlan ? 'Plan the first visit with "Plan inspection".' : 'No inspection of this site is recorded.'}</EmptyState>}
    />
  );
}

function SiteFindings({ siteId }: { siteId: number }) {
  return (
    <SiteRecords
      resource="findings"
      siteId={siteId}
      fetcher={(p, s) => findingsApi.list(p, s)}
      defaultSort="due_date"
      caption="Findings of this site"
      searchPlaceholder="Description, requirement, owner"
      columns={findingColumns(false)}
      href={(f) => `/findings/${f.id}`}
      rowStyle={findingRowStyle}
      empty={<EmptyState title="No findings">Findings are recorded on an inspection's page.</EmptyState>}
    />
  );
}

function SiteCertifications({ siteId, onAdd }: { siteId: number; onAdd: (() => void) | undefined }) {
  return (
    <SiteRecords
      resource="certifications"
      siteId={siteId}
      fetcher={(p, s) => certificationsApi.list(p, s)}
      defaultSort="expires_on"
      caption="Certifications of this site"
      searchPlaceholder="Standard, number, issuer"
      columns={certificationColumns(false)}
      href={(c) => `/certifications/${c.id}`}
      action={onAdd && { label: 'Add certification', onClick: onAdd }}
      empty={<EmptyState title="No certifications">{onAdd ? 'Record the site\'s certificates (ISO 9001, IATF 16949, …) with "Add certification".' : 'No certificate of this site is recorded.'}</EmptyState>}
    />
  );
}

function SiteHistory({ siteId }: { siteId: number }) {
  const decisions = useQuery({ queryKey: queryKeys.siteHistory(siteId), queryFn: ({ signal }) => sitesApi.history(siteId, signal) });
  const [page, setPage] = useState(1);
  const params = { entity_type: 'site', entity_id: siteId, page, page_size: 50 };
  const events = useQuery({ queryKey: ['audit-events', params], queryFn: ({ signal }) => auditApi.list(params, signal), placeholderData: keepPreviousData });
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={2} size="h5">
          Qualification decisions
        </Title>
        <Paper withBorder>
          <Table fz="sm" verticalSpacing={6}>
            <Table.Thead bg="gray.1">
              <Table.Tr>
                <Table.Th scope="col">Decided</Table.Th>
                <Table.Th scope="col">From</Table.Th>
                <Table.Th scope="col">To</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
                <Table.Th scope="col">By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {decisions.data?.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(d.decided_at)}</Table.Td>
                  <Table.Td>
                    <QualificationBadge status={d.from} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <QualificationBadge status={d.to} size="sm" />
                    {d.conditional_until && (
                      <Text size="xs" c="dimmed">
                        until {formatCalendarDate(d.conditional_until)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{d.reason}</Table.Td>
                  <Table.Td>
                    {d.decided_by.name || d.decided_by.email}
                    <SignatureLine signature={d.signature} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {decisions.data?.items.length === 0 && <EmptyState title="No decisions yet">The site is still prospective; start its qualification with "Change status".</EmptyState>}
          {decisions.isError && <Alert color="red">{decisions.error.message}</Alert>}
        </Paper>
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h5">
          Audit events for this site
        </Title>
        <AuditEventsTable
          rows={events.data?.items}
          loading={events.isFetching}
          error={events.error}
          total={events.data?.total}
          totalExact={events.data?.total_exact ?? true}
          page={page}
          onPage={setPage}
          maxHeight="60vh"
          emptyText="No change to this site is recorded."
        />
      </Stack>
    </Stack>
  );
}
