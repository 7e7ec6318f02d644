// Wire types for /api/v1, hand-typed to match the Go handlers and store views
// (backend/internal/api, backend/internal/store): snake_case, timestamps RFC 3339
// UTC, calendar dates YYYY-MM-DD (null when unset). src/api/types.test.ts checks
// the field names against docs/openapi.yaml when that file exists.

export const ROLES = ['admin', 'manager', 'procurement', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** RFC 3339 timestamp in UTC, e.g. "2026-11-26T21:06:00Z". */
export type Timestamp = string;
/** Calendar date, e.g. "2026-11-26"; never shifted by time zones. */
export type CalendarDate = string;

/** The user as the login response returns it. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/** GET /auth/me, GET /users/:id. */
export interface User extends SessionUser {
  active: boolean;
  access_expires_at: Timestamp | null;
  last_login_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** An auditor limited to these manufacturers; null when not limited. */
  scope_manufacturer_ids?: number[] | null;
  totp_enabled?: boolean;
}

/** POST /users answers the user and, when no password was sent, the generated one (shown once). */
export interface CreatedUser extends User {
  generated_password?: string;
}

export interface UserCreate {
  email: string;
  name: string;
  role: Role;
  password?: string;
  access_expires_at?: Timestamp | null;
}

export interface UserUpdate {
  version: number;
  email?: string;
  name?: string;
  role?: Role;
  active?: boolean;
  access_expires_at?: Timestamp | null;
  password?: string;
  scope_manufacturer_ids?: number[] | null;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/**
 * POST /auth/login and /auth/login/totp. With `totp_required` no session was
 * started (no token, no user): send `challenge` with a code. With
 * `totp_enrolment_required` the session may only enrol in two-factor sign-in.
 */
export interface LoginResponse {
  token?: string;
  expires_at: Timestamp;
  user?: SessionUser;
  totp_required?: boolean;
  challenge?: string;
  totp_enrolment_required?: boolean;
}

/** GET /auth/me: the user, and whether this session may only enrol in two-factor sign-in. */
export interface Me extends User {
  totp_enrolment_required: boolean;
}

/** GET/PUT /settings/security (admins): the roles that must use two-factor sign-in. */
export interface SecuritySettings {
  require_totp_for: Role[];
}

export interface ChangePasswordRequest {
  current_password: string;
  new_password: string;
}

/** Field name -> why it was refused. */
export type FieldErrors = Record<string, string>;

/** Every error response: {"error": {...}}. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: FieldErrors;
  };
}

/** Every list: GET /<resource>?page=&page_size=&sort=. */
export interface ListResponse<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

// ---------------------------------------------------------------- enums

export const QUALIFICATION_STATUSES = [
  'prospective',
  'in_qualification',
  'qualified',
  'conditional',
  'suspended',
  'disqualified',
] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];

export const RISK_TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const INSPECTION_TYPES = ['qualification', 'routine', 'for_cause', 'follow_up'] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];

