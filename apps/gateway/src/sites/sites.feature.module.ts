import { Module } from '@nestjs/common';
import { SitesHttpController } from './sites.http.controller.js';

@Module({ controllers: [SitesHttpController] })
export class SitesFeatureModule {}
