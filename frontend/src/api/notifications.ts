import { apiRequest } from './client';
import { queryString, type ListParams } from './resources';
import type { CalendarTokenStatus, ListResponse, Notification, NotificationChannel, NotificationPreferences, ReminderKind } from './types';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const notificationsApi = {
  list: (params?: ListParams, signal?: AbortSignal) =>
    apiRequest<ListResponse<Notification>>('/notifications' + queryString(params), opts(signal)),
  unreadCount: (signal?: AbortSignal) => apiRequest<{ count: number }>('/notifications/unread-count', opts(signal)),
  markRead: (id: number) => apiRequest<Notification>(`/notifications/${id}/read`, { method: 'POST' }),
  markAllRead: () => apiRequest<{ marked: number }>('/notifications/read-all', { method: 'POST' }),
  preferences: (signal?: AbortSignal) => apiRequest<NotificationPreferences>('/me/notification-preferences', opts(signal)),
  setPreferences: (preferences: Partial<Record<ReminderKind, NotificationChannel>>) =>
    apiRequest<NotificationPreferences>('/me/notification-preferences', { method: 'PUT', body: { preferences } }),
};

export const calendarTokenApi = {
  status: (signal?: AbortSignal) => apiRequest<CalendarTokenStatus>('/me/calendar-token', opts(signal)),
  reset: () => apiRequest<{ url: string; created_at: string }>('/me/calendar-token', { method: 'POST' }),
  revoke: () => apiRequest<void>('/me/calendar-token', { method: 'DELETE' }),
};
