import { SetMetadata } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';

export const HANDLE_REQUEST = Symbol('vorch:handle-request');

export interface HandleRequestOptions {
  subject: string;
  input?: ClassConstructor<object>;
}

/**
 * Marks a provider method `(input, meta) => Promise<result>` as the handler of a command or query subject.
 * MessagingModule subscribes it on start-up, in the service's queue group.
 */
export const HandleRequest = (opts: HandleRequestOptions) => SetMetadata(HANDLE_REQUEST, opts);
