import { adminIndexRoute, adminRoute, auditRoute, backupsRoute, importRoute, orgRoute, settingsRoute, usersRoute } from './admin.tsx';
import { serviceDeskAdminRoute } from './admin-service-desk.tsx';
import { notificationsAdminRoute, slaAdminRoute } from './admin-sla.tsx';
import { appRoute, landingRoute, moduleRoutes, notFoundRoute, profileRoute } from './app.tsx';
import { billingRoutes } from './billing.tsx';
import { catalogRoutes } from './catalog.tsx';
import { articleRoute, editArticleRoute, helpRoute, knowledgeRoute, newArticleRoute, problemRoute, problemsRoute } from './desk.tsx';
import { forgotPasswordRoute, loginRoute, publicRoute, resetPasswordRoute } from './public.tsx';
import { rootRoute } from './root.tsx';
import { newTicketRoute, ticketRoute, workspaceRoute } from './tickets.tsx';

export const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([loginRoute, forgotPasswordRoute, resetPasswordRoute]),
  appRoute.addChildren([
    landingRoute,
    notFoundRoute,
    profileRoute,
    ...moduleRoutes,
    workspaceRoute,
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
    adminRoute.addChildren([
      adminIndexRoute,
      usersRoute,
      orgRoute,
      importRoute,
      settingsRoute,
      serviceDeskAdminRoute,
      slaAdminRoute,
      notificationsAdminRoute,
      auditRoute,
      backupsRoute,
    ]),
  ]),
]);
