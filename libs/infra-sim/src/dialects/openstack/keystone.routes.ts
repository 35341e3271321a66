import type { Exchange, Reply } from '../../http/exchange.js';
import type { RouteTable } from '../../http/route-table.js';
import type { SiteModel } from '../../model/site-model.js';
import { UnauthenticatedError } from '../../model/sim-errors.js';
import type { SessionStore } from '../session-store.js';

interface PasswordAuth {
  auth?: {
    identity?: { methods?: string[]; password?: { user?: { name?: string; password?: string; domain?: { name?: string } } } };
    scope?: { project?: { name?: string; id?: string } };
  };
}

/** Keystone v3 password authentication: the token comes back in X-Subject-Token, with a service catalog. */
export function addKeystoneRoutes(routes: RouteTable, model: SiteModel, sessions: SessionStore): void {
  routes.add(
    'POST',
    '/identity/v3/auth/tokens',
    async (ex: Exchange): Promise<Reply> => {
      const body = ((await ex.json()) ?? {}) as PasswordAuth;
      const user = body.auth?.identity?.password?.user;
      const creds = model.identity.credentials;
      const project = body.auth?.scope?.project?.name ?? creds.project;
      if (!user || user.name !== creds.username || user.password !== creds.password || (creds.project && project !== creds.project)) {
        throw new UnauthenticatedError();
      }
      const { token, expiresAt } = sessions.issue();
      const projectId = model.stableId(`project/${creds.project ?? 'default'}`).replaceAll('-', '');
      const service = (type: string, name: string, url: string) => ({
        type,
        name,
        id: model.stableId(`service/${type}`),
        endpoints: [{ id: model.stableId(`endpoint/${type}`), interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url }],
      });
      return {
        status: 201,
        headers: { 'x-subject-token': token },
        body: {
          token: {
            methods: ['password'],
            expires_at: expiresAt.toISOString(),
            issued_at: new Date().toISOString(),
            user: { id: model.stableId(`user/${creds.username}`).replaceAll('-', ''), name: creds.username, domain: { id: 'default', name: 'Default' } },
            project: { id: projectId, name: creds.project ?? 'default', domain: { id: 'default', name: 'Default' } },
            roles: [{ id: 'admin', name: 'admin' }],
            catalog: [
              service('compute', 'nova', `${ex.endpoint}/compute/v2.1`),
              service('network', 'neutron', `${ex.endpoint}/network`),
              service('placement', 'placement', `${ex.endpoint}/placement`),
              service('volumev3', 'cinderv3', `${ex.endpoint}/volume/v3/${projectId}`),
              service('identity', 'keystone', `${ex.endpoint}/identity/v3`),
            ],
          },
        },
      };
    },
    { public: true },
  );
}
