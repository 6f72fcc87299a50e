import { createBrowserRouter } from 'react-router';
import { accessRoutes } from '../modules/access/routes';
import { analyticsRoutes } from '../modules/analytics/routes';
import { campaignsRoutes } from '../modules/campaigns/routes';
import { catalogRoutes } from '../modules/catalog/routes';
import { customersRoutes } from '../modules/customers/routes';
import { loyaltyRoutes } from '../modules/loyalty/routes';
import { messagingRoutes } from '../modules/messaging/routes';
import { privacyRoutes } from '../modules/privacy/routes';
import { salesRoutes } from '../modules/sales/routes';
import { segmentsRoutes } from '../modules/segments/routes';
import { AccountPage } from './auth/AccountPage';
import { LoginPage } from './auth/LoginPage';
import { RequireSession } from './auth/session';
import { TokenPage } from './auth/TokenPage';
import { AppLayout } from './shell/AppLayout';
import { NotFoundPage, RouteError } from './shell/ErrorPages';
import { HomePage } from './shell/HomePage';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  { path: '/invite/:token', element: <TokenPage purpose="invite" />, errorElement: <RouteError /> },
  { path: '/reset/:token', element: <TokenPage purpose="reset" />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppLayout />,
        children: [
          {
            // Inside the layout, so a failing page keeps the navigation around its error.
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'account', element: <AccountPage /> },
              ...accessRoutes,
              ...customersRoutes,
              ...privacyRoutes,
              ...catalogRoutes,
              ...salesRoutes,
              ...loyaltyRoutes,
              ...analyticsRoutes,
              ...segmentsRoutes,
              ...messagingRoutes,
              ...campaignsRoutes,
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
