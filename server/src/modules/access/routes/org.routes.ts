import { invalidField } from '../../../platform/http/problem';
import type { HttpServer } from '../../../platform/http/server';
import { isTimeZone } from '../../../platform/time';
import { getOrg, updateOrg } from '../orgs';
import { orgPatchSchema, orgSchema, sourceOf } from './common';

export function orgRoutes(app: HttpServer) {
  app.get('/api/v1/org', { schema: { tags: ['org'], summary: 'Org settings', response: { 200: orgSchema } } }, (req) =>
    req.tenant((tx) => getOrg(tx)),
  );

  app.patch(
    '/api/v1/org',
    {
      config: { permission: 'org.manage' },
      schema: { tags: ['org'], summary: 'Change org settings', body: orgPatchSchema, response: { 200: orgSchema } },
    },
    (req) => {
      const { timezone } = req.body;
      if (timezone !== undefined && !isTimeZone(timezone)) {
        throw invalidField('/timezone', 'invalid_timezone', 'access.invalid_timezone', { value: timezone });
      }
      return req.tenant((tx) => updateOrg(tx, sourceOf(req), req.body));
    },
  );
}
