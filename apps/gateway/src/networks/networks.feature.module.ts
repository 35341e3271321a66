import { Module } from '@nestjs/common';
import { NetworksHttpController } from './networks.http.controller.js';
import { PoolsHttpController } from './pools.http.controller.js';
import { MacPrefixesHttpController } from './mac-prefixes.http.controller.js';

@Module({ controllers: [NetworksHttpController, PoolsHttpController, MacPrefixesHttpController] })
export class NetworksFeatureModule {}
