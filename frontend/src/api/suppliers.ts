import { apiRequest } from './client';
import { queryString, type ListParams } from './resources';
import type { components } from './schema.gen';
import type { Attachment, Finding, ListResponse, Severity, SignatureRequest } from './types';

type Schemas = components['schemas'];

export type CAStage = Schemas['CAStage'];
export type CAStageStatus = Schemas['CAStageStatus'];
export type RootCauseMethod = Schemas['RootCauseMethod'];
export type VerificationMethod = Schemas['VerificationMethod'];
export type CorrectiveAction = Schemas['CorrectiveAction'];
export type CorrectiveActionRow = Schemas['CorrectiveActionRow'];
export type CorrectiveActionStage = Schemas['CorrectiveActionStage'];
export type CorrectiveActionReceipt = Schemas['CorrectiveActionReceipt'];
export type SupplierCorrectiveAction = Schemas['SupplierCorrectiveAction'];
export type SupplierCorrectiveActionRow = Schemas['SupplierCorrectiveActionRow'];
export type SupplierHome = Schemas['SupplierHome'];
export type SupplierCertification = Schemas['SupplierCertification'];
export type ChangeNotification = Schemas['ChangeNotification'];
export type ReceiptCheck = Schemas['ReceiptCheck'];

/** The stages the supplier answers, in order. */
export const SUPPLIER_STAGES: CAStage[] = ['d3', 'd4', 'd5', 'd7'];
export const ROOT_CAUSE_METHODS: RootCauseMethod[] = ['five_why', 'fishbone', 'free'];
export const VERIFICATION_METHODS: VerificationMethod[] = ['on_site_check', 'document_review', 'data_review', 'next_inspection'];

/** The supplier portal: only the signed-in supplier's own company. */
export const supplierApi = {
  home: (signal?: AbortSignal) => apiRequest<SupplierHome>('/supplier/manufacturer', signal ? { signal } : {}),
  requests: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<SupplierCorrectiveActionRow>>('/supplier/corrective-actions' + queryString(params), signal ? { signal } : {}),
  request: (id: number, signal?: AbortSignal) => apiRequest<SupplierCorrectiveAction>(`/supplier/corrective-actions/${id}`, signal ? { signal } : {}),
  submit: (id: number, stage: CAStage, body: { text: string; detail?: string; method?: RootCauseMethod }) =>
    apiRequest<CorrectiveActionReceipt>(`/supplier/corrective-actions/${id}/stages/${stage}/submit`, { method: 'POST', body }),
  fileUploadPath: (id: number, stage: CAStage) => `/supplier/corrective-actions/${id}/stages/${stage}/files`,
  fileURL: (fileId: number) => `/api/v1/supplier/corrective-action-files/${fileId}`,
  certifications: (signal?: AbortSignal) =>
    apiRequest<{ items: SupplierCertification[] }>('/supplier/certifications', signal ? { signal } : {}),
  changes: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<ChangeNotification>>('/supplier/change-notifications' + queryString(params), signal ? { signal } : {}),
  notifyChange: (body: SupplierChangeDraft) => apiRequest<ChangeNotification>('/supplier/change-notifications', { method: 'POST', body }),
  change: (id: number, signal?: AbortSignal) => apiRequest<ChangeNotification>(`/supplier/change-notifications/${id}`, signal ? { signal } : {}),
  /** The files of one of the supplier's changes, whoever attached them. */
  changeFiles: (id: number, signal?: AbortSignal) =>
    apiRequest<ListResponse<Attachment>>(`/supplier/change-notifications/${id}/files?page_size=200`, signal ? { signal } : {}),
  changeFileUploadPath: (id: number) => `/supplier/change-notifications/${id}/files`,
  changeFileURL: (fileId: number) => `/api/v1/supplier/change-notification-files/${fileId}`,
  verifyReceipt: (sequence: number, hash: string) =>
    apiRequest<ReceiptCheck>(`/supplier/receipts/${sequence}/verify?hash=${encodeURIComponent(hash)}`),
};

/** The buyer's side of corrective-action requests. */
export const correctiveActionsApi = {
  list: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<CorrectiveActionRow>>('/corrective-actions' + queryString(params), signal ? { signal } : {}),
  ofFinding: (findingId: number, signal?: AbortSignal) =>
    apiRequest<CorrectiveAction>(`/findings/${findingId}/corrective-action`, signal ? { signal } : {}),
  issue: (findingId: number, body: { request: string; internal_note: string }) =>
    apiRequest<CorrectiveAction>(`/findings/${findingId}/corrective-action`, { method: 'POST', body }),
  review: (id: number, stage: CAStage, body: { decision: 'accept' | 'return'; reason?: string; signature?: SignatureRequest }) =>
    apiRequest<CorrectiveAction>(`/corrective-actions/${id}/stages/${stage}/review`, { method: 'POST', body }),
  verify: (id: number, body: { method: VerificationMethod; note: string; reference?: string; signature: SignatureRequest }) =>
    apiRequest<CorrectiveAction>(`/corrective-actions/${id}/verify`, { method: 'POST', body }),
  fileURL: (fileId: number) => `/api/v1/corrective-action-files/${fileId}`,
};

export type SupplierInvitation = Schemas['SupplierInvitation'];

/** Supplier accounts, for admins and managers. */
export const supplierAccountsApi = {
  list: (manufacturerId: number, signal?: AbortSignal) =>
    apiRequest<ListResponse<Schemas['User']>>(`/supplier-users?manufacturer_id=${manufacturerId}&page_size=200`, signal ? { signal } : {}),
  invite: (body: Schemas['SupplierInvite']) =>
    apiRequest<SupplierInvitation>('/supplier-invitations', { method: 'POST', body }),
  reinvite: (userId: number) => apiRequest<SupplierInvitation>(`/supplier-users/${userId}/invitation`, { method: 'POST' }),
};

