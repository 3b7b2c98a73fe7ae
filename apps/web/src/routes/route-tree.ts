import { adminIndexRoute, adminRoute, auditRoute, importRoute, orgRoute, settingsRoute, usersRoute } from './admin.tsx';
import { serviceDeskAdminRoute } from './admin-service-desk.tsx';
import { notificationsAdminRoute, slaAdminRoute } from './admin-sla.tsx';
import { appRoute, landingRoute, moduleRoutes, profileRoute } from './app.tsx';
import { billingRoutes } from './billing.tsx';
import { catalogRoutes } from './catalog.tsx';
import { channelsAdminRoute, contactsRoute, quarantineRoute } from './channels.tsx';
import { forgotPasswordRoute, loginRoute, publicRoute, resetPasswordRoute } from './public.tsx';
import { publicPageRoutes } from './public-pages.tsx';
import { rootRoute } from './root.tsx';
import { newTicketRoute, ticketRoute, workspaceRoute } from './tickets.tsx';

export const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([loginRoute, forgotPasswordRoute, resetPasswordRoute]),
  publicPageRoutes,
  appRoute.addChildren([
    landingRoute,
    profileRoute,
    ...moduleRoutes,
    workspaceRoute,
    quarantineRoute,
    contactsRoute,
    newTicketRoute,
    ticketRoute,
    catalogRoutes,
    billingRoutes,
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
    ]),
  ]),
]);
