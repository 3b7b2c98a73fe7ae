import { asc, ilike, or } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { masterDataRoutes } from '../../platform/http/master-data.ts';
import {
  businessService,
  category,
  categoryFields,
  priorityMatrix,
  priorityMatrixBody,
  serviceDeskSettings,
  serviceDeskSettingsBody,
  serviceFields,
  statusLabelBody,
  statusLabels,
} from './reference.schemas.ts';
import {
  assertNoActiveChildren,
  categoryTreeOrder,
  getPriorityMatrix,
  getServiceDeskSettings,
  listStatusLabels,
  placeCategory,
  presentCategories,
  replacePriorityMatrix,
  saveServiceDeskSettings,
  saveStatusLabels,
} from './reference.service.ts';
import { businessServices, ticketCategories } from './tickets.tables.ts';

const tags = ['service desk settings'];

/** Categories, business services, the priority matrix, status labels and service-desk settings. */
export function referenceRoutes(app: App, ctx: AppContext) {
  // Categories and services share the master-data conventions: paged list with
  // ?q= and ?active=, POST, versioned PATCH that also (de)activates, 409 on a taken code.
  masterDataRoutes(app, ctx, {
    path: '/ticket-categories',
    name: 'category',
    module: 'tickets',
    permission: 'settings:manage',
    organisationWide: true,
    tags,
    table: ticketCategories,
    fields: categoryFields,
    out: category,
    search: (q) =>
      or(ilike(ticketCategories.nameId, `%${q}%`), ilike(ticketCategories.nameEn, `%${q}%`), ilike(ticketCategories.code, `%${q}%`)),
    order: [categoryTreeOrder],
    prepare: placeCategory,
    canDeactivate: assertNoActiveChildren,
    present: presentCategories,
  });

  masterDataRoutes(app, ctx, {
    path: '/business-services',
    name: 'service',
    module: 'tickets',
    permission: 'settings:manage',
    organisationWide: true,
    tags,
    table: businessServices,
    fields: serviceFields,
    out: businessService,
    search: (q) => or(ilike(businessServices.name, `%${q}%`), ilike(businessServices.code, `%${q}%`)),
    order: [asc(businessServices.name), asc(businessServices.id)],
  });

  app.get('/priority-matrix', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Urgency × impact → priority (every signed-in user: forms preview the priority)',
      response: { 200: priorityMatrix },
    },
    handler: async () => getPriorityMatrix(ctx.db),
  });
  app.put('/priority-matrix', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Replace the matrix: all nine cells at once (Administrators; send the `version` read)',
      body: priorityMatrixBody,
      response: { 200: priorityMatrix },
    },
    handler: async (req) => replacePriorityMatrix(ctx, actorOf(req), req.body, auditSourceOf(req)),
  });

  app.get('/ticket-status-labels', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Status display names per language, e.g. Baru / Diproses / Selesai (every signed-in user)',
      response: { 200: statusLabels },
    },
    handler: async () => listStatusLabels(ctx.db),
  });
  app.put('/ticket-status-labels', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Rename statuses per language; an empty label restores the default (Administrators)',
      body: statusLabelBody,
      response: { 200: statusLabels },
    },
    handler: async (req) => saveStatusLabels(ctx, actorOf(req), req.body, auditSourceOf(req)),
  });

  app.get('/service-desk-settings', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Numbering pattern, head of IT and director, attachment policy, automation (Administrators)',
      response: { 200: serviceDeskSettings },
    },
    handler: async (req) => getServiceDeskSettings(ctx.db, actorOf(req)),
  });
  app.put('/service-desk-settings', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Change the service-desk settings (Administrators)',
      body: serviceDeskSettingsBody,
      response: { 200: serviceDeskSettings },
    },
    handler: async (req) => saveServiceDeskSettings(ctx, actorOf(req), req.body, auditSourceOf(req)),
  });
}
