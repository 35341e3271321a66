import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { gatewayDir } from '../gateway-dir.js';

/**
 * The operator console: one static page (apps/gateway/console/index.html) that polls the probes and, with an admin
 * key typed into it, GET /v1/traces. The shell is public; the data behind it is not.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  private readonly page = readFileSync(join(gatewayDir(), 'console', 'index.html'), 'utf8');

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'")
  index(): string {
    return this.page;
  }
}
