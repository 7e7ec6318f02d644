import { Button, Group, Modal, Text, type ModalProps } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useBlocker } from 'react-router-dom';

function DiscardDialog({ opened, onKeep, onDiscard, title, children }: { opened: boolean; onKeep: () => void; onDiscard: () => void; title: string; children: ReactNode }) {
  return (
    <Modal opened={opened} onClose={onKeep} title={title} centered size="sm" zIndex={400}>
      <Text size="sm">{children}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onKeep} data-autofocus>
          Keep editing
        </Button>
        <Button color="red" onClick={onDiscard}>
          Discard changes
        </Button>
      </Group>
    </Modal>
  );
}

/**
 * A dialog holding a form: once something was typed or picked in it,
 * Escape, a click outside or the close button ask before the input is lost.
 * Closing it from the form (Cancel, a saved form) is the caller's onClose.
 */
export function FormModal({ opened, onClose, children, ...rest }: ModalProps) {
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (opened) setDirty(false);
  }, [opened]);
  const mark = () => setDirty(true);
  const close = () => (dirty ? setAsking(true) : onClose());
  return (
    <>
      <Modal opened={opened} onClose={close} {...rest}>
        {/* Typing, a checkbox, a file or a picked option (options render in a portal, but React events bubble to here). */}
        <div
          onInputCapture={mark}
          onChangeCapture={mark}
          onClickCapture={(e) => {
            if ((e.target as HTMLElement).closest('[role="option"]')) mark();
          }}
        >
          {children}
        </div>
      </Modal>
      <DiscardDialog
        opened={asking}
        title="Discard your changes?"
        onKeep={() => setAsking(false)}
        onDiscard={() => {
          setAsking(false);
          setDirty(false);
          onClose();
        }}
      >
        What you entered in this dialog has not been saved.
      </DiscardDialog>
    </>
  );
}

/**
 * The navigation options a form uses to go on to the record it has just
 * saved: its guard lets that navigation through even when the answer came
 * back before the form re-rendered as saved.
 */
export const AFTER_SAVE = { state: { afterSave: true } } as const;

/**
 * A full-page form with unsaved changes asks before the user leaves it for
 * another screen, and the browser asks before a reload or closing the tab.
 */
export function LeaveGuard({ dirty }: { dirty: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname && !(nextLocation.state as { afterSave?: boolean } | null)?.afterSave,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return (
    <DiscardDialog
      opened={blocker.state === 'blocked'}
      title="Leave without saving?"
      onKeep={() => blocker.reset?.()}
      onDiscard={() => blocker.proceed?.()}
    >
      Your changes to this form have not been saved.
    </DiscardDialog>
  );
}
