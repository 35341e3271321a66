import { Injectable } from '@nestjs/common';
import type { CheckInteropInput, CommandMeta, InteropCheckView } from '#vorch/contracts';
import { resolveVerdict } from '#vorch/interop-domain';
import { effectiveEntry, ENTRY_COLUMNS, entryView, type EntryRow } from '../read-model/entry-row.js';
import { ReadModelDb } from '../read-model/read-model-db.js';
import { productRefOrFail } from './product-ref-input.js';

// Entries are stored with their products in key order, so one index lookup finds every entry about the pair.
const PAIR_ENTRIES = `select ${ENTRY_COLUMNS} from interop_entries
  where product_key_a = $1 and product_key_b = $2 and (tenant_id is null or tenant_id = $3)`;

/** `qry.interop.check`: does a interoperate with b, and which matrix entry says so. */
@Injectable()
export class CheckHandler {
  constructor(private readonly db: ReadModelDb) {}

  async handle(input: CheckInteropInput, meta: CommandMeta): Promise<InteropCheckView> {
    const a = productRefOrFail('a', input.a);
    const b = productRefOrFail('b', input.b);
    const [lo, hi] = a.productKey <= b.productKey ? [a.productKey, b.productKey] : [b.productKey, a.productKey];
    const rows = await this.db.query<EntryRow>('interop-check', PAIR_ENTRIES, [lo, hi, meta.tenantId]);
    const { decisive, matched } = resolveVerdict(rows.map(effectiveEntry), a, b);
    const view: InteropCheckView = { a: input.a, b: input.b, support: decisive?.support ?? 'unknown', overridden: matched.slice(1).map((e) => entryView(e.row)) };
    if (decisive) {
      view.entry = entryView(decisive.row);
      if (decisive.note) view.note = decisive.note;
    }
    return view;
  }
}
