import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Max, Min, ValidateNested } from 'class-validator';
import { DIALECTS, type Dialect } from './vim-driver.js';

/**
 * A site's credentials. Which fields a dialect needs: openstack username + password (+ project, domain);
 * vsphere username + password; kubevirt token (+ namespace). Missing ones fail at authenticate() with
 * DriverAuthError, not here, so one options shape serves every dialect.
 */
export class DriverCredentials {
  @IsOptional() @IsString() username?: string;
  @IsOptional() @IsString() password?: string;
  /** OpenStack project (tenant) name; defaults to the username's default project scope 'admin'. */
  @IsOptional() @IsString() project?: string;
  /** OpenStack user/project domain; defaults to 'Default'. */
  @IsOptional() @IsString() domain?: string;
  /** Kubernetes bearer token. */
  @IsOptional() @IsString() token?: string;
  /** Kubernetes namespace Vorch works in; defaults to 'default'. */
  @IsOptional() @IsString() namespace?: string;
}

export class DriverOptions {
  @IsIn(DIALECTS) dialect!: Dialect;
  /** The site's base URL, e.g. `https://vim.example.org/sites/paris-1`. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) endpoint!: string;
  @IsObject() @ValidateNested() @Type(() => DriverCredentials) credentials!: DriverCredentials;
  /** Per HTTP attempt. */
  @IsOptional() @IsInt() @Min(1) @Max(600000) timeoutMs?: number;
  /** Retries after the first attempt on transient failures. */
  @IsOptional() @IsInt() @Min(0) @Max(10) retries?: number;
  /** First backoff step; the cap doubles per retry, with full jitter. */
  @IsOptional() @IsInt() @Min(0) @Max(60000) retryBaseDelayMs?: number;
  @IsOptional() @IsInt() @Min(0) @Max(600000) retryMaxDelayMs?: number;
  /** How long to wait for an asynchronous VIM task (a VM build, a migration) before DriverTimeoutError. */
  @IsOptional() @IsInt() @Min(1) @Max(3600000) taskTimeoutMs?: number;
  /** How often to poll a task, and the inventory for dialects without a native watch. */
  @IsOptional() @IsInt() @Min(10) @Max(600000) pollIntervalMs?: number;
}

export interface ResolvedDriverOptions {
  dialect: Dialect;
  endpoint: string;
  credentials: DriverCredentials;
  timeoutMs: number;
  retry: { retries: number; baseDelayMs: number; maxDelayMs: number };
  taskTimeoutMs: number;
  pollIntervalMs: number;
}

export function resolveOptions(o: DriverOptions): ResolvedDriverOptions {
  return {
    dialect: o.dialect,
    endpoint: o.endpoint.replace(/\/+$/, ''),
    credentials: o.credentials,
    timeoutMs: o.timeoutMs ?? 10000,
    retry: { retries: o.retries ?? 4, baseDelayMs: o.retryBaseDelayMs ?? 100, maxDelayMs: o.retryMaxDelayMs ?? 5000 },
    taskTimeoutMs: o.taskTimeoutMs ?? 120000,
    pollIntervalMs: o.pollIntervalMs ?? 250,
  };
}
