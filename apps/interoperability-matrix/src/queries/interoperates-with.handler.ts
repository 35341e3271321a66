import { Injectable } from '@nestjs/common';
import type { CommandMeta, InteroperatesWithInput, InteroperatesWithView } from '#vorch/contracts';
import { counterpartOf, outranks } from '#vorch/interop-domain';
import { effectiveEntry, entryView, VISIBLE_ENTRIES_FOR_PRODUCT, type EntryRow } from '../read-model/entry-row.js';
import { ReadModelDb } from '../read-model/read-model-db.js';
import { productRefOrFail } from './product-ref-input.js';

/** `qry.interop.interoperates-with`: every product (in a version range) the matrix pairs with product@version. */
@Injectable()
export class InteroperatesWithHandler {
  constructor(private readonly db: ReadModelDb) {}

  async handle(input: InteroperatesWithInput, meta: CommandMeta): Promise<InteroperatesWithView> {
    const ref = productRefOrFail('product', input.product);
    const rows = await this.db.query<EntryRow>('interop-interoperates-with', VISIBLE_ENTRIES_FOR_PRODUCT, [ref.productKey, meta.tenantId]);
    const matching = rows
      .map(effectiveEntry)
      .map((entry) => ({ entry, other: counterpartOf(entry, ref) }))
      .filter((m) => m.other && (!input.support || m.entry.support === input.support))
      // the deciding statements first: a tenant's own, then the most recent
      .sort((x, y) => (outranks(x.entry, y.entry) ? -1 : outranks(y.entry, x.entry) ? 1 : 0));
    return {
      product: input.product,
      partners: matching.map(({ entry, other }) => ({
        product: other!.product,
        versions: other!.versions,
        support: entry.support,
        ...(entry.note ? { note: entry.note } : {}),
        entry: entryView(entry.row),
      })),
    };
  }
}
