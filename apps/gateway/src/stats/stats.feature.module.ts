import { Module } from '@nestjs/common';
import { StatsHttpController } from './stats.http.controller.js';

/** The stats-collector's REST routes (C10): VM breakdown, top talkers, domain matrix, datagram counters. */
@Module({ controllers: [StatsHttpController] })
export class StatsFeatureModule {}