/** Change notifications, the buyer's side. */
export const changeNotificationsApi = {
  list: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<ChangeNotification>>('/change-notifications' + queryString(params), signal ? { signal } : {}),
  ofSite: (siteId: number, signal?: AbortSignal) =>
    apiRequest<{ items: ChangeNotification[]; uninspected_change: boolean }>(`/sites/${siteId}/change-notifications`, signal ? { signal } : {}),
  sinceLastVisit: (inspectionId: number, signal?: AbortSignal) =>
    apiRequest<{ since: string | null; items: ChangeNotification[] }>(`/inspections/${inspectionId}/changes`, signal ? { signal } : {}),
  get: (id: number, signal?: AbortSignal) => apiRequest<ChangeNotification>(`/change-notifications/${id}`, signal ? { signal } : {}),
  /** Procurement records a change on the manufacturer's behalf. */
  create: (body: SupplierChangeDraft & { manufacturer_id: number }) => apiRequest<ChangeNotification>('/change-notifications', { method: 'POST', body }),
  decide: (id: number, body: ChangeDecisionDraft) => apiRequest<ChangeNotification>(`/change-notifications/${id}/decision`, { method: 'POST', body }),
  /** A change found on site that was never notified: a finding and a retroactive notification. */
  recordUnnotified: (inspectionId: number, body: { kind: ChangeKind; title: string; description: string; severity: Severity }) =>
    apiRequest<{ change_notification: ChangeNotification; finding: Finding }>(`/inspections/${inspectionId}/unnotified-change`, { method: 'POST', body }),
};

export type ChangeKind = Schemas['ChangeKind'];
export type ChangeStatus = Schemas['ChangeStatus'];
export const CHANGE_KINDS: ChangeKind[] = ['process', 'equipment', 'location', 'sub_tier_source', 'material', 'firmware_toolchain', 'key_personnel'];
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  process: 'Process',
  equipment: 'Equipment',
  location: 'Production location',
  sub_tier_source: 'Sub-tier source',
  material: 'Material',
  firmware_toolchain: 'Firmware toolchain',
  key_personnel: 'Key personnel',
};

/** What the supplier (or procurement for it) sends to record a change. */
export interface SupplierChangeDraft {
  kind: ChangeKind | '';
  title: string;
  description: string;
  planned_date: string | null;
  site_ids: number[];
}

/** A manager's signed decision on a change. */
export interface ChangeDecisionDraft {
  status: Exclude<ChangeStatus, 'pending'>;
  conditions: string;
  reason: string;
  requires_inspection: boolean;
  inspection_date: string | null;
  signature: SignatureRequest;
}

/** Sets the password; language is the one the page is read in, which the supplier's e-mails then speak. */
export function acceptInvitation(token: string, password: string, language: string): Promise<{ email: string }> {
  return apiRequest<{ email: string }>('/auth/invitation', { method: 'POST', body: { token, password, language } });
}

export type AssessmentStatus = Schemas['AssessmentStatus'];
export type SelfAssessment = Schemas['SelfAssessment'];
export type SelfAssessmentRow = Schemas['SelfAssessmentRow'];
export type SelfAssessmentItem = Schemas['SelfAssessmentItem'];
export type SelfAssessmentAnswer = Schemas['SelfAssessmentAnswer'];

/** One answer as the supplier saves it. */
export interface AssessmentAnswerInput {
  item_id: number;
  answer?: '' | 'yes' | 'no';
  rating?: number | null;
  text?: string;
  not_applicable?: boolean;
  note?: string;
  attachment_ids?: number[];
}

/** Self-assessment questionnaires in the supplier portal. */
export const supplierAssessmentsApi = {
  list: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<SelfAssessmentRow>>('/supplier/self-assessments' + queryString(params), signal ? { signal } : {}),
  get: (id: number, signal?: AbortSignal) => apiRequest<SelfAssessment>(`/supplier/self-assessments/${id}`, signal ? { signal } : {}),
  save: (id: number, body: { version: number; answers: AssessmentAnswerInput[] }) =>
    apiRequest<SelfAssessment>(`/supplier/self-assessments/${id}/answers`, { method: 'PUT', body }),
  submit: (id: number, version: number) => apiRequest<SelfAssessment>(`/supplier/self-assessments/${id}/submit`, { method: 'POST', body: { version } }),
  fileUploadPath: (id: number) => `/supplier/self-assessments/${id}/files`,
  fileURL: (fileId: number) => `/api/v1/supplier/self-assessment-files/${fileId}`,
};

/** The buyer's side of self-assessment questionnaires. */
export const selfAssessmentsApi = {
  list: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<SelfAssessmentRow>>('/self-assessments' + queryString(params), signal ? { signal } : {}),
  get: (id: number, signal?: AbortSignal) => apiRequest<SelfAssessment>(`/self-assessments/${id}`, signal ? { signal } : {}),
  send: (body: { site_id: number; template_id: number; due_date: string; message?: string }) =>
    apiRequest<SelfAssessment>('/self-assessments', { method: 'POST', body }),
  review: (id: number, body: { version: number; decision: 'accept' | 'return'; comment?: string; items?: { item_id: number; comment: string }[] }) =>
    apiRequest<SelfAssessment>(`/self-assessments/${id}/review`, { method: 'POST', body }),
  fileURL: (fileId: number) => `/api/v1/attachments/${fileId}`,
};
