import { adminIndexRoute, adminRoute, auditRoute, importRoute, orgRoute, settingsRoute, usersRoute } from './admin.tsx';
import { appRoute, landingRoute, moduleRoutes, profileRoute } from './app.tsx';
import { forgotPasswordRoute, loginRoute, publicRoute, resetPasswordRoute } from './public.tsx';
import { rootRoute } from './root.tsx';

export const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([loginRoute, forgotPasswordRoute, resetPasswordRoute]),
  appRoute.addChildren([
    landingRoute,
    profileRoute,
    ...moduleRoutes,
    adminRoute.addChildren([adminIndexRoute, usersRoute, orgRoute, importRoute, settingsRoute, auditRoute]),
  ]),
]);
