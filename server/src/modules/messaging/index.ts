import type { Module } from '../../platform/module';
import { deliveryRoutes } from './delivery/routes';
import { setupDelivery } from './delivery/setup';
import { closeProviders } from './providers/registry';
import { providerRoutes } from './providers/routes';
import { templateRoutes } from './templates/routes';

/** Messaging: templates, providers, the sending queue with compliance checks, delivery and engagement events. */
export const messagingModule: Module = {
  name: 'messaging',
  setup(ctx) {
    setupDelivery(ctx);
  },
  routes(app, ctx) {
    templateRoutes(app, ctx);
    providerRoutes(app, ctx);
    deliveryRoutes(app, ctx);
  },
  // Pooled SMTP transports would otherwise keep the process alive for their idle timeout.
  close: closeProviders,
};
