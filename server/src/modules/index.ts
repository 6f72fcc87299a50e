import type { Module } from '../platform/module';
import { accessModule } from './access';
import { analyticsModule } from './analytics';
import { campaignsModule } from './campaigns';
import { catalogModule } from './catalog';
import { customersModule } from './customers';
import { loyaltyModule } from './loyalty';
import { messagingModule } from './messaging';
import { privacyModule } from './privacy';
import { salesModule } from './sales';
import { segmentsModule } from './segments';

/** Every module of the server, in dependency order. The web app lists the same names. */
export const modules: Module[] = [
  accessModule,
  customersModule,
  privacyModule,
  catalogModule,
  salesModule,
  loyaltyModule,
  analyticsModule,
  segmentsModule,
  messagingModule,
  campaignsModule,
];
