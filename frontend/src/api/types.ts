// Wire types for /api/v1: the names the web app uses for the schemas of
// docs/openapi.yaml. The shapes come from src/api/schema.gen.ts, which
// scripts/api-types.mjs generates from that document (the build fails when it
// is stale), so a field the API does not document cannot be read here.
import type { components } from './schema.gen';

type Schemas = components['schemas'];

/**
 * Compile-time check that a hand-written list of values is exactly a
 * documented enum: `exhaustive<Schemas['Role']>()(ROLES)` fails to type-check
 * when the list lacks a value or has one the document does not list.
 */
function exhaustive<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)) => list;
}

export const ROLES = exhaustive<Schemas['Role']>()(['admin', 'manager', 'procurement', 'auditor', 'supplier']);
export type Role = Schemas['Role'];
/** The buyer's own people: every role but the supplier, who uses the supplier portal. */
export const STAFF_ROLES = ['admin', 'manager', 'procurement', 'auditor'] as const satisfies readonly Role[];

/** RFC 3339 timestamp in UTC, e.g. "2026-11-26T21:06:00Z". */
export type Timestamp = Schemas['Timestamp'];
/** Calendar date, e.g. "2026-11-26"; never shifted by time zones. */
export type CalendarDate = Schemas['Date'];

/** The user as the login response returns it. */
export type SessionUser = Schemas['SessionUser'];
/** GET /auth/me, GET /users/:id. */
export type User = Schemas['User'];
/** POST /users answers the user and, when no password was sent, the generated one (shown once). */
export type CreatedUser = Schemas['CreatedUser'];
export type UserCreate = Schemas['UserCreate'];
export type UserUpdate = Schemas['UserUpdate'];
export type LoginRequest = Schemas['LoginRequest'];
/** GET /auth/methods: password sign-in for everyone or only the break-glass admin, and single sign-on. */
export type SignInMethods = Schemas['SignInMethods'];
/** POST /auth/oidc/start: where to send the browser to sign in at the identity provider. */
export type SSOStart = Schemas['SSOStart'];
/**
 * POST /auth/login and /auth/login/totp. With `totp_required` no session was
 * started (no token, no user): send `challenge` with a code. With
 * `totp_enrolment_required` the session may only enrol in two-factor sign-in.
 */
export type LoginResponse = Schemas['LoginResponse'];
/** GET /auth/me: the user, and whether this session may only enrol in two-factor sign-in. */
export type Me = Schemas['Me'];
/** GET/PUT /settings/security (admins): the roles that must use two-factor sign-in. */
export type SecuritySettings = Schemas['SecuritySettings'];
export type ChangePasswordRequest = Schemas['PasswordChange'];

/** Field name -> why it was refused. */
export type FieldErrors = Record<string, string>;
/** Every error response: {"error": {...}}. */
export type ErrorBody = Schemas['Error'];

/** Every list: GET /<resource>?page=&page_size=&sort=. */
export type ListResponse<T> = Omit<Schemas['ListEnvelope'], 'items'> & { items: T[] };

// ---------------------------------------------------------------- enums

export const QUALIFICATION_STATUSES = exhaustive<Schemas['QualificationStatus']>()([
  'prospective',
  'in_qualification',
  'qualified',
  'conditional',
  'suspended',
  'disqualified',
]);
export type QualificationStatus = Schemas['QualificationStatus'];

export const RISK_TIERS = exhaustive<Schemas['RiskTier']>()(['low', 'medium', 'high', 'critical']);
export type RiskTier = Schemas['RiskTier'];

export const INSPECTION_TYPES = exhaustive<Schemas['InspectionType']>()(['qualification', 'routine', 'for_cause', 'follow_up']);
export type InspectionType = Schemas['InspectionType'];

export const INSPECTION_STATUSES = exhaustive<Schemas['InspectionStatus']>()(['planned', 'completed', 'cancelled']);
export type InspectionStatus = Schemas['InspectionStatus'];

export const INSPECTION_RESULTS = exhaustive<Schemas['InspectionResult']>()(['pass', 'conditional', 'fail']);
export type InspectionResult = Schemas['InspectionResult'];

export const SEVERITIES = exhaustive<Schemas['Severity']>()(['critical', 'major', 'minor', 'observation']);
export type Severity = Schemas['Severity'];

export const FINDING_CATEGORIES = exhaustive<Schemas['FindingCategory']>()(['quality', 'security', 'traceability', 'esd', 'process', 'environmental', 'other', 'unnotified_change']);
export type FindingCategory = Schemas['FindingCategory'];

export const FINDING_STATUSES = exhaustive<Schemas['FindingStatus']>()(['open', 'in_progress', 'closed']);
export type FindingStatus = Schemas['FindingStatus'];

export const CERTIFICATION_STATUSES = exhaustive<Schemas['CertificationStatus']>()(['valid', 'expiring', 'expired', 'withdrawn']);
export type CertificationStatus = Schemas['CertificationStatus'];

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

/** The records files are attached to on the register's pages (a questionnaire's evidence comes through the supplier portal). */
export type AttachmentOwnerType = Exclude<Schemas['AttachmentOwner'], 'self_assessment'>;

// ---------------------------------------------------------------- records

