import type { Type } from '@nestjs/common';
import { SitesFeatureModule } from './sites/sites.feature.module.js';
import { InteropFeatureModule } from './interop/interop.feature.module.js';
import { StatsFeatureModule } from './stats/stats.feature.module.js';
import { NetworksFeatureModule } from './networks/networks.feature.module.js';
import { AdminFeatureModule } from './admin/admin.feature.module.js';

/**
 * The gateway's feature modules, one per service it fronts (REST controllers and gRPC handlers that forward to
 * the bus). Each service's module is added here, and the operators' routes that span services (AdminFeatureModule).
 */
export const featureModules: Type[] = [SitesFeatureModule, InteropFeatureModule, NetworksFeatureModule, StatsFeatureModule, AdminFeatureModule];
