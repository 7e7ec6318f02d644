// Small SVG charts for the dashboard: no chart library, so the dashboard chunk stays small.
import { Group, Stack, Text } from '@mantine/core';
import type { Dashboard, QualificationStatus } from '../../api';
import { QUALIFICATION_STATUSES } from '../../api';
import { QUALIFICATION_HEX, RESULT_HEX, label } from '../../format/labels';

type Months = Dashboard['inspections_per_month'];

function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** A nice axis maximum: 1, 2, 5 × 10^n at or above `n`. */
export function niceMax(n: number): number {
  if (n <= 4) return Math.max(n, 1) <= 2 ? 2 : 4;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= n) return f * p;
  return 10 * p;
}

/** Inspections completed per month, stacked by result (pass, conditional, fail). */
export function InspectionsPerMonthChart({ months }: { months: Months }) {
  const W = 640;
  const H = 220;
  const pad = { l: 32, r: 8, t: 10, b: 26 };
  const max = niceMax(Math.max(0, ...months.map((m) => m.pass + m.conditional + m.fail)));
  const bw = (W - pad.l - pad.r) / Math.max(months.length, 1);
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const ticks = [0, max / 2, max];
  const total = months.reduce((s, m) => s + m.pass + m.conditional + m.fail, 0);
  const description = months.map((m) => `${monthLabel(m.month)} ${m.month.slice(0, 4)}: ${m.pass} pass, ${m.conditional} conditional, ${m.fail} fail`).join('; ');
  return (
    <Stack gap={4}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Inspections per month by result, ${total} in the last 12 months. ${description}`} style={{ display: 'block' }}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} stroke="#e9ecef" />
            <text x={pad.l - 6} y={y(t) + 4} fontSize="11" textAnchor="end" fill="#868e96">
              {Number.isInteger(t) ? t : t.toFixed(1)}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          const x = pad.l + i * bw + bw * 0.18;
          const w = bw * 0.64;
          let acc = 0;
          return (
            <g key={m.month}>
              {(['pass', 'conditional', 'fail'] as const).map((r) => {
                const v = m[r];
                if (!v) return null;
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return (
                  <rect key={r} x={x} y={top} width={w} height={h} fill={RESULT_HEX[r]} rx={1}>
                    <title>{`${monthLabel(m.month)}: ${v} ${r}`}</title>
                  </rect>
                );
              })}
              <text x={x + w / 2} y={H - 8} fontSize="11" textAnchor="middle" fill="#495057">
                {monthLabel(m.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <Group gap="md" justify="center">
        {(['pass', 'conditional', 'fail'] as const).map((r) => (
          <Legend key={r} color={RESULT_HEX[r]} text={label(r)} />
        ))}
      </Group>
    </Stack>
  );
}

function Legend({ color, text, value }: { color: string; text: string; value?: number }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span aria-hidden style={{ width: 10, height: 10, borderRadius: 2, background: color, display: 'inline-block' }} />
      <Text size="xs">
        {text}
        {value !== undefined && (
          <Text span fw={700} size="xs" ml={4}>
            {value}
          </Text>
        )}
      </Text>
    </Group>
  );
}

/** Sites by qualification status as a donut, with the legend carrying the numbers. */
export function SitesByStatusChart({ counts }: { counts: Record<QualificationStatus, number> }) {
  const total = QUALIFICATION_STATUSES.reduce((s, k) => s + (counts[k] ?? 0), 0);
  const R = 70;
  const r = 44;
  const C = 90;
  let angle = -Math.PI / 2;
  const arcs = QUALIFICATION_STATUSES.filter((k) => (counts[k] ?? 0) > 0).map((k) => {
    const frac = (counts[k] ?? 0) / Math.max(total, 1);
    const a0 = angle;
    const a1 = angle + frac * Math.PI * 2;
    angle = a1;
    if (frac >= 0.9999) {
      return <circle key={k} cx={C} cy={C} r={(R + r) / 2} fill="none" stroke={QUALIFICATION_HEX[k]} strokeWidth={R - r} />;
    }
    const large = a1 - a0 > Math.PI ? 1 : 0;
    const p = (rad: number, a: number) => `${C + rad * Math.cos(a)} ${C + rad * Math.sin(a)}`;
    const d = `M ${p(R, a0)} A ${R} ${R} 0 ${large} 1 ${p(R, a1)} L ${p(r, a1)} A ${r} ${r} 0 ${large} 0 ${p(r, a0)} Z`;
    return (
      <path key={k} d={d} fill={QUALIFICATION_HEX[k]} stroke="#fff" strokeWidth={1}>
        <title>{`${label(k)}: ${counts[k]}`}</title>
      </path>
    );
  });
  const description = QUALIFICATION_STATUSES.map((k) => `${label(k)} ${counts[k] ?? 0}`).join(', ');
  return (
    <Group gap="lg" justify="center" wrap="wrap" align="center">
      <svg viewBox="0 0 180 180" width={170} height={170} role="img" aria-label={`Sites by status, ${total} in all: ${description}`}>
        {total === 0 && <circle cx={C} cy={C} r={(R + r) / 2} fill="none" stroke="#e9ecef" strokeWidth={R - r} />}
        {arcs}
        <text x={C} y={C - 2} textAnchor="middle" fontSize="26" fontWeight="700" fill="#212529">
          {total}
        </text>
        <text x={C} y={C + 16} textAnchor="middle" fontSize="11" fill="#868e96">
          sites
        </text>
      </svg>
      <Stack gap={4}>
        {QUALIFICATION_STATUSES.map((k) => (
          <Legend key={k} color={QUALIFICATION_HEX[k]} text={label(k)} value={counts[k] ?? 0} />
        ))}
      </Stack>
    </Group>
  );
}
