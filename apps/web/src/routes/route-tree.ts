import {
  adminIndexRoute,
  adminRoute,
  auditRoute,
  backupsRoute,
  importRoute,
  integrationsRoute,
  orgRoute,
  settingsRoute,
  usersRoute,
} from './admin.tsx';
import { serviceDeskAdminRoute } from './admin-service-desk.tsx';
import { notificationsAdminRoute, slaAdminRoute } from './admin-sla.tsx';
import { appRoute, landingRoute, notFoundRoute, profileRoute } from './app.tsx';
import { attendanceRoute } from './attendance.tsx';
import { billingRoutes } from './billing.tsx';
import { catalogRoutes } from './catalog.tsx';
import { changeRoutes } from './changes.tsx';
import { channelsAdminRoute, contactsRoute, quarantineRoute } from './channels.tsx';
import { articleRoute, editArticleRoute, helpRoute, knowledgeRoute, newArticleRoute, problemRoute, problemsRoute } from './desk.tsx';
import { forgotPasswordRoute, loginRoute, publicRoute, resetPasswordRoute } from './public.tsx';
import { publicPageRoutes } from './public-pages.tsx';
import { reportRoutes } from './reports.tsx';
import { rootRoute } from './root.tsx';
import { newTicketRoute, ticketRoute, workspaceRoute } from './tickets.tsx';

export const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([loginRoute, forgotPasswordRoute, resetPasswordRoute]),
  publicPageRoutes,
  appRoute.addChildren([
    landingRoute,
    notFoundRoute,
    profileRoute,
    attendanceRoute,
    reportRoutes,
    workspaceRoute,
    quarantineRoute,
    contactsRoute,
    newTicketRoute,
    ticketRoute,
    catalogRoutes,
    billingRoutes,
    knowledgeRoute,
    newArticleRoute,
    articleRoute,
    editArticleRoute,
    problemsRoute,
    problemRoute,
    helpRoute,
    changeRoutes,
    adminRoute.addChildren([
      adminIndexRoute,
      usersRoute,
      orgRoute,
      importRoute,
      settingsRoute,
      serviceDeskAdminRoute,
      slaAdminRoute,
      notificationsAdminRoute,
      channelsAdminRoute,
      auditRoute,
      backupsRoute,
      integrationsRoute,
    ]),
  ]),
]);
