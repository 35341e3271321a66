import { Injectable } from '@nestjs/common';
import type { CommandMeta, RegisterInteropResourceInput, RegisterInteropResourceResult } from '#vorch/contracts';
import { ReadYourWrites } from '../read-your-writes.js';
import { RegisterResource } from './register-resource.js';

/** `cmd.interop.register-resource`: a resource of the caller's tenant, from the API. */
@Injectable()
export class RegisterResourceHandler {
  constructor(
    private readonly register: RegisterResource,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async handle(input: RegisterInteropResourceInput, meta: CommandMeta): Promise<RegisterInteropResourceResult> {
    const { kind, vendor, product, version, siteId, externalId } = input;
    const result = await this.register.run({ tenantId: meta.tenantId, kind, vendor, product, version, siteId, externalId }, 'api', meta);
    await this.readYourWrites.waitFor(result.seq);
    return { resourceId: result.resourceId, changed: result.changed };
  }
}
