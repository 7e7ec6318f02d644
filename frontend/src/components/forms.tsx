import { ActionIcon, Alert, Button, Group, Modal, Stack, Text, TextInput, type MantineSpacing, type TextInputProps } from '@mantine/core';
import { IconAlertCircle, IconCalendar } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { dateFormatExample, formatCalendarDate, formatDatesInText, parseTypedDate } from '../format/dates';
import { Link } from 'react-router-dom';
import { isApiError } from '../api';

/** The server's per-field reasons for a failed save, and the message for the rest. */
export function serverErrors(error: unknown, shownFields: readonly string[] = []) {
  const fields = isApiError(error) ? error.fields : {};
  const shown = shownFields.some((f) => fields[f]);
  const unshown = Object.entries(fields).filter(([f]) => !shownFields.includes(f));
  // Server messages write dates as YYYY-MM-DD; the screens write them in the one format.
  const words = (text: string | undefined) => (text === undefined ? undefined : formatDatesInText(text));
  return {
    field: (name: string): string | undefined => words(fields[name]),
    /** The message when no field we show carries the reason, plus reasons for fields not on the form. */
    formMessage: error && (!shown || unshown.length > 0) ? formatDatesInText((error as Error).message) : null,
    unshown: unshown.map(([f, why]) => [f, formatDatesInText(why)] as [string, string]),
    conflict: isApiError(error, 409) && error.code === 'version_conflict',
  };
}

/**
 * The error at the top of a form: a 409 version_conflict says someone else
 * changed the record and offers to reload it; anything else shows the
 * server's message and reasons for fields the form does not show.
 */
