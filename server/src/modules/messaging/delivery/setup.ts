import type { AppContext } from '../../../platform/context';

/** Jobs and event subscribers of the sending queue. */
export function setupDelivery(_ctx: AppContext) {}
