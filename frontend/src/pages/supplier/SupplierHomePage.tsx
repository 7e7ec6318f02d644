import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { supplierApi, supplierAssessmentsApi, type SelfAssessmentRow, type SupplierCorrectiveActionRow } from '../../api';
import { formatDay, formatDueIn } from '../../i18n';
import { assessmentStatusColor } from './SupplierAssessmentPage';
import { changeStatusColor } from './SupplierChangeDetailPage';

/** The supplier's home: what is due from it, its certificates and changes. */
export default function SupplierHomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const requests = useQuery({ queryKey: ['supplier', 'requests'], queryFn: ({ signal }) => supplierApi.requests({ page_size: 200 }, signal) });
  const certs = useQuery({ queryKey: ['supplier', 'certifications'], queryFn: ({ signal }) => supplierApi.certifications(signal) });
  const changes = useQuery({ queryKey: ['supplier', 'changes'], queryFn: ({ signal }) => supplierApi.changes({ page_size: 20 }, signal) });
  const assessments = useQuery({
    queryKey: ['supplier', 'assessments'],
    queryFn: ({ signal }) => supplierAssessmentsApi.list({ page_size: 50, sort: 'due_date' }, signal),
  });
  if (requests.isPending) return <Loader aria-label={t('loading')} />;
  if (requests.isError) {
    return (
      <Alert color="red" title={t('loadFailed')}>
        <Button size="xs" mt="xs" onClick={() => void requests.refetch()}>
          {t('retry')}
        </Button>
      </Alert>
    );
  }
  const open = requests.data.items.filter((r) => r.status === 'open');
  const closed = requests.data.items.filter((r) => r.status === 'closed');
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('home.title')}
      </Title>
      <Stack gap="sm" component="section" aria-labelledby="open-requests">
        <Title order={2} size="h4" id="open-requests">
          {t('home.openRequests')}
        </Title>
        {open.length === 0 && <Text c="dimmed">{t('home.nothingDue')}</Text>}
        {open.map((r) => (
          <RequestCard key={r.id} r={r} lang={lang} />
        ))}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="questionnaires">
        <Title order={2} size="h4" id="questionnaires">
          {t('assessment.questionnaires')}
        </Title>
        {assessments.data?.items.length === 0 && <Text c="dimmed">{t('assessment.noQuestionnaires')}</Text>}
        {assessments.data?.items.map((a) => (
          <AssessmentCard key={a.id} a={a} lang={lang} />
        ))}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="certificates">
        <Title order={2} size="h4" id="certificates">
          {t('home.certificates')}
        </Title>
        {certs.data?.items.length === 0 && <Text c="dimmed">{t('home.noCertificates')}</Text>}
        {certs.data?.items.map((c) => (
          <Card key={c.id} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>
                {c.site_code} · {c.standard}
              </Text>
              <Badge color={c.status === 'expired' ? 'red' : c.status === 'expiring' ? 'orange' : c.status === 'withdrawn' ? 'gray' : 'green'} variant="light">
                {c.status}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('home.expires', { date: formatDay(c.expires_on, lang) })}
            </Text>
          </Card>
        ))}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="changes">
        <Group justify="space-between">
          <Title order={2} size="h4" id="changes">
            {t('home.changes')}
          </Title>
          <Button component={Link} to="/supplier/changes/new" size="xs" variant="light">
            {t('notifyChange.button')}
          </Button>
        </Group>
        {changes.data?.items.length === 0 && <Text c="dimmed">{t('home.noChanges')}</Text>}
        {changes.data?.items.map((c) => (
          <Card key={c.id} withBorder padding="sm" component={Link} to={`/supplier/changes/${c.id}`}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>
                {c.title}
              </Text>
              <Badge variant="light" color={changeStatusColor[c.status]}>
                {t(`changeStatus.${c.status}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {c.sites.map((s) => s.code).join(', ')}
              {c.planned_date ? ` · ${formatDay(c.planned_date, lang)}` : ''}
            </Text>
          </Card>
        ))}
      </Stack>
      {closed.length > 0 && (
        <Stack gap="sm" component="section" aria-labelledby="closed-requests">
          <Title order={2} size="h4" id="closed-requests">
            {t('home.closedRequests')}
          </Title>
          {closed.map((r) => (
            <RequestCard key={r.id} r={r} lang={lang} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function RequestCard({ r, lang }: { r: SupplierCorrectiveActionRow; lang: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component={Link} to={`/supplier/requests/${r.id}`}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm">
          {t('request.title', { id: r.id, site: r.site_code })}
        </Text>
        <Badge color={r.finding_severity === 'critical' ? 'red' : r.finding_severity === 'major' ? 'orange' : 'gray'} variant="light">
          {t(`severity.${r.finding_severity}`)}
        </Badge>
      </Group>
      <Text size="sm" lineClamp={2}>
        {r.finding_description}
      </Text>
      {r.status === 'open' && (
        <Group gap="xs" mt={4}>
          <Text size="sm" fw={600}>
            {t(`stage.${r.current_stage}`)}
          </Text>
          {r.next_due && (
            <Text size="sm" c={r.overdue ? 'red.8' : 'dimmed'}>
              {r.overdue ? `${t('request.overdue')} · ` : ''}
              {t('request.due', { date: formatDay(r.next_due, lang) })}
            </Text>
          )}
        </Group>
      )}
    </Card>
  );
}

function AssessmentCard({ a, lang }: { a: SelfAssessmentRow; lang: string }) {
  const { t } = useTranslation();
  const waiting = a.status === 'open' || a.status === 'returned';
  return (
    <Card withBorder padding="sm" component={Link} to={`/supplier/questionnaires/${a.id}`}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm">
          {t('assessment.title', { name: a.template_name, site: a.site_code })}
        </Text>
        <Badge color={assessmentStatusColor[a.status]} variant="light">
          {t(`assessmentStatus.${a.status}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t('assessment.progress', { answered: a.answered, total: a.total })}
      </Text>
      {waiting && (
        <Text size="sm" c={a.overdue ? 'red.8' : 'dimmed'}>
          {a.overdue ? `${t('assessment.overdue')} · ` : ''}
          {t('assessment.due', { date: formatDay(a.due_date, lang) })} · {formatDueIn(a.due_date, lang)}
        </Text>
      )}
    </Card>
  );
}
