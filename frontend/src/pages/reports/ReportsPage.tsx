import { Alert, Button, Group, MultiSelect, Paper, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { FINDING_STATUSES, QUALIFICATION_STATUSES, RISK_TIERS, downloadFile, queryString, type ListParams } from '../../api';
import { DateField, FormError } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { formatBytes, options } from '../../format/labels';
import { CountrySelect } from '../../components/CountrySelect';

interface DownloadState {
  busy: boolean;
  received: number;
  total: number | null;
  error: unknown;
  done: { name: string; size: number } | null;
}

const IDLE: DownloadState = { busy: false, received: 0, total: null, error: null, done: null };

function ReportCard({ title, description, path, params, fileName, children }: { title: string; description: string; path: string; params: ListParams; fileName: string; children?: ReactNode }) {
  const [state, setState] = useState<DownloadState>(IDLE);
  const download = async () => {
    setState({ ...IDLE, busy: true });
    try {
      const done = await downloadFile(path + queryString(params), fileName, {
        onProgress: (received, total) => setState((s) => ({ ...s, received, total })),
      });
      setState({ ...IDLE, done });
    } catch (error) {
      setState({ ...IDLE, error });
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm" h="100%">
        <div>
          <Title order={2} size="h5">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {children}
        <Group justify="space-between" mt="auto" align="center">
          <Text size="xs" c="dimmed" aria-live="polite">
            {state.busy
              ? state.received === 0
                ? 'Preparing the spreadsheet…'
                : `Downloading… ${formatBytes(state.received)}${state.total ? ` of ${formatBytes(state.total)}` : ''}`
              : state.done
                ? `Downloaded ${state.done.name} (${formatBytes(state.done.size)})`
                : ''}
          </Text>
          <Button leftSection={<IconDownload size={16} />} onClick={() => void download()} loading={state.busy}>
            Download {title}
          </Button>
        </Group>
        {state.busy && <Progress value={state.total ? (state.received / state.total) * 100 : 100} animated aria-label={`${title} download progress`} />}
        <FormError error={state.error} />
      </Stack>
    </Paper>
  );
}

export default function ReportsPage() {
  const [supplierStatus, setSupplierStatus] = useState<string | null>('qualified,conditional');
  const [supplierRisk, setSupplierRisk] = useState<string | null>(null);
  const [supplierCountry, setSupplierCountry] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [within, setWithin] = useState<string | null>('90');
  const [findingStatuses, setFindingStatuses] = useState<string[]>(['open', 'in_progress']);

  return (
    <>
      <PageHeader
        title="Reports"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Reports' }]}
        description="Spreadsheets (XLSX) for managers and auditors. Each has a Report sheet stating its filters, when it was made and by whom."
      />
      <Alert color="gray" variant="light" mb="md">
        A site's full dossier (its record, decisions, inspections, findings and certificates) is on the site's page: "Download dossier".
      </Alert>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ReportCard
          title="Approved suppliers"
          description="Sites with their qualification status, approved scope, risk tier and next inspection due."
          path="/reports/approved-suppliers.xlsx"
          fileName="approved-suppliers.xlsx"
          params={{ status: supplierStatus, risk_tier: supplierRisk, country: supplierCountry }}
        >
          <Group gap="sm" align="flex-end">
            <Select
              label="Status"
              data={[{ value: 'qualified,conditional', label: 'Qualified or conditional' }, ...options(QUALIFICATION_STATUSES)]}
              value={supplierStatus}
              onChange={setSupplierStatus}
              clearable
              placeholder="Any status"
              w={230}
            />
            <Select label="Risk tier" data={options(RISK_TIERS)} value={supplierRisk} onChange={setSupplierRisk} clearable placeholder="Any" w={130} />
            <CountrySelect label="Country" placeholder="Any" value={supplierCountry} onChange={setSupplierCountry} w={200} />
          </Group>
        </ReportCard>
        <ReportCard
          title="Inspections"
          description="Inspections with their dates, results, scores and finding counts."
          path="/reports/inspections.xlsx"
          fileName="inspections.xlsx"
          params={{ from, to }}
        >
          <Group gap="sm" grow>
            <DateField label="From" value={from} onChange={setFrom} />
            <DateField label="To" value={to} onChange={setTo} />
          </Group>
        </ReportCard>
        <ReportCard
          title="Certifications"
          description="Certificates with expiry and status; expired in red, expiring in amber."
          path="/reports/certifications.xlsx"
          fileName="certifications.xlsx"
          params={{ expiring_within_days: within }}
        >
          <Select
            label="Expiring within"
            data={[
              { value: '30', label: '30 days' },
              { value: '60', label: '60 days' },
              { value: '90', label: '90 days' },
              { value: '180', label: '180 days' },
            ]}
            value={within}
            onChange={setWithin}
            clearable
            placeholder="All certificates"
            maw={240}
          />
        </ReportCard>
        <ReportCard
          title="Findings"
          description="Findings and corrective actions with owners and due dates; overdue in red."
          path="/reports/findings.xlsx"
          fileName="findings.xlsx"
          params={{ status: findingStatuses.join(',') }}
        >
          <MultiSelect
            label="Status"
            description="One or several; none for all findings."
            data={options(FINDING_STATUSES)}
            value={findingStatuses}
            onChange={setFindingStatuses}
            clearable
            placeholder={findingStatuses.length ? undefined : 'All findings'}
            maw={360}
          />
        </ReportCard>
        <ReportCard title="Summary" description="The dashboard's figures on one sheet, for a monthly review." path="/reports/summary.xlsx" fileName="summary.xlsx" params={{}} />
      </SimpleGrid>
    </>
  );
}
