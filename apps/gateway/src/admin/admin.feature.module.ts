import { Module } from '@nestjs/common';
import { ProjectionsAdminHttpController } from './projections-admin.http.controller.js';
import { PROJECTION_STATUS_WAIT_MS, ProjectionStatusScatter } from './projection-status-scatter.js';

/** Operators' routes over every service (the projections' status and rebuild). */
@Module({
  controllers: [ProjectionsAdminHttpController],
  providers: [ProjectionStatusScatter, { provide: PROJECTION_STATUS_WAIT_MS, useValue: 1500 }],
})
export class AdminFeatureModule {}
