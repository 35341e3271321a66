import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Site credentials are stored only sealed (AES-256-GCM) inside events, so neither the stream nor a read model
 * ever holds them in clear. The key comes from VORCH_CREDENTIALS_KEY (64 hex characters) and never from the stream.
 * Sealed form: v1.<iv>.<tag>.<ciphertext>, base64url parts; the site id is bound as associated data, so a sealed
 * blob copied to another site does not open.
 */
export class CredentialSealer {
  private readonly key: Buffer;

  constructor(hexKey: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(hexKey)) throw new Error('VORCH_CREDENTIALS_KEY must be 64 hex characters (32 bytes)');
    this.key = Buffer.from(hexKey, 'hex');
  }

  seal(siteId: string, credentials: object): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(siteId));
    const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open<T = Record<string, string>>(siteId: string, sealed: string): T {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('not a sealed credential');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(siteId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const clear = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    return JSON.parse(clear.toString('utf8')) as T;
  }
}