/** GET /manufacturers(/:id). */
export type Manufacturer = Schemas['Manufacturer'];
export type ManufacturerInput = Schemas['ManufacturerCreate'];
export type SeverityCounts = Schemas['SeverityCounts'];
export type CertificationSummary = Schemas['CertificationSummary'];
/** GET /sites(/:id). */
export type Site = Schemas['Site'];
export type SiteInput = Schemas['SiteCreate'];
/** GET /sites/:id/qualification. */
export type QualificationDecision = Schemas['QualificationDecision'];
export type DecisionRequest = Schemas['DecisionRequest'];
export type DecisionResponse = Schemas['DecisionResult'];
/** What a signer declares by signing. */
export type SignatureMeaning = Schemas['SignatureMeaning'];
/** The electronic signature a signed change carries (password, two-factor code when enrolled, meaning). */
export type SignatureRequest = Schemas['SignatureRequest'];
/** A stored electronic signature. */
export type Signature = Schemas['Signature'];
/** GET /sites/:id/qualification/options. */
export type QualificationOptions = Schemas['QualificationOptions'];
/** One rule a site does not meet yet for a status, with the records that block it. */
export type UnmetRule = Schemas['UnmetRule'];
export type UnmetRuleBlocker = Schemas['UnmetRuleBlocker'];
export type FindingCounts = Schemas['FindingCounts'];
/** GET /inspections(/:id). */
export type Inspection = Schemas['Inspection'];
export type InspectionInput = Schemas['InspectionCreate'];
/** GET /findings(/:id). */
export type Finding = Schemas['Finding'];
export type FindingInput = Schemas['FindingCreate'];
/** GET /certifications(/:id). */
export type Certification = Schemas['Certification'];
export type CertificationInput = Schemas['CertificationCreate'];
/**
 * A certificate as the form sends it: the expiry the user has not entered yet
 * is null, which the server refuses with 422 naming `expires_on`.
 */
export type CertificationDraft = Omit<CertificationInput, 'expires_on'> & { expires_on: CalendarDate | null };
/** GET /{owner}/:id/attachments. */
export type Attachment = Schemas['Attachment'];
/** GET /sites/:id/all-attachments: a file of the site or of one of its records, with that record. */
export type SiteAttachment = Schemas['SiteAttachment'];
/** GET /audit-events. `changes` is {field: [old, new]}, {"deleted": record} or null. */
export type AuditEvent = Schemas['AuditEvent'];
/** An event's record, with its web app link; one changed field of an event as people read it. */
export type AuditRecord = Schemas['AuditRecord'];
export type AuditFieldChange = Schemas['AuditFieldChange'];
/** GET /audit-events/actors: the people in the trail. */
export type AuditActor = Schemas['AuditActor'];
export type AuditRecordType = Schemas['AuditRecordType'];
/** GET /audit-events/verify. */
export type AuditVerifyResult = Schemas['AuditVerifyResult'];
/** GET /audit-events/head: the chain head, signed with the server's checkpoint key. */
export type AuditHead = Schemas['AuditHead'];
/** GET /audit-events/heads/:sequence/verify. */
export type AuditHeadCheck = Schemas['AuditHeadCheck'];
/** GET /audit-events/checkpoint-key. */
export type CheckpointKey = Schemas['CheckpointKey'];
/** GET /dashboard. */
export type Dashboard = Schemas['Dashboard'];
/** One row problem in an import. `row` is the row number the spreadsheet shows (header = 1). */
export type ImportRowError = Schemas['ImportProblem'];
/** POST /imports/{sites,certifications}?dry_run=. */
export type ImportResult = Schemas['ImportResult'];
/** One record an import creates or updates, with each changed field's old and new value. */
export type ImportChange = Schemas['ImportChange'];

// ---- checklists ----

export type AnswerType = Schemas['AnswerType'];
/** GET /checklist-templates: the newest version of each template. */
export type ChecklistTemplateRow = Schemas['ChecklistTemplateRow'];
export type ChecklistItem = Schemas['ChecklistItem'];
export type ChecklistAnswer = Schemas['ChecklistAnswer'];
/** PUT /inspections/:id/checklists/:cid/answers/:item_id */
export type ChecklistAnswerWrite = Schemas['ChecklistAnswerWrite'];
export type ChecklistScore = Schemas['ChecklistScore'];
export type InspectionChecklist = Schemas['InspectionChecklist'];
export type ChecklistSectionWithAnswers = InspectionChecklist['sections'][number];
export type ChecklistItemWithAnswer = ChecklistSectionWithAnswers['items'][number];
/** GET /inspections/:id/checklists */
export type InspectionChecklists = Schemas['InspectionChecklists'];
/** The supplier's self-assessment answer shown beside an inspection checklist item (read-only). */
export type SupplierStatedAnswer = Schemas['SupplierStatedAnswer'];
/** An item where the inspector's answer contradicts the supplier's self-assessment. */
export type Contradiction = Schemas['Contradiction'];
/** An item of GET /inspections/:id/checklists that nobody has answered yet. */
export type UnansweredItem = Schemas['UnansweredItem'];
/** POST /inspections/:id/checklists/:cid/items/:item_id/finding: the prefilled finding as the inspector edited it. */
export type FindingFromItem = Schemas['FindingFromItem'];

// ---- notifications and the calendar feed ----

export const REMINDER_KINDS = exhaustive<Schemas['ReminderKind']>()([
  'certificate_expiry',
  'inspection_due',
  'finding_overdue',
  'conditional_ending',
  'supplier_answer',
  'answer_due',
]);
export type ReminderKind = Schemas['ReminderKind'];
export const NOTIFICATION_CHANNELS = exhaustive<Schemas['NotificationChannel']>()(['email', 'in_app', 'off']);
export type NotificationChannel = Schemas['NotificationChannel'];
export type Notification = Schemas['Notification'];
export type NotificationPreferences = Schemas['NotificationPreferences'];
export type CalendarTokenStatus = Schemas['CalendarTokenStatus'];
