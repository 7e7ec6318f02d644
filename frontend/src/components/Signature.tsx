import { Fieldset, Group, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import type { Signature, SignatureMeaning, SignatureRequest } from '../api';
import { formatTimestamp } from '../format/dates';
import { useCurrentUser } from './CurrentUser';
import { serverErrors } from './forms';

const MEANING_TEXT: Record<SignatureMeaning, string> = {
  approved: 'Approved: I approve this',
  verified: 'Verified: I checked that this is done and works',
  reviewed: 'Reviewed: I reviewed this',
  authored: 'Authored: I wrote this record',
};

/** The fields a signature sends; fields the signature's 422 names. */
export const SIGNATURE_FIELDS = ['signature', 'signature.password', 'signature.code', 'signature.meaning'] as const;

/** State for a signature form: the request to send and the fields' props. */
export function useSignature(meanings: SignatureMeaning[]) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [meaning, setMeaning] = useState<SignatureMeaning>(meanings[0]!);
  const request: SignatureRequest = { password, meaning, ...(code ? { code } : {}) };
  return { request, password, setPassword, code, setCode, meaning, setMeaning, meanings };
}

/**
 * The electronic signature on a signed change: the signer's password
 * again, their two-factor code when they use one, and what the signature
 * means. The server records who, when, the meaning and a hash of the
 * record's content.
 */
export function SignatureFields({ sig, error }: { sig: ReturnType<typeof useSignature>; error: unknown }) {
  const me = useCurrentUser();
  const err = serverErrors(error);
  return (
    <Fieldset legend="Electronic signature" variant="filled">
      <Stack gap="sm">
        <Text size="sm">
          Signing as {me.name} ({me.email}). Your signature, its meaning and the time are recorded with this record and in the audit trail.
        </Text>
        <Radio.Group label="Meaning of your signature" required value={sig.meaning} onChange={(v) => sig.setMeaning(v as SignatureMeaning)} error={err.field('signature.meaning')}>
          <Stack gap={4} mt={4}>
            {sig.meanings.map((m) => (
              <Radio key={m} value={m} label={MEANING_TEXT[m]} />
            ))}
          </Stack>
        </Radio.Group>
        <Group grow align="flex-start">
          <PasswordInput
            label="Your password"
            required
            autoComplete="current-password"
            value={sig.password}
            onChange={(e) => sig.setPassword(e.currentTarget.value)}
            error={err.field('signature.password') ?? err.field('signature')}
          />
          {me.totp_enabled && (
            <TextInput
              label="Two-factor code"
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              value={sig.code}
              onChange={(e) => sig.setCode(e.currentTarget.value)}
              error={err.field('signature.code')}
            />
          )}
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** A stored signature, as the record shows it. */
export function SignatureLine({ signature }: { signature: Signature | null | undefined }) {
  if (!signature) return null;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="signature">
      <IconSignature size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
      <Text size="sm">
        Signed by {signature.signer_name} ({signature.signer_email}), <strong>{signature.meaning}</strong>, {formatTimestamp(signature.signed_at)}
        {signature.two_factor ? ', with two-factor code' : ''}.{' '}
        <Text span size="xs" c="dimmed" ff="monospace" title={`SHA-256 of the signed content: ${signature.content_hash}`}>
          Content {signature.content_hash.slice(0, 16)}…
        </Text>
      </Text>
    </Group>
  );
}
