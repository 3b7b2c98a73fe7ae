// The notifications module's public face: in-app, email and SMS notices, their templates and delivery.
export { type AttachmentRenderer, deliveryJob } from './notifications.delivery.ts';
export { messages } from './notifications.messages.ts';
export { RealtimeHub } from './notifications.realtime.ts';
export { notificationRoutes } from './notifications.routes.ts';
export {
  NOTIFY_TICKET_EVENT,
  type Notice,
  type NoticeSubject,
  notify,
  notifyContact,
  registerNotifications,
} from './notifications.service.ts';
export type { NotificationEvent } from './notifications.templates.ts';
