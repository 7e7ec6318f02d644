import { Badge, type BadgeProps } from '@mantine/core';
import type {
  CertificationStatus,
  FindingStatus,
  InspectionResult,
  InspectionStatus,
  QualificationStatus,
  RiskTier,
  Severity,
} from '../api';
import {
  CERTIFICATION_COLORS,
  FINDING_STATUS_COLORS,
  INSPECTION_STATUS_COLORS,
  QUALIFICATION_COLORS,
  RESULT_COLORS,
  RISK_COLORS,
  SEVERITY_COLORS,
  label,
} from '../format/labels';

type Extra = Omit<BadgeProps, 'color' | 'children'>;

function ColorBadge({ color, text, ...rest }: { color: string; text: string } & Extra) {
  // The theme's palette keeps light-variant text readable on its tint (WCAG AA).
  return (
    <Badge
      variant="light"
      color={color}
      radius="sm"
      tt="none"
      fw={600}
      // A badge keeps its whole word: a narrow table column wraps around it instead.
      style={{ minWidth: 'max-content' }}
      {...rest}
    >
      {text}
    </Badge>
  );
}

export function QualificationBadge({ status, ...rest }: { status: QualificationStatus } & Extra) {
  return <ColorBadge color={QUALIFICATION_COLORS[status] ?? 'gray'} text={label(status)} {...rest} />;
}

export function CertificationBadge({ status, ...rest }: { status: CertificationStatus } & Extra) {
  return <ColorBadge color={CERTIFICATION_COLORS[status] ?? 'gray'} text={label(status)} {...rest} />;
}

export function SeverityBadge({ severity, ...rest }: { severity: Severity } & Extra) {
  return <ColorBadge color={SEVERITY_COLORS[severity] ?? 'gray'} text={label(severity)} {...rest} />;
}

export function ResultBadge({ result, ...rest }: { result: InspectionResult | '' } & Extra) {
  if (!result) return null;
  return <ColorBadge color={RESULT_COLORS[result] ?? 'gray'} text={label(result)} {...rest} />;
}

export function InspectionStatusBadge({ status, ...rest }: { status: InspectionStatus } & Extra) {
  return <ColorBadge color={INSPECTION_STATUS_COLORS[status] ?? 'gray'} text={label(status)} {...rest} />;
}

export function FindingStatusBadge({ status, ...rest }: { status: FindingStatus } & Extra) {
  return <ColorBadge color={FINDING_STATUS_COLORS[status] ?? 'gray'} text={label(status)} {...rest} />;
}

export function RiskBadge({ tier, ...rest }: { tier: RiskTier } & Extra) {
  return <ColorBadge color={RISK_COLORS[tier] ?? 'gray'} text={label(tier)} {...rest} />;
}
