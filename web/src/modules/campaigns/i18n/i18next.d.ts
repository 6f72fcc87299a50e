import 'i18next';
import type { tr } from './tr';

declare module 'i18next' {
  interface ResourceNamespaceMap {
    campaigns: typeof tr;
  }
}
