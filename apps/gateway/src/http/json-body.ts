import type { IncomingMessage } from 'node:http';
import { ValidationError, VorchError } from '#vorch/contracts';

export const maxJsonBodyBytes = 1024 * 1024;

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * Reads a JSON request body. Our own small reader instead of Nest's body parser (which runs before everything,
 * authentication included): it runs inside the request's handling, so a malformed or oversized body becomes the
 * same problem document (with request and trace id) as every other error.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!isJson(req.headers['content-type'])) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxJsonBodyBytes) throw new VorchError('PAYLOAD_TOO_LARGE', `The body exceeds ${maxJsonBodyBytes} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError([{ field: '(body)', message: 'is not valid JSON' }], 'The body is not valid JSON');
  }
}
