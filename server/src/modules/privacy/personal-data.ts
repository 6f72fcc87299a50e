import type { Tx } from '../../platform/db/database';
import type { PersonalDataHandler } from '../../platform/personal-data';
import { eraseConsents, exportConsents } from './consents';
import { exportRequests, forgetRequestData } from './requests';

/** What the privacy module holds about a customer: consent history and their requests. */
export const privacyPersonalData: PersonalDataHandler = {
  name: 'privacy',
  async export(tx: Tx, customerId: string) {
    return { consents: await exportConsents(tx, customerId), requests: await exportRequests(tx, customerId) };
  },
  async erase(tx: Tx, customerId: string) {
    await eraseConsents(tx, customerId);
    await forgetRequestData(tx, customerId);
  },
};
