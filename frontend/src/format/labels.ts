// One status colour language for badges, charts and tables:
// qualified green, conditional yellow, suspended orange, disqualified red,
// in qualification blue, prospective gray; expired red, expiring amber.
import type {
  CertificationStatus,
  FindingStatus,
  InspectionResult,
  InspectionStatus,
  QualificationStatus,
  RiskTier,
  Severity,
} from '../api/types';

export const QUALIFICATION_COLORS: Record<QualificationStatus, string> = {
  prospective: 'gray',
  in_qualification: 'blue',
  qualified: 'green',
  conditional: 'yellow',
  suspended: 'orange',
  disqualified: 'red',
};

/** Hex values for SVG charts, matching Mantine's shade 6 of the colours above. */
export const QUALIFICATION_HEX: Record<QualificationStatus, string> = {
  prospective: '#868e96',
  in_qualification: '#228be6',
  qualified: '#40c057',
  conditional: '#fab005',
  suspended: '#fd7e14',
  disqualified: '#fa5252',
};

export const RESULT_HEX: Record<InspectionResult, string> = {
  pass: '#40c057',
  conditional: '#fab005',
  fail: '#fa5252',
};

export const CERTIFICATION_COLORS: Record<CertificationStatus, string> = {
  valid: 'green',
  expiring: 'yellow',
  expired: 'red',
  withdrawn: 'gray',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: 'red',
  major: 'orange',
  minor: 'yellow',
  observation: 'gray',
};

export const RESULT_COLORS: Record<InspectionResult, string> = {
  pass: 'green',
  conditional: 'yellow',
  fail: 'red',
};

export const INSPECTION_STATUS_COLORS: Record<InspectionStatus, string> = {
  planned: 'blue',
  completed: 'teal',
  cancelled: 'gray',
};

export const FINDING_STATUS_COLORS: Record<FindingStatus, string> = {
  open: 'red',
  in_progress: 'blue',
  closed: 'green',
};

export const RISK_COLORS: Record<RiskTier, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

const SPECIAL: Record<string, string> = {
  in_qualification: 'In qualification',
  for_cause: 'For cause',
  follow_up: 'Follow-up',
  in_progress: 'In progress',
  esd: 'ESD',
  smt: 'SMT',
  pcb_fabrication: 'PCB fabrication',
};

/** "in_qualification" -> "In qualification"; free text stays as typed. */
export function label(value: string | null | undefined): string {
  if (!value) return '';
  const special = SPECIAL[value];
  if (special) return special;
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Select options from a list of enum values. */
export function options(values: readonly string[]): { value: string; label: string }[] {
  return values.map((v) => ({ value: v, label: label(v) }));
}

let regionNames: Intl.DisplayNames | null = null;

/** "DE" -> "Germany" in the user's language; the code itself when unknown. */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    regionNames ??= new Intl.DisplayNames(undefined, { type: 'region' });
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A byte count as people read it: "812 B", "14.2 KB", "3.1 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The code of a label this module gives ("PCB fabrication" -> "pcb_fabrication"), from `values`; free text stays as typed. */
export function fromLabel(text: string, values: readonly string[]): string {
  const t = text.trim();
  const lower = t.toLowerCase();
  return values.find((v) => v === t || label(v).toLowerCase() === lower) ?? t;
}

const RECORD_PATHS: Record<string, string> = {
  manufacturer: '/manufacturers/',
  site: '/sites/',
  inspection: '/inspections/',
  finding: '/findings/',
  certification: '/certifications/',
};

/** A record's page in the web app, e.g. ("finding", 12) -> "/findings/12". */
export function recordPath(type: string, id: number): string {
  return `${RECORD_PATHS[type] ?? '/'}${id}`;
}
