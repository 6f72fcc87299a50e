import { deliveryEn, deliveryTr } from './delivery/messages';
import { providersEn, providersTr } from './providers/messages';
import { templatesEn, templatesTr } from './templates/messages';

/** API messages of the messaging module (merged into the platform catalogs). */
export const messagingTr = { ...templatesTr, ...providersTr, ...deliveryTr } as const;

export const messagingEn: Record<keyof typeof messagingTr, string> = { ...templatesEn, ...providersEn, ...deliveryEn };
