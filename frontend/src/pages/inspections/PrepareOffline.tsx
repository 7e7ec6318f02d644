import { Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatTimestamp } from '../../format/dates';
import { appShellReady } from '../../offline/serviceWorker';
import { getPrepared, prepareInspection } from '../../offline/useOfflineInspection';

/**
 * Before a visit to a room without network: keep the inspection, its
 * checklists and the site on this device, and open inspection mode.
 */
export function PrepareOffline({ inspectionId }: { inspectionId: number }) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [state, setState] = useState<{ pending: boolean; error: string; shellMissing: boolean }>({ pending: false, error: '', shellMissing: false });
  useEffect(() => {
    void getPrepared(inspectionId).then((p) => setSavedAt(p?.savedAt ?? null));
  }, [inspectionId]);
  const prepare = async () => {
    setState({ pending: true, error: '', shellMissing: false });
    try {
      const p = await prepareInspection(inspectionId);
      const shell = await appShellReady();
      setSavedAt(p.savedAt);
      setState({ pending: false, error: '', shellMissing: !shell });
    } catch (e) {
      setState({ pending: false, error: e instanceof Error ? e.message : String(e), shellMissing: false });
    }
  };
  return (
    <Group gap="sm" wrap="wrap" role="region" aria-label="Offline use">
      <Button variant="default" loading={state.pending} onClick={() => void prepare()}>
        Prepare for offline
      </Button>
      <Button component={Link} to={`/inspections/${inspectionId}/inspect`} variant="light">
        Inspection mode
      </Button>
      <Text size="sm" role="status" c={state.error ? 'red' : 'dimmed'}>
        {state.error ||
          (savedAt
            ? `Ready offline: saved on this device ${formatTimestamp(savedAt)}.${state.shellMissing ? ' This browser cannot keep the app itself; reopen it with a network.' : ''}`
            : 'Not on this device yet.')}
      </Text>
    </Group>
  );
}