export const INSPECTION_STATUSES = ['planned', 'completed', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

export const INSPECTION_RESULTS = ['pass', 'conditional', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const SEVERITIES = ['critical', 'major', 'minor', 'observation'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_CATEGORIES = ['quality', 'security', 'traceability', 'esd', 'process', 'environmental', 'other'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export const FINDING_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const CERTIFICATION_STATUSES = ['valid', 'expiring', 'expired', 'withdrawn'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

export const SITE_PROCESSES = [
  'smt',
  'pcb_fabrication',
  'final_assembly',
  'firmware_programming',
  'testing',
  'cable_assembly',
  'box_build',
  'repair',
  'packaging',
] as const;

export const COMMON_STANDARDS = [
  'ISO 9001:2015',
  'IATF 16949:2016',
  'ISO 13485:2016',
  'AS9100D',
  'ISO/IEC 27001:2022',
  'ANSI/ESD S20.20',
  'SAE AS6081',
  'ISO 14001:2015',
] as const;

export type AttachmentOwnerType = 'site' | 'inspection' | 'finding' | 'certification';

// ---------------------------------------------------------------- records

/** GET /manufacturers(/:id): store.ManufacturerView. */
export interface Manufacturer {
  id: number;
  name: string;
  legal_name: string;
  country: string;
  website: string;
  notes: string;
  archived_at: Timestamp | null;
  archived: boolean;
  site_count: number;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ManufacturerInput {
  name: string;
  legal_name: string;
  country: string;
  website: string;
  notes: string;
}

export interface SeverityCounts {
  critical: number;
  major: number;
  minor: number;
  observation: number;
}

export interface CertificationSummary {
  valid: number;
  expiring: number;
  expired: number;
  withdrawn: number;
  next_expiry: CalendarDate | null;
}

/** GET /sites(/:id): store.SiteView. */
export interface Site {
  id: number;
  manufacturer_id: number;
  manufacturer_name: string;
  code: string;
  name: string;
  address: string;
  city: string;
  country: string;
  processes: string[];
  approved_scope: string;
  risk_tier: RiskTier;
  qualification_status: QualificationStatus;
  status_since: Timestamp;
  conditional_until: CalendarDate | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  notes: string;
  last_inspection_date: CalendarDate | null;
  last_inspection_result: InspectionResult | '';
  next_inspection_due: CalendarDate | null;
  next_planned_date: CalendarDate | null;
  archived_at: Timestamp | null;
  archived: boolean;
  overdue: boolean;
  open_findings: SeverityCounts;
  certification_summary: CertificationSummary;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SiteInput {
  manufacturer_id: number;
  code: string;
  name: string;
  address: string;
  city: string;
  country: string;
  processes: string[];
  approved_scope: string;
  risk_tier: RiskTier;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  notes: string;
}

/** GET /sites/:id/qualification: store.DecisionView. */
export interface QualificationDecision {
  id: number;
  site_id: number;
  from: QualificationStatus;
  to: QualificationStatus;
  reason: string;
  conditional_until: CalendarDate | null;
  decided_by_id: number;
  decided_at: Timestamp;
  decided_by: { id: number; name: string; email: string };
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DecisionRequest {
  status: QualificationStatus;
  reason: string;
  conditional_until?: CalendarDate | null;
}

export interface DecisionResponse {
  decision: QualificationDecision;
  site: Site;
}

/** GET /sites/:id/qualification/options. */
export interface QualificationOptions {
  current: QualificationStatus;
  allowed: { status: QualificationStatus; unmet: string[]; needs_conditional_until: boolean }[];
}

export interface FindingCounts extends SeverityCounts {
  open: number;
}

/** GET /inspections(/:id): store.InspectionRow. */
export interface Inspection {
  id: number;
  site_id: number;
  site_code: string;
  site_name: string;
  type: InspectionType;
  status: InspectionStatus;
  scheduled_date: CalendarDate | null;
  performed_date: CalendarDate | null;
  lead_inspector_id: number | null;
  lead_inspector_name: string;
  team: string;
  scope: string;
  result: InspectionResult | '';
  score: number | null;
  summary: string;
  finding_counts: FindingCounts;
  result_override_reason: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InspectionInput {
  site_id: number;
  type: InspectionType;
  status: InspectionStatus;
  scheduled_date?: CalendarDate | null;
  performed_date?: CalendarDate | null;
  lead_inspector_id?: number | null;
  team?: string;
  scope?: string;
  result?: InspectionResult | '';
  score?: number | null;
  summary?: string;
}

/** GET /findings(/:id): store.FindingRow. */
export interface Finding {
  id: number;
  inspection_id: number;
  site_id: number;
  site_code: string;
  site_name: string;
  severity: Severity;
  category: FindingCategory;
  requirement: string;
  description: string;
  corrective_action: string;
  owner: string;
  due_date: CalendarDate | null;
  status: FindingStatus;
  verification_note: string;
  verified_by_id: number | null;
  verified_by_name: string;
  verified_at: Timestamp | null;
  overdue: boolean;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FindingInput {
  severity: Severity;
  category: FindingCategory;
  requirement: string;
  description: string;
  corrective_action: string;
  owner: string;
  due_date?: CalendarDate | null;
}

/** GET /certifications(/:id): store.CertificationRow. */
export interface Certification {
  id: number;
  site_id: number;
  site_code: string;
  site_name: string;
  standard: string;
  certificate_number: string;
  issuing_body: string;
  scope: string;
  issued_on: CalendarDate | null;
  expires_on: CalendarDate | null;
  withdrawn: boolean;
  withdrawn_reason: string;
  status: CertificationStatus;
  days_to_expiry: number;
  verified: boolean;
  verified_by_id: number | null;
  verified_by_name: string;
  verified_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CertificationInput {
  site_id: number;
  standard: string;
  certificate_number: string;
  issuing_body: string;
  scope: string;
  issued_on: CalendarDate | null;
  expires_on: CalendarDate | null;
  withdrawn?: boolean;
  withdrawn_reason?: string;
  verified?: boolean;
}

/** GET /{owner}/:id/attachments: store.AttachmentRow. */
export interface Attachment {
  id: number;
  owner_type: AttachmentOwnerType;
  owner_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by_id: number;
  uploaded_by_name: string;
  uploaded_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** GET /audit-events. `changes` is {field: [old, new]}, {"deleted": record} or null. */
export interface AuditEvent {
  id: number;
  sequence: number;
  occurred_at: Timestamp;
  actor_id: number | null;
  actor_email: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: number | null;
  changes: Record<string, unknown> | null;
  client_ip: string;
  prev_hash: string;
  hash: string;
  created_at: Timestamp;
}

/** GET /audit-events/verify. */
export interface AuditVerifyResult {
  valid: boolean;
  events: number;
  first_invalid_sequence?: number;
  reason?: string;
  head_hash: string;
}

/** GET /dashboard: store.Dashboard. */
export interface Dashboard {
  today: CalendarDate;
  expiring_within_days: number;
  sites_by_status: Record<QualificationStatus, number>;
  inspections_due_30_days: number;
  inspections_overdue: number;
  planned_inspections_next_30_days: number;
  certifications_expiring: number;
  certifications_expired: number;
  open_findings_by_severity: Record<Severity, number>;
  overdue_findings: number;
  inspections_per_month: { month: string; pass: number; conditional: number; fail: number }[];
  attention: {
    overdue_sites: { id: number; code: string; name: string; next_inspection_due: CalendarDate; days_overdue: number }[];
    expiring_certifications: {
      id: number;
      site_id: number;
      site_code: string;
      standard: string;
      expires_on: CalendarDate;
      days_left: number;
    }[];
    overdue_findings: {
      id: number;
      site_id: number;
      site_code: string;
      severity: Severity;
      description: string;
      due_date: CalendarDate;
      days_overdue: number;
    }[];
  };
}

/** One row problem in an import. `row` is the row number the spreadsheet shows (header = 1). */
export interface ImportRowError {
  sheet: string;
  row: number;
  column: string;
  /** The cell reference, such as C7, when known. */
  cell?: string;
  message: string;
}

/** POST /imports/{sites,certifications}?dry_run=. */
export interface ImportResult {
  dry_run: boolean;
  created: number;
  updated: number;
  manufacturers_created?: number;
  /** Rows that matched a record without changing it. */
  unchanged?: number;
  /** The sheet that was read. */
  sheet?: string;
  /** Headers that match no field. */
  ignored_columns?: string[];
  errors: ImportRowError[];
}

// ---- checklists ----

export type AnswerType = 'yes_no' | 'rating_1_5' | 'text';

/** GET /checklist-templates: the newest version of each template. */
export interface ChecklistTemplateRow {
  id: number;
  key: string;
  name: string;
  version: number;
  description: string;
  builtin: boolean;
  archived_at: Timestamp | null;
  section_count: number;
  item_count: number;
  critical_count: number;
  latest_id: number;
  latest_version: number;
}

export interface ChecklistItem {
  id: number;
  section_id: number;
  number: string;
  question: string;
  guidance: string;
  requirement: string;
  weight: number;
  answer_type: AnswerType;
  na_allowed: boolean;
  critical: boolean;
  category: FindingCategory;
}

export interface ChecklistAnswer {
  id: number;
  item_id: number;
  answer: 'yes' | 'no' | '';
  rating: number | null;
  text: string;
  not_applicable: boolean;
  note: string;
  finding_id: number | null;
  answered_by_name: string;
  answered_at: Timestamp;
  failed: boolean;
  version: number;
}

/** PUT /inspections/:id/checklists/:cid/answers/:item_id */
export interface ChecklistAnswerWrite {
  version: number;
  answer?: 'yes' | 'no';
  rating?: number | null;
  text?: string;
  not_applicable?: boolean;
  note?: string;
}

export interface ChecklistScore {
  score: number | null;
  answered: number;
  total: number;
  failed_critical: number;
}

export type ChecklistItemWithAnswer = ChecklistItem & { answer: ChecklistAnswer | null };
export type ChecklistSectionWithAnswers = { id: number; number: number; title: string; items: ChecklistItemWithAnswer[] };

export interface InspectionChecklist extends ChecklistScore {
  id: number;
  inspection_id: number;
  template: { id: number; key: string; name: string; version: number; latest_version: number };
  added_by_name: string;
  created_at: Timestamp;
  sections: ChecklistSectionWithAnswers[];
}

/** GET /inspections/:id/checklists */
export interface InspectionChecklists extends ChecklistScore {
  inspection_id: number;
  inspection_status: InspectionStatus;
  recorded_result: InspectionResult | '';
  result_override_reason: string;
  suggested_result: InspectionResult | '';
  reasons: string[];
  open_findings: { critical: number; major: number };
  checklists: InspectionChecklist[];
}

// ---- notifications and the calendar feed ----

export const REMINDER_KINDS = ['certificate_expiry', 'inspection_due', 'finding_overdue', 'conditional_ending'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const NOTIFICATION_CHANNELS = ['email', 'in_app', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export interface Notification {
  id: number;
  kind: ReminderKind;
  entity_type: 'certification' | 'site' | 'finding';
  entity_id: number;
  title: string;
  body: string;
  link: string;
  due_date: CalendarDate | null;
  read_at: Timestamp | null;
  created_at: Timestamp;
}

export interface NotificationPreferences {
  preferences: Record<ReminderKind, NotificationChannel>;
  defaults: Record<ReminderKind, NotificationChannel>;
  email_available: boolean;
}

export interface CalendarTokenStatus {
  exists: boolean;
  created_at: Timestamp | null;
  last_used_at: Timestamp | null;
}
