import { Injectable } from '@nestjs/common';
import type { CommandMeta, GetInteropResourceInput, InteropResourceView } from '#vorch/contracts';
import { ReadModelDb } from '../read-model/read-model-db.js';
import { resourceView } from '../read-model/resource-row.js';

/** `qry.interop.get-resource`. */
@Injectable()
export class GetResourceHandler {
  constructor(private readonly db: ReadModelDb) {}

  async handle(input: GetInteropResourceInput, meta: CommandMeta): Promise<InteropResourceView> {
    return resourceView(await this.db.tenantResource(meta.tenantId, input.resourceId));
  }
}
