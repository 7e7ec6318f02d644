import { apiRequest } from './client';
import type {
  Attachment,
  AttachmentOwnerType,
  AuditActor,
  AuditEvent,
  AuditVerifyResult,
  AuditHeadCheck,
  CheckpointKey,
  Certification,
  CertificationDraft,
  CreatedUser,
  Dashboard,
  DecisionRequest,
  DecisionResponse,
  Finding,
  FindingInput,
  ChecklistAnswer,
  ChecklistAnswerWrite,
  ChecklistTemplateRow,
  Inspection,
  InspectionChecklist,
  InspectionChecklists,
  FindingFromItem,
  InspectionInput,
  ListResponse,
  Manufacturer,
  ManufacturerInput,
  QualificationDecision,
  QualificationOptions,
  SiteAttachment,
  Site,
  SiteInput,
  User,
  UserCreate,
  UserUpdate,
} from './types';

/** List parameters and filters; empty values are left out of the query string. */
export type ListParams = Record<string, string | number | boolean | null | undefined>;

export function queryString(params: ListParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** A PATCH body: the fields that changed and the version that was read. */
export type Patch<T> = Partial<T> & { version: number };

function crud<T, In>(path: string) {
  return {
    list: (params?: ListParams, signal?: AbortSignal) =>
      apiRequest<ListResponse<T>>(path + queryString(params), signal ? { signal } : {}),
    get: (id: number, signal?: AbortSignal) => apiRequest<T>(`${path}/${id}`, signal ? { signal } : {}),
    create: (body: In) => apiRequest<T>(path, { method: 'POST', body }),
    update: (id: number, body: Patch<In> & Record<string, unknown>) =>
      apiRequest<T>(`${path}/${id}`, { method: 'PATCH', body }),
    remove: (id: number) => apiRequest<void>(`${path}/${id}`, { method: 'DELETE' }),
  };
}

export const manufacturersApi = crud<Manufacturer, ManufacturerInput>('/manufacturers');
export const sitesApi = {
  ...crud<Site, SiteInput>('/sites'),
  history: (id: number, signal?: AbortSignal) =>
    apiRequest<ListResponse<QualificationDecision>>(`/sites/${id}/qualification?page_size=200`, signal ? { signal } : {}),
  options: (id: number, signal?: AbortSignal) =>
    apiRequest<QualificationOptions>(`/sites/${id}/qualification/options`, signal ? { signal } : {}),
  decide: (id: number, body: DecisionRequest) =>
    apiRequest<DecisionResponse>(`/sites/${id}/qualification`, { method: 'POST', body }),
};
export const inspectionsApi = {
  ...crud<Inspection, InspectionInput>('/inspections'),
  addFinding: (inspectionId: number, body: FindingInput) =>
    apiRequest<Finding>(`/inspections/${inspectionId}/findings`, { method: 'POST', body }),
  checklists: (id: number, signal?: AbortSignal) =>
    apiRequest<InspectionChecklists>(`/inspections/${id}/checklists`, signal ? { signal } : {}),
  addChecklist: (id: number, templateId: number) =>
    apiRequest<InspectionChecklist>(`/inspections/${id}/checklists`, { method: 'POST', body: { template_id: templateId } }),
  answer: (id: number, checklistId: number, itemId: number, body: ChecklistAnswerWrite) =>
    apiRequest<ChecklistAnswer>(`/inspections/${id}/checklists/${checklistId}/answers/${itemId}`, { method: 'PUT', body }),
  raiseFinding: (id: number, checklistId: number, itemId: number, body: FindingFromItem = {}) =>
    apiRequest<Finding>(`/inspections/${id}/checklists/${checklistId}/items/${itemId}/finding`, { method: 'POST', body }),
};
export const checklistTemplatesApi = {
  list: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<ChecklistTemplateRow>>('/checklist-templates' + queryString(params), signal ? { signal } : {}),
};
export const findingsApi = {
  list: crud<Finding, FindingInput>('/findings').list,
  get: crud<Finding, FindingInput>('/findings').get,
  update: (id: number, body: Patch<FindingInput> & Record<string, unknown>) =>
    apiRequest<Finding>(`/findings/${id}`, { method: 'PATCH', body }),
};
export const certificationsApi = crud<Certification, CertificationDraft>('/certifications');

export const usersApi = {
  list: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<User>>('/users' + queryString(params), signal ? { signal } : {}),
  create: (body: UserCreate) => apiRequest<CreatedUser>('/users', { method: 'POST', body }),
  update: (id: number, body: UserUpdate) => apiRequest<User>(`/users/${id}`, { method: 'PATCH', body }),
  resetTotp: (id: number) => apiRequest<void>(`/users/${id}/totp/reset`, { method: 'POST' }),
};

const OWNER_PATH: Record<AttachmentOwnerType, string> = {
  site: 'sites',
  inspection: 'inspections',
  finding: 'findings',
  certification: 'certifications',
  bom_revision: 'bom-revisions',
  change_notification: 'change-notifications',
};

export function attachmentsPath(owner: AttachmentOwnerType, id: number): string {
  return `/${OWNER_PATH[owner]}/${id}/attachments`;
}

export const attachmentsApi = {
  list: (owner: AttachmentOwnerType, id: number, signal?: AbortSignal) =>
    apiRequest<ListResponse<Attachment>>(attachmentsPath(owner, id) + '?page_size=200', signal ? { signal } : {}),
  /** The files of a site and of its inspections, findings and certifications, grouped by record. */
  ofSite: (siteId: number, page: number, signal?: AbortSignal) =>
    apiRequest<ListResponse<SiteAttachment>>(`/sites/${siteId}/all-attachments?page_size=200&page=${page}`, signal ? { signal } : {}),
  remove: (id: number) => apiRequest<void>(`/attachments/${id}`, { method: 'DELETE' }),
  downloadUrl: (id: number) => `/api/v1/attachments/${id}`,
  inlineUrl: (id: number) => `/api/v1/attachments/${id}?inline=1`,
};

export const auditApi = {
  list: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<AuditEvent>>('/audit-events' + queryString(params), signal ? { signal } : {}),
  verify: () => apiRequest<AuditVerifyResult>('/audit-events/verify'),
  actors: (signal?: AbortSignal) => apiRequest<{ items: AuditActor[] }>('/audit-events/actors', signal ? { signal } : {}),
  /** A head kept earlier, as downloaded (parsed JSON): proves the chain still holds it. */
  verifyHead: (head: Record<string, unknown>) => {
    const q = new URLSearchParams();
    for (const k of ['hash', 'occurred_at', 'exported_at', 'key_id', 'signature']) {
      const v = head[k];
      if (typeof v === 'string') q.set(k, v);
    }
    const seq = typeof head.sequence === 'number' ? head.sequence : -1;
    return apiRequest<AuditHeadCheck>(`/audit-events/heads/${seq}/verify?${q.toString()}`);
  },
  checkpointKey: () => apiRequest<CheckpointKey>('/audit-events/checkpoint-key'),
};

export const dashboardApi = {
  get: (signal?: AbortSignal) => apiRequest<Dashboard>('/dashboard', signal ? { signal } : {}),
};
