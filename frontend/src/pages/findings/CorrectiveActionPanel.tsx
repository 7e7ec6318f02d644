import { Alert, Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  correctiveActionsApi,
  isApiError,
  VERIFICATION_METHODS,
  type CAStage,
  type CorrectiveAction,
  type CorrectiveActionStage,
  type Finding,
  type VerificationMethod,
  refreshAfter,
} from '../../api';
import { DueDate } from '../../components/DueDate';
import { FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { usePermissions } from '../../components/permissions';
import { SIGNATURE_FIELDS, SignatureFields, useSignature } from '../../components/Signature';
import { FormModal } from '../../components/UnsavedChanges';
import { formatTimestamp } from '../../format/dates';

const STAGE_NAMES: Record<CAStage, string> = {
  d3: 'D3 Containment',
  d4: 'D4 Root cause',
  d5: 'D5/D6 Corrective action',
  d7: 'D7 Preventive action',
  d8: 'D8 Verification',
};
const STATUS_COLOR = { open: 'blue', submitted: 'yellow', returned: 'orange', accepted: 'green' } as const;
const STATUS_TEXT = { open: 'Waiting for the supplier', submitted: 'To review', returned: 'Returned', accepted: 'Accepted' } as const;

/**
 * The finding's corrective-action request (8D), as the buyer works it:
 * issue it, review each answer the supplier submits (accept, signed, or
 * return with a reason), and verify effectiveness (D8), which closes the
 * request and the finding.
 */
export function CorrectiveActionPanel({ finding }: { finding: Finding }) {
  const can = usePermissions();
  const [issuing, setIssuing] = useState(false);
  const ca = useQuery({
    queryKey: ['corrective-action', 'finding', finding.id],
    queryFn: async ({ signal }) => {
      try {
        return await correctiveActionsApi.ofFinding(finding.id, signal);
      } catch (e) {
        if (isApiError(e, 404)) return null;
        throw e;
      }
    },
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="corrective-action">
      <Group justify="space-between">
        <Title order={2} size="h4" id="corrective-action">
          Corrective-action request
        </Title>
        {ca.data === null && can.edit && finding.status !== 'closed' && <Button onClick={() => setIssuing(true)}>Request corrective action</Button>}
      </Group>
      {ca.data === null && <Text c="dimmed">No request was sent to the manufacturer for this finding.</Text>}
      {ca.error && <Alert color="red">{ca.error.message}</Alert>}
      {ca.data && <RequestView ca={ca.data} />}
      <FormModal opened={issuing} onClose={() => setIssuing(false)} title="Request corrective action" size="lg" centered>
        {issuing && <IssueForm finding={finding} onClose={() => setIssuing(false)} />}
      </FormModal>
    </Stack>
  );
}

function IssueForm({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [request, setRequest] = useState('');
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () => correctiveActionsApi.issue(finding.id, { request, internal_note: note }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['corrective-action', 'finding', finding.id], saved);
      await refreshAfter(queryClient, 'corrective-action');
      onClose();
    },
  });
  const err = serverErrors(save.error, ['request', 'internal_note', 'finding_id']);
  return (
    <ServerForm label="Request corrective action" onSubmit={() => save.mutate()} error={save.error} shownFields={['request', 'internal_note', 'finding_id']}>
      <Text size="sm">
        The manufacturer&apos;s supplier accounts answer containment, root cause, corrective and preventive action in the supplier portal; each stage is due by the finding&apos;s
        severity.
      </Text>
      <Textarea label="What you ask of the supplier" autosize minRows={3} value={request} onChange={(e) => setRequest(e.currentTarget.value)} error={err.field('request')} data-autofocus />
      <Textarea label="Internal note (never shown to the supplier)" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={err.field('internal_note')} />
      <FormButtons submit="Send the request" pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}

function RequestView({ ca }: { ca: CorrectiveAction }) {
  const can = usePermissions();
  const [reviewing, setReviewing] = useState<{ stage: CorrectiveActionStage; accept: boolean } | null>(null);
  const [verifying, setVerifying] = useState(false);
  const allAccepted = ca.stages.filter((s) => s.stage !== 'd8').every((s) => s.status === 'accepted');
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group gap="md">
          <Badge color={ca.status === 'open' ? 'blue' : 'green'} variant="light">
            {ca.status === 'open' ? `Open: ${STAGE_NAMES[ca.current_stage]}` : 'Closed: verified'}
          </Badge>
          {ca.overdue && (
            <Text c="red.8" fw={600} size="sm">
              A stage is overdue
            </Text>
          )}
          <Text size="sm" c="dimmed">
            Issued by {ca.issued_by_name}, {formatTimestamp(ca.issued_at)} · returned answers: {ca.rework_count}
          </Text>
        </Group>
        {ca.internal_note && (
          <Text size="sm">
            <b>Internal note:</b> {ca.internal_note}
          </Text>
        )}
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Stage</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Answer</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ca.stages.map((s) => (
                <Table.Tr key={s.stage}>
                  <Table.Td>{STAGE_NAMES[s.stage]}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[s.status]} variant="light">
                      {s.stage === 'd8' && s.status === 'open' ? 'Yours' : STATUS_TEXT[s.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{s.due_date && s.status !== 'accepted' ? <DueDate date={s.due_date} done={false} /> : ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {s.method ? `[${s.method.replace(/_/g, ' ')}] ` : ''}
                      {s.text}
                      {s.detail ? `\n${s.detail}` : ''}
                    </Text>
                    {s.files.map((f) => (
                      <Anchor key={f.id} href={correctiveActionsApi.fileURL(f.id)} size="sm" display="block">
                        {f.file_name}
                      </Anchor>
                    ))}
                    {s.status === 'returned' && (
                      <Text size="sm" c="orange.9">
                        Returned: {s.return_reason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {can.edit && s.status === 'submitted' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" color="green" onClick={() => setReviewing({ stage: s, accept: true })} aria-label={`Accept ${STAGE_NAMES[s.stage]}`}>
                          Accept
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setReviewing({ stage: s, accept: false })} aria-label={`Return ${STAGE_NAMES[s.stage]}`}>
                          Return
                        </Button>
                      </Group>
                    )}
                    {can.edit && s.stage === 'd8' && ca.status === 'open' && allAccepted && (
                      <Button size="xs" color="green" onClick={() => setVerifying(true)}>
                        Verify effectiveness
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {ca.status === 'closed' && (
          <Text size="sm">
            Verified by {ca.verified_by_name} ({ca.verification_method.replace(/_/g, ' ')}): {ca.verification_note}
            {ca.verification_reference ? ` [${ca.verification_reference}]` : ''}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Supplier submissions in the audit trail: {ca.receipts.map((r) => `#${r.sequence}`).join(', ') || 'none yet'}
        </Text>
      </Stack>
      <FormModal opened={reviewing !== null} onClose={() => setReviewing(null)} title={reviewing?.accept ? 'Accept the answer' : 'Return the answer'} size="lg" centered>
        {reviewing && <ReviewForm ca={ca} stage={reviewing.stage} accept={reviewing.accept} onClose={() => setReviewing(null)} />}
      </FormModal>
      <FormModal opened={verifying} onClose={() => setVerifying(false)} title="Verify effectiveness (D8)" size="lg" centered>
        {verifying && <VerifyForm ca={ca} onClose={() => setVerifying(false)} />}
      </FormModal>
    </Paper>
  );
}

function ReviewForm({ ca, stage, accept, onClose }: { ca: CorrectiveAction; stage: CorrectiveActionStage; accept: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const sig = useSignature(['reviewed', 'approved']);
  const save = useMutation({
    mutationFn: () => correctiveActionsApi.review(ca.id, stage.stage, accept ? { decision: 'accept', signature: sig.request } : { decision: 'return', reason }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['corrective-action', 'finding', ca.finding_id], saved);
      await refreshAfter(queryClient, 'corrective-action');
      onClose();
    },
  });
  const shown = ['reason', 'stage', ...SIGNATURE_FIELDS];
  const err = serverErrors(save.error, shown);
  return (
    <ServerForm label={accept ? 'Accept the answer' : 'Return the answer'} onSubmit={() => save.mutate()} error={save.error} shownFields={shown}>
      <TextInput label="Stage" value={STAGE_NAMES[stage.stage]} readOnly variant="filled" />
      <Textarea label="Answer" value={stage.text} readOnly variant="filled" autosize />
      {accept ? (
        <SignatureFields sig={sig} error={save.error} />
      ) : (
        <Textarea
          label="What the supplier must add or change"
          required
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={err.field('reason') ?? err.field('stage')}
          data-autofocus
        />
      )}
      <FormButtons submit={accept ? 'Sign and accept' : 'Return to the supplier'} pending={save.isPending} onCancel={onClose} color={accept ? 'green' : undefined} />
    </ServerForm>
  );
}

function VerifyForm({ ca, onClose }: { ca: CorrectiveAction; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [method, setMethod] = useState<VerificationMethod>('on_site_check');
  const [note, setNote] = useState('');
  const [reference, setReference] = useState('');
  const sig = useSignature(['verified', 'approved']);
  const save = useMutation({
    mutationFn: () => correctiveActionsApi.verify(ca.id, { method, note, ...(reference ? { reference } : {}), signature: sig.request }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['corrective-action', 'finding', ca.finding_id], saved);
      await refreshAfter(queryClient, 'corrective-action');
      onClose();
    },
  });
  const shown = ['method', 'note', 'reference', 'stage', ...SIGNATURE_FIELDS];
  const err = serverErrors(save.error, shown);
  return (
    <ServerForm label="Verify effectiveness" onSubmit={() => save.mutate()} error={save.error} shownFields={shown}>
      <Text size="sm">Verifying closes the request and, under the same signature, the finding.</Text>
      <Select
        label="How you verified it"
        required
        data={VERIFICATION_METHODS.map((m) => ({ value: m, label: m.replace(/_/g, ' ') }))}
        value={method}
        onChange={(v) => v && setMethod(v as VerificationMethod)}
        allowDeselect={false}
        error={err.field('method')}
      />
      <Textarea label="What showed the correction works" required autosize minRows={3} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={err.field('note') ?? err.field('stage')} />
      <TextInput
        label="Inspection and checklist item that verified it"
        required={method === 'next_inspection'}
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
        error={err.field('reference')}
      />
      <SignatureFields sig={sig} error={save.error} />
      <FormButtons submit="Sign and verify" pending={save.isPending} onCancel={onClose} color="green" />
    </ServerForm>
  );
}
