import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { supplierApi } from '../api';

/** A receipt of a supplier submission: the audit event's sequence and hash, and what it recorded. */
export interface Receipt {
  sequence: number;
  hash: string;
  /** What was submitted, in the reader's words ("D4", "Submission 2"). */
  what: string;
}

/**
 * The supplier's receipts of its submissions (corrective-action answers,
 * questionnaires), each of which it can check against the audit chain
 * (GET /supplier/receipts/{sequence}/verify).
 */
export function Receipts({ receipts }: { receipts: Receipt[] }) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState<Record<number, boolean>>({});
  const check = useMutation({
    mutationFn: (r: Receipt) => supplierApi.verifyReceipt(r.sequence, r.hash),
    onSuccess: (res, r) => setChecked((c) => ({ ...c, [r.sequence]: res.valid })),
  });
  if (receipts.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="receipts">
      <Title order={2} size="h4" id="receipts">
        {t('receipt.title')}
      </Title>
      {receipts.map((r) => (
        <Group key={r.sequence} justify="space-between" wrap="wrap" gap="xs">
          <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {t('receipt.line', { sequence: r.sequence, what: r.what, hash: r.hash })}
          </Text>
          {checked[r.sequence] === undefined ? (
            <Button size="xs" variant="default" onClick={() => check.mutate(r)} loading={check.isPending && check.variables?.sequence === r.sequence}>
              {t('receipt.check', { sequence: r.sequence })}
            </Button>
          ) : (
            <Text size="sm" c={checked[r.sequence] ? 'green.8' : 'red.8'} role="status">
              {checked[r.sequence] ? t('receipt.inChain', { sequence: r.sequence }) : t('receipt.notInChain', { sequence: r.sequence })}
            </Text>
          )}
        </Group>
      ))}
      {check.error && (
        <Text size="sm" c="red.8" role="alert">
          {check.error.message}
        </Text>
      )}
    </Stack>
  );
}
