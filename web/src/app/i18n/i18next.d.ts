import 'i18next';
import type { tr } from './tr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: { app: typeof tr };
  }
}
