import { apiRequest } from './client';
import { queryString, type ListParams } from './resources';
import type { components } from './schema.gen';
import type { ListResponse } from './types';

type Schemas = components['schemas'];

/** A service token as administrators list it (never its secret). */
export type ServiceToken = Schemas['ServiceToken'];
/** POST /admin/service-tokens: the token and, this once, its secret. */
export type CreatedServiceToken = Schemas['CreatedServiceToken'];
export type ServiceTokenCreate = Schemas['ServiceTokenCreate'];
export type Webhook = Schemas['Webhook'];
/** POST /admin/webhooks: the subscription and, this once, its signing secret. */
export type CreatedWebhook = Schemas['CreatedWebhook'];
export type WebhookCreate = Schemas['WebhookCreate'];
export type WebhookUpdate = Schemas['WebhookUpdate'];
export type WebhookEventType = Schemas['WebhookEventType'];
export type WebhookDelivery = Schemas['WebhookDelivery'];

/** The event types in the order the form offers them, with what each means. */
export const WEBHOOK_EVENTS: { type: WebhookEventType; label: string }[] = [
  { type: 'site.status_changed', label: 'Site qualification status changed' },
  { type: 'inspection.completed', label: 'Inspection completed' },
  { type: 'finding.opened', label: 'Finding opened' },
  { type: 'finding.closed', label: 'Finding closed' },
  { type: 'finding.overdue', label: 'Finding overdue' },
  { type: 'certificate.expiring', label: 'Certificate expiring' },
  { type: 'certificate.expired', label: 'Certificate expired' },
  { type: 'corrective_action.stage_submitted', label: 'Corrective-action stage submitted' },
  { type: 'change_notification.decided', label: 'Change notification decided' },
];

export const serviceTokensQueryKey = ['service-tokens'] as const;
export const webhooksQueryKey = ['webhooks'] as const;

/** Service tokens (admins). */
export const serviceTokensApi = {
  list: (signal?: AbortSignal) => apiRequest<{ items: ServiceToken[] }>('/admin/service-tokens', signal ? { signal } : {}),
  create: (body: ServiceTokenCreate) => apiRequest<CreatedServiceToken>('/admin/service-tokens', { method: 'POST', body }),
  revoke: (id: number) => apiRequest<ServiceToken>(`/admin/service-tokens/${id}/revoke`, { method: 'POST' }),
};

/** Webhook subscriptions and their delivery logs (admins). */
export const webhooksApi = {
  list: (signal?: AbortSignal) =>
    apiRequest<{ items: Webhook[]; event_types: WebhookEventType[] }>('/admin/webhooks', signal ? { signal } : {}),
  create: (body: WebhookCreate) => apiRequest<CreatedWebhook>('/admin/webhooks', { method: 'POST', body }),
  update: (id: number, body: WebhookUpdate) => apiRequest<Webhook>(`/admin/webhooks/${id}`, { method: 'PATCH', body }),
  remove: (id: number) => apiRequest<void>(`/admin/webhooks/${id}`, { method: 'DELETE' }),
  pause: (id: number) => apiRequest<Webhook>(`/admin/webhooks/${id}/pause`, { method: 'POST' }),
  resume: (id: number) => apiRequest<Webhook>(`/admin/webhooks/${id}/resume`, { method: 'POST' }),
  test: (id: number) => apiRequest<void>(`/admin/webhooks/${id}/test`, { method: 'POST' }),
  deliveries: (id: number, params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<WebhookDelivery>>(`/admin/webhooks/${id}/deliveries` + queryString(params), signal ? { signal } : {}),
};
