import { Body, Controller, Delete, Get, HttpCode, Module, Param, Post, type DynamicModule } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { CreateThing, GetThing, type ThingView } from './thing.dto.js';

export const THINGS_SUBJECTS = Symbol('things-subjects');

/** Bus subjects of the fake "things" service, made unique per test run by a prefix. */
export function thingsSubjects(prefix: string) {
  return {
    create: `cmd.${prefix}.things.create`,
    get: `qry.${prefix}.things.get`,
    remove: `cmd.${prefix}.things.remove`,
    unserved: `qry.${prefix}.things.nobody-answers`,
  };
}

type Subjects = ReturnType<typeof thingsSubjects>;

/**
 * A feature built only from the gateway's building blocks, the way a real one is, for the integration tests:
 * REST and gRPC forward to the bus with BusForwarder.
 */
function thingsControllers(subjects: Subjects) {
  @Controller('v1/test-things')
  class ThingsHttpController {
    constructor(private readonly bus: BusForwarder) {}

    @Post()
    create(@Body() body: CreateThing, @CurrentPrincipal() p: Principal): Promise<ThingView> {
      return this.bus.send(subjects.create, body, p);
    }

    @Get('unserved')
    unserved(@CurrentPrincipal() p: Principal): Promise<unknown> {
      return this.bus.send(subjects.unserved, {}, p, { timeoutMs: 500 });
    }

    @Get('boom')
    boom(): never {
      throw new Error('db password=hunter2 at /srv/secret');
    }

    @Get(':id')
    get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ThingView> {
      return this.bus.send(subjects.get, { id }, p);
    }

    @Delete(':id')
    @HttpCode(204)
    @RequireRole('admin')
    async remove(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<void> {
      await this.bus.send(subjects.remove, { id }, p);
    }
  }

  @Controller()
  class ThingsGrpcController {
    constructor(private readonly bus: BusForwarder) {}

    @GrpcMethod('Things', 'Create')
    create(@Payload() req: CreateThing, @CurrentPrincipal() p: Principal): Promise<ThingView> {
      return this.bus.send(subjects.create, req, p);
    }

    @RequireRole('viewer')
    @GrpcMethod('Things', 'Get')
    get(@Payload() req: GetThing, @CurrentPrincipal() p: Principal): Promise<ThingView> {
      return this.bus.send(subjects.get, req, p);
    }
  }

  return [ThingsHttpController, ThingsGrpcController];
}

@Module({})
export class ThingsTestFeature {
  static forSubjects(subjects: Subjects): DynamicModule {
    return { module: ThingsTestFeature, controllers: thingsControllers(subjects) };
  }
}

/** The gRPC side of the test feature, written to a temporary file by the tests. */
export const thingsProto = `syntax = "proto3";
package vorch.testthings;
service Things {
  rpc Create (CreateThing) returns (Thing);
  rpc Get (GetThing) returns (Thing);
}
message CreateThing { string name = 1; optional int32 size = 2; }
message GetThing { string id = 1; }
message Thing { string id = 1; string name = 2; optional int32 size = 3; }
`;
