import { Alert, Anchor, Button, Group, List, Loader, Radio, Stack, Text, Textarea } from '@mantine/core';
import { FormModal } from '../../components/UnsavedChanges';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError, sitesApi, type QualificationStatus, type Site, type UnmetRule, type UnmetRuleBlocker, refreshAfter, queryKeys } from '../../api';
import { QualificationBadge } from '../../components/badges';
import { DateField } from '../../components/forms';
import { SignatureFields, useSignature } from '../../components/Signature';
import { formatCalendarDate, formatDatesInText } from '../../format/dates';
import { label, recordPath } from '../../format/labels';

/**
 * The qualification decision: the statuses this user may move the site to
 * (GET .../qualification/options), what each still lacks, a reason, and the
 * server's unmet rules when it refuses.
 */
export function DecisionDialog({ site, opened, onClose }: { site: Site; opened: boolean; onClose: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title={`Qualification decision for ${site.code}`} size="lg" centered>
      {opened && <DecisionForm site={site} onClose={onClose} />}
    </FormModal>
  );
}

function DecisionForm({ site, onClose }: { site: Site; onClose: () => void }) {
  const queryClient = useQueryClient();
  const optionsQuery = useQuery({ queryKey: queryKeys.siteOptions(site.id), queryFn: ({ signal }) => sitesApi.options(site.id, signal), staleTime: 0 });
  const [target, setTarget] = useState<QualificationStatus | null>(null);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const sig = useSignature(['approved', 'reviewed']);
  const decide = useMutation({
    mutationFn: () => sitesApi.decide(site.id, { status: target!, reason, ...(until ? { conditional_until: until } : {}), signature: sig.request }),
    onSuccess: async (res) => {
      queryClient.setQueryData(queryKeys.site(site.id), res.site);
      await refreshAfter(queryClient, 'decision');
      onClose();
    },
  });

  if (optionsQuery.isPending) return <Loader size="sm" aria-label="Loading options" />;
  if (optionsQuery.isError) return <Alert color="red">{optionsQuery.error.message}</Alert>;
  const allowed = optionsQuery.data.allowed;
  const chosen = allowed.find((o) => o.status === target);
  const refusal = decide.error;
  // Each field of a refusal (inspection, findings, certification, ...) is one unmet rule, in words.
  const refusedRules = isApiError(refusal) ? Object.entries(refusal.fields).filter(([f]) => !f.startsWith('signature')) : [];

  if (allowed.length === 0) {
    return (
      <Stack>
        <Text size="sm">Your role cannot move this site from {label(site.qualification_status)} to another status. Ask a manager.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (target) decide.mutate();
      }}
      noValidate
      aria-label="Qualification decision"
    >
      <Stack gap="md">
        <Group gap="xs">
          <Text size="sm">Current status:</Text>
          <QualificationBadge status={optionsQuery.data.current} />
        </Group>
        <Radio.Group label="New status" required value={target} onChange={(v) => { setTarget(v as QualificationStatus); decide.reset(); }}>
          <Stack gap="xs" mt={6}>
            {allowed.map((o) => (
              <Radio
                key={o.status}
                value={o.status}
                label={
                  <Group gap={6}>
                    <QualificationBadge status={o.status} />
                    <Text size="xs" c={o.unmet.length ? 'orange.8' : 'green.8'}>
                      {o.unmet.length ? `${o.unmet.length} rule${o.unmet.length === 1 ? '' : 's'} not met` : 'all rules met'}
                    </Text>
                  </Group>
                }
              />
            ))}
          </Stack>
        </Radio.Group>
        {chosen && chosen.unmet.length > 0 && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={`Not met yet for ${label(chosen.status)}`} data-testid="unmet-rules">
            <UnmetRules rules={chosen.unmet} siteId={site.id} onOpen={onClose} />
          </Alert>
        )}
        {chosen && chosen.unmet.length === 0 && (
          <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />}>
            The site meets every rule for {label(chosen.status)}.
          </Alert>
        )}
        {chosen?.needs_conditional_until && (
          <DateField label="Conditional until" required value={until} onChange={setUntil} description="When the conditions must be met by" error={isApiError(refusal) && refusal.field('conditional_until') ? formatDatesInText(refusal.field('conditional_until')!) : undefined} />
        )}
        <Textarea
          label="Reason"
          required
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          description="Recorded in the site's history and the audit trail"
          error={isApiError(refusal) ? refusal.field('reason') : undefined}
        />
        <SignatureFields sig={sig} error={refusal} />
        {refusal && (
          <Alert color="red" variant="light" role="alert" title="The decision was refused" data-testid="decision-refused">
            <Text size="sm">{refusal.message}</Text>
            {refusedRules.length > 0 && (
              <List size="sm" spacing={2} mt={4}>
                {refusedRules.map(([f, why]) => (
                  <List.Item key={f}>{formatDatesInText(why)}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={decide.isPending} disabled={!target}>
            Sign and record decision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Where to fix a rule when no record on file blocks it (or more do than are listed). */
function fixLink(rule: UnmetRule, siteId: number): { to: string; text: string } | null {
  switch (rule.rule) {
    case 'inspection':
      return { to: `/sites/${siteId}?tab=inspections`, text: rule.blockers.length ? "The site's inspections" : 'Plan an inspection on the Inspections tab' };
    case 'certification':
      return { to: `/sites/${siteId}?tab=certifications`, text: rule.blockers.length ? "The site's certifications" : 'Add a certification on the Certifications tab' };
    case 'findings':
      return { to: `/findings?site_id=${siteId}&status=open,in_progress`, text: "All the site's findings not closed" };
  }
  return null;
}

/** A blocking record as its link reads: "Major finding: …", "ISO 9001:2015, expired, 31 Jan 2026". */
function blockerText(b: UnmetRuleBlocker): string {
  return b.date ? `${b.label}, ${formatCalendarDate(b.date)}` : b.label;
}

/**
 * The rules a status still lacks, each with the records that block it as
 * links (the open finding, the expired certificate, the failed inspection)
 * and where to fix it. Following a link closes the dialog.
 */
function UnmetRules({ rules, siteId, onOpen }: { rules: UnmetRule[]; siteId: number; onOpen: () => void }) {
  return (
    <List size="sm" spacing={8}>
      {rules.map((r) => {
        const fix = fixLink(r, siteId);
        return (
          <List.Item key={`${r.rule}-${r.message}`}>
            <Text size="sm">{formatDatesInText(r.message)}</Text>
            {(r.blockers.length > 0 || fix) && (
              <List size="sm" spacing={2} mt={2} listStyleType="disc" withPadding>
                {r.blockers.map((b) => (
                  <List.Item key={`${b.type}-${b.id}`}>
                    <Anchor component={Link} to={recordPath(b.type, b.id)} onClick={onOpen} size="sm">
                      {blockerText(b)}
                    </Anchor>
                  </List.Item>
                ))}
                {fix && (
                  <List.Item>
                    <Anchor component={Link} to={fix.to} onClick={onOpen} size="sm">
                      {fix.text}
                    </Anchor>
                  </List.Item>
                )}
              </List>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}