export function FormError({ error, shownFields = [], onReload }: { error: unknown; shownFields?: readonly string[]; onReload?: () => void }) {
  if (!error) return null;
  const e = serverErrors(error, shownFields);
  if (e.conflict) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Someone else changed this record">
        <Stack gap="xs">
          <Text size="sm">It was changed after you opened it. Reload to see the latest version, then make your change again.</Text>
          {onReload && (
            <Button size="xs" variant="default" w="fit-content" onClick={onReload}>
              Reload the record
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  if (!e.formMessage) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
      <Text size="sm">{e.formMessage}</Text>
      {e.unshown.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
          {e.unshown.map(([f, why]) => (
            <li key={f}>
              <Text size="sm" span>
                {why}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}


/**
 * A form's buttons, on the right: Cancel (a link back, or an action) and
 * the submit button, busy while the request runs.
 */
export function FormButtons({ submit, pending, onCancel, cancelTo, color }: { submit: ReactNode; pending: boolean; onCancel?: () => void; cancelTo?: string; color?: string }) {
  return (
    <Group justify="flex-end">
      {cancelTo !== undefined ? (
        <Button variant="default" component={Link} to={cancelTo}>
          Cancel
        </Button>
      ) : (
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      )}
      <Button type="submit" loading={pending} {...(color ? { color } : {})}>
        {submit}
      </Button>
    </Group>
  );
}

/**
 * A form that sends one request. Submitting runs onSubmit (the browser's
 * own checks are off: the server's per-field reasons show instead), and
 * the server's error that no field shows stands at the top (FormError).
 */
export function ServerForm({
  label,
  onSubmit,
  error,
  shownFields,
  onReload,
  gap = 'md',
  children,
}: {
  label: string;
  onSubmit: () => void;
  error: unknown;
  shownFields: readonly string[];
  onReload?: (() => void) | undefined;
  gap?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      noValidate
      aria-label={label}
    >
      <Stack gap={gap}>
        <FormError error={error} shownFields={shownFields} {...(onReload ? { onReload } : {})} />
        {children}
      </Stack>
    </form>
  );
}
/**
 * A calendar date input that reads and writes dates as every screen shows
 * them (format/dates: "31 Mar 2027" in en-GB), whatever the browser's own
 * date input would show. Typing accepts that format, any spelling with a
 * month name, ISO or the locale's digits; the calendar button opens the
 * browser's date picker. Its value is "YYYY-MM-DD", or '' while empty or
 * unreadable (and an unreadable text says how to write it).
 */
export function DateField(
  props: Omit<TextInputProps, 'type' | 'onChange' | 'value' | 'min' | 'max'> & { value: string; onChange: (value: string) => void; min?: string; max?: string },
) {
  const { value, onChange, min, max, error, label: fieldLabel, onBlur, ...rest } = props;
  const [text, setText] = useState(() => formatCalendarDate(value));
  const [unreadable, setUnreadable] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  // The values this field sent that have not come back yet, oldest first.
  // A list filter's value returns through the URL a render or two later, so
  // on a slow device the field may send again before its last value is
  // back: a value in the list is that echo, and must neither reset the
  // text nor stop the next send; any other value came from outside (a
  // reset, a reload).
  const sent = useRef<string[]>([value]);
  useEffect(() => {
    const echo = sent.current.indexOf(value);
    if (echo >= 0) {
      sent.current = sent.current.slice(echo);
      return;
    }
    sent.current = [value];
    setText(formatCalendarDate(value));
    setUnreadable(false);
  }, [value]);
  const send = (iso: string) => {
    if (iso === sent.current[sent.current.length - 1]) return;
    sent.current = [...sent.current, iso];
    onChange(iso);
  };
  const name = typeof fieldLabel === 'string' ? fieldLabel.toLowerCase() : 'the date';
  return (
    <TextInput
      {...rest}
      label={fieldLabel}
      value={text}
      placeholder={rest.placeholder ?? dateFormatExample()}
      autoComplete="off"
      onChange={(e) => {
        const typed = e.currentTarget.value;
        setText(typed);
        const iso = parseTypedDate(typed);
        if (iso !== null) setUnreadable(false);
        // Unreadable text holds no date: the form must not send the one before it.
        send(iso ?? '');
      }}
      onBlur={(e) => {
        const iso = parseTypedDate(text);
        setUnreadable(iso === null);
        if (iso) setText(formatCalendarDate(iso));
        onBlur?.(e);
      }}
      error={error ?? (unreadable ? `Write the date like ${dateFormatExample()}, or pick it from the calendar` : undefined)}
      rightSectionPointerEvents="all"
      rightSection={
        <span style={{ position: 'relative', display: 'inline-flex' }}>
          <ActionIcon variant="subtle" color="gray" aria-label="Calendar" title={`Pick ${name} from a calendar`} onClick={() => picker.current?.showPicker?.()}>
            <IconCalendar size={16} />
          </ActionIcon>
          <input
            ref={picker}
            type="date"
            tabIndex={-1}
            aria-hidden="true"
            value={value}
            min={min}
            max={max}
            onChange={(e) => {
              const iso = e.currentTarget.value;
              send(iso);
              setText(formatCalendarDate(iso));
              setUnreadable(false);
            }}
            style={{ position: 'absolute', inset: 0, opacity: 0, pointerEvents: 'none', width: '100%', height: '100%' }}
          />
        </span>
      }
    />
  );
}

interface ConfirmButtonProps {
  /** The button's text, also the confirm button's. */
  label: string;
  title: string;
  children: ReactNode;
  onConfirm: () => Promise<unknown>;
  color?: string;
  variant?: string;
  size?: string;
  /** Reloads the record when the action met a version conflict. */
  onReload?: () => void;
}

/** A destructive action that asks first, in a modal, and shows why it failed. */
export function ConfirmButton({ label, title, children, onConfirm, color = 'red', variant = 'light', size = 'sm', onReload }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      <Button color={color} variant={variant} size={size} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={close} title={title} centered>
        <Stack gap="md">
          <Text size="sm" component="div">
            {children}
          </Text>
          <FormError
            error={error}
            {...(onReload
              ? {
                  onReload: () => {
                    onReload();
                    close();
                  },
                }
              : {})}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color={color}
              loading={busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await onConfirm();
                  setOpen(false);
                } catch (err) {
                  setError(err);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {label}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Labelled read-only values in a grid (a record's details). */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: typeof children === 'string' ? 'pre-wrap' : undefined }}>
        {children === '' || children === null || children === undefined ? <Text span c="dimmed">—</Text> : children}
      </Text>
    </div>
  );
}
