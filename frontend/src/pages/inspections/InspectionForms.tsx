import { Alert, Checkbox, List, NumberInput, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { FormModal } from '../../components/UnsavedChanges';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { INSPECTION_RESULTS, INSPECTION_TYPES, inspectionsApi, type Inspection, type InspectionResult, type InspectionType, refreshAfter, queryKeys } from '../../api';
import { useCurrentUser } from '../../components/CurrentUser';
import { usePermissions } from '../../components/permissions';
import { DateField, FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { SIGNATURE_FIELDS, SignatureFields, useSignature } from '../../components/Signature';
import { SitePicker } from '../../components/SitePicker';
import { toCalendarDate } from '../../format/dates';
import { label, options } from '../../format/labels';
import { useInspectionChecklists } from './ChecklistsPanel';

const PLAN_FIELDS = ['site_id', 'type', 'scheduled_date', 'lead_inspector_id', 'team', 'scope', 'status'] as const;

/** Plan an inspection: site, type, date, lead inspector, team, scope. Opens the new inspection. */
export function PlanInspectionModal({ opened, onClose, siteId, date }: { opened: boolean; onClose: () => void; siteId?: number; date?: string }) {
  return (
    <FormModal opened={opened} onClose={onClose} title="Plan an inspection" size="lg" centered>
      {opened && <PlanForm onClose={onClose} siteId={siteId} date={date} />}
    </FormModal>
  );
}

function PlanForm({ onClose, siteId, date }: { onClose: () => void; siteId?: number | undefined; date?: string | undefined }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [site, setSite] = useState<number | null>(siteId ?? null);
  const [type, setType] = useState<InspectionType>('routine');
  const [scheduled, setScheduled] = useState(date ?? '');
  const [lead, setLead] = useState(true);
  const [team, setTeam] = useState('');
  const [scope, setScope] = useState('');
  const save = useMutation({
    mutationFn: () =>
      inspectionsApi.create({
        site_id: site ?? 0,
        type,
        status: 'planned',
        scheduled_date: scheduled || null,
        lead_inspector_id: lead ? me.id : null,
        team,
        scope,
      }),
    onSuccess: async (created) => {
      await refreshAfter(queryClient, 'inspection');
      onClose();
      await navigate(`/inspections/${created.id}`);
    },
  });
  const err = serverErrors(save.error, PLAN_FIELDS);
  return (
    <ServerForm label="Plan an inspection" onSubmit={() => save.mutate()} error={save.error} shownFields={PLAN_FIELDS}>
      {siteId === undefined && <SitePicker value={site} onChange={setSite} required error={err.field('site_id')} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Type"
          required
          data={options(INSPECTION_TYPES)}
          value={type}
          onChange={(v) => setType((v as InspectionType) ?? 'routine')}
          allowDeselect={false}
          error={err.field('type')}
        />
        <DateField label="Scheduled date" required value={scheduled} onChange={setScheduled} error={err.field('scheduled_date')} />
      </SimpleGrid>
      <Checkbox label={`I (${me.name}) lead this inspection`} checked={lead} onChange={(e) => setLead(e.currentTarget.checked)} />
      <TextInput label="Team" placeholder="Who else goes" value={team} onChange={(e) => setTeam(e.currentTarget.value)} error={err.field('team')} />
      <Textarea label="Scope" placeholder="Areas and processes to inspect" autosize minRows={2} value={scope} onChange={(e) => setScope(e.currentTarget.value)} error={err.field('scope')} />
      <FormButtons submit="Plan inspection" pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}

const COMPLETE_FIELDS = ['performed_date', 'result', 'score', 'summary', 'status', 'result_override_reason', 'unanswered_reason', 'correction_reason', ...SIGNATURE_FIELDS] as const;

/** Log the visit: performed date (not in the future), result, score, summary. */
export function CompleteInspectionModal({ inspection, opened, onClose, onReload }: { inspection: Inspection; opened: boolean; onClose: () => void; onReload: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title="Complete the inspection" size="lg" centered>
      {opened && <CompleteForm inspection={inspection} onClose={onClose} onReload={onReload} />}
    </FormModal>
  );
}

function CompleteForm({ inspection, onClose, onReload }: { inspection: Inspection; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const today = toCalendarDate(new Date());
  const [performed, setPerformed] = useState(inspection.performed_date ?? (inspection.scheduled_date && inspection.scheduled_date <= today ? inspection.scheduled_date : today));
  const [result, setResult] = useState<InspectionResult | ''>(inspection.result || '');
  const [score, setScore] = useState<number | ''>(inspection.score ?? '');
  const [summary, setSummary] = useState(inspection.summary);
  const [overrideReason, setOverrideReason] = useState(inspection.result_override_reason ?? '');
  const [unansweredReason, setUnansweredReason] = useState(inspection.unanswered_reason ?? '');
  const checklists = useInspectionChecklists(inspection.id).data;
  const suggested = checklists?.suggested_result ?? '';
  const completing = inspection.status !== 'completed';
  const unanswered = completing ? (checklists?.unanswered ?? []) : [];
  const criticalUnanswered = unanswered.filter((u) => u.critical);
  const overriding = !!suggested && !!result && result !== suggested;
  // Once completed, the result and the performed date are evidence the
  // qualification rules read: changing them is a manager's correction,
  // with a reason, signed again.
  const mayCorrect = usePermissions().correctInspections;
  const [correctionReason, setCorrectionReason] = useState('');
  const correcting = !completing && (result !== inspection.result || performed !== (inspection.performed_date ?? ''));
  const sig = useSignature(completing ? ['authored', 'reviewed', 'approved'] : ['approved', 'reviewed']);
  const save = useMutation({
    mutationFn: () =>
      inspectionsApi.update(inspection.id, {
        version: inspection.version,
        status: 'completed',
        performed_date: performed || null,
        result,
        score: score === '' ? null : score,
        summary,
        result_override_reason: overriding ? overrideReason : '',
        ...(criticalUnanswered.length > 0 ? { unanswered_reason: unansweredReason } : {}),
        ...(correcting ? { correction_reason: correctionReason } : {}),
        ...(completing || correcting ? { signature: sig.request } : {}),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.inspection(saved.id), saved);
      await refreshAfter(queryClient, 'inspection');
      onClose();
    },
  });
  const err = serverErrors(save.error, COMPLETE_FIELDS);
  return (
    <ServerForm
      label="Complete the inspection"
      onSubmit={() => save.mutate()}
      error={save.error}
      shownFields={COMPLETE_FIELDS}
      onReload={() => {
        onReload();
        onClose();
      }}
    >
      {!completing && (
        <Text size="sm" c={mayCorrect ? undefined : 'dimmed'}>
          {mayCorrect
            ? 'Changing the result or the performed date of a completed inspection is a correction: give the reason and sign it. It is kept with the inspection and in the audit trail.'
            : 'The result and the performed date of a completed inspection are corrected only by a manager or an admin, with a reason. You can still edit the score and the summary.'}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField label="Performed on" required value={performed} onChange={setPerformed} max={today} error={err.field('performed_date')} disabled={!completing && !mayCorrect} />
        <Select
          label="Result"
          required
          data={options(INSPECTION_RESULTS)}
          value={result || null}
          onChange={(v) => setResult((v as InspectionResult) ?? '')}
          error={err.field('result')}
          disabled={!completing && !mayCorrect}
        />
        <NumberInput label="Score (0–100)" min={0} max={100} value={score} onChange={(v) => setScore(typeof v === 'number' ? v : '')} error={err.field('score')} />
      </SimpleGrid>
      {unanswered.length > 0 && checklists && <UnansweredWarning unanswered={unanswered} answered={checklists.answered} total={checklists.total} />}
      {(criticalUnanswered.length > 0 || err.field('unanswered_reason')) && (
        <Textarea
          label="Why critical items are unanswered"
          description="Critical items cannot be left open without a reason; it is kept with the inspection."
          required
          autosize
          minRows={2}
          value={unansweredReason}
          onChange={(e) => setUnansweredReason(e.currentTarget.value)}
          error={err.field('unanswered_reason')}
        />
      )}
      {suggested && (
        <Text size="sm">
          The checklists suggest: <strong>{label(suggested)}</strong>
        </Text>
      )}
      {(overriding || err.field('result_override_reason')) && (
        <Textarea
          label="Why the result differs from the suggested one"
          required
          autosize
          minRows={2}
          value={overrideReason}
          onChange={(e) => setOverrideReason(e.currentTarget.value)}
          error={err.field('result_override_reason')}
        />
      )}
      <Textarea label="Summary" autosize minRows={3} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={err.field('summary')} />
      {(correcting || err.field('correction_reason')) && (
        <Textarea
          label="Why the completed inspection is corrected"
          description="For example: the readings were re-taken with a calibrated meter. Kept with the inspection and in the audit trail."
          required
          autosize
          minRows={2}
          value={correctionReason}
          onChange={(e) => setCorrectionReason(e.currentTarget.value)}
          error={err.field('correction_reason')}
        />
      )}
      {(completing || correcting) && <SignatureFields sig={sig} error={save.error} />}
      <FormButtons submit={completing ? 'Sign and mark as completed' : correcting ? 'Sign and correct' : 'Save result'} pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}

/** Names what is unanswered before an inspection is completed: critical items first. */
export function UnansweredWarning({ unanswered, answered, total }: { unanswered: { number: string; question: string; critical: boolean }[]; answered: number; total: number }) {
  const sorted = [...unanswered].sort((a, b) => Number(b.critical) - Number(a.critical));
  const shown = sorted.slice(0, 12);
  return (
    <Alert color="orange" variant="light" role="alert" title={`${unanswered.length} of ${total} checklist items are unanswered`}>
      <Text size="sm">The score counts only the {answered} answered items.</Text>
      <List size="sm" mt={4} aria-label="Unanswered items">
        {shown.map((u) => (
          <List.Item key={`${u.number}-${u.question}`}>
            {u.critical ? <strong>Critical </strong> : null}
            {u.number} {u.question}
          </List.Item>
        ))}
        {sorted.length > shown.length && <List.Item>and {sorted.length - shown.length} more</List.Item>}
      </List>
    </Alert>
  );
}

const EDIT_FIELDS = ['type', 'scheduled_date', 'team', 'scope'] as const;

/** Reschedule or re-scope a planned inspection. */
export function EditPlanModal({ inspection, opened, onClose, onReload }: { inspection: Inspection; opened: boolean; onClose: () => void; onReload: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title="Edit the planned inspection" size="lg" centered>
      {opened && <EditPlanForm inspection={inspection} onClose={onClose} onReload={onReload} />}
    </FormModal>
  );
}

function EditPlanForm({ inspection, onClose, onReload }: { inspection: Inspection; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<InspectionType>(inspection.type);
  const [scheduled, setScheduled] = useState(inspection.scheduled_date ?? '');
  const [team, setTeam] = useState(inspection.team);
  const [scope, setScope] = useState(inspection.scope);
  const save = useMutation({
    mutationFn: () => {
      const body: Parameters<typeof inspectionsApi.update>[1] = { version: inspection.version };
      if (type !== inspection.type) body.type = type;
      if (scheduled !== (inspection.scheduled_date ?? '')) body.scheduled_date = scheduled || null;
      if (team !== inspection.team) body.team = team;
      if (scope !== inspection.scope) body.scope = scope;
      return inspectionsApi.update(inspection.id, body);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.inspection(saved.id), saved);
      await refreshAfter(queryClient, 'inspection');
      onClose();
    },
  });
  const err = serverErrors(save.error, EDIT_FIELDS);
  return (
    <ServerForm
      label="Edit the planned inspection"
      onSubmit={() => save.mutate()}
      error={save.error}
      shownFields={EDIT_FIELDS}
      onReload={() => {
        onReload();
        onClose();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label="Type" required data={options(INSPECTION_TYPES)} value={type} onChange={(v) => setType((v as InspectionType) ?? type)} allowDeselect={false} error={err.field('type')} />
        <DateField label="Scheduled date" required value={scheduled} onChange={setScheduled} error={err.field('scheduled_date')} />
      </SimpleGrid>
      <TextInput label="Team" value={team} onChange={(e) => setTeam(e.currentTarget.value)} error={err.field('team')} />
      <Textarea label="Scope" autosize minRows={2} value={scope} onChange={(e) => setScope(e.currentTarget.value)} error={err.field('scope')} />
      <FormButtons submit="Save changes" pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}
