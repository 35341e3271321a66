import { IsIn, IsString, Length } from 'class-validator';
import { INTEROP_RESOURCE_KINDS, type InteropResourceKind } from './interop-vocabulary.js';

/**
 * The event another service publishes when it discovers a piece of infrastructure, so that its interoperability is
 * worked out: type `InventoryResourceDiscovered`, on any subject under evt.inventory.> (stream EVT_INVENTORY), as an
 * EventEnvelope (alone or inside a Commit). Publishing the same discovery again is harmless.
 */
export class InventoryResourceDiscoveredData {
  @IsString() @Length(1, 100) tenantId!: string;
  @IsIn(INTEROP_RESOURCE_KINDS) kind!: InteropResourceKind;
  @IsString() @Length(1, 120) vendor!: string;
  @IsString() @Length(1, 120) product!: string;
  @IsString() @Length(1, 100) version!: string;
  @IsString() @Length(1, 120) siteId!: string;
  @IsString() @Length(1, 200) externalId!: string;
}
