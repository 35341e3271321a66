import { Inject, Injectable } from '@nestjs/common';
import { DomainMatrixInput, statsSubjects, TenantTrafficInput, TopTalkersInput, VmBreakdownInput, type CommandMeta } from '#vorch/contracts';
import { HandleRequest } from '#vorch/messaging';
import { StatsCollectorCore } from './stats-collector.core.js';

const subjects = statsSubjects();

/** The stats-collector's bus interface (production subjects; tests run it on a private NATS server). */
@Injectable()
export class StatsCollectorHandlers {
  constructor(@Inject(StatsCollectorCore) private readonly core: StatsCollectorCore) {}

  @HandleRequest({ subject: subjects.vmBreakdown, input: VmBreakdownInput })
  vmBreakdown(input: VmBreakdownInput, meta: CommandMeta) {
    return this.core.queries.vmBreakdown(meta.tenantId, input);
  }

  @HandleRequest({ subject: subjects.topTalkers, input: TopTalkersInput })
  topTalkers(input: TopTalkersInput, meta: CommandMeta) {
    return this.core.queries.topTalkers(meta.tenantId, input);
  }

  @HandleRequest({ subject: subjects.tenantTraffic, input: TenantTrafficInput })
  tenantTraffic(input: TenantTrafficInput, meta: CommandMeta) {
    return this.core.queries.tenantTraffic(meta.tenantId, input);
  }

  @HandleRequest({ subject: subjects.domainMatrix, input: DomainMatrixInput })
  domainMatrix(input: DomainMatrixInput) {
    return this.core.queries.domainMatrix(input);
  }

  @HandleRequest({ subject: subjects.datagramCounters })
  datagramCounters() {
    return this.core.collector.counterView();
  }
}
