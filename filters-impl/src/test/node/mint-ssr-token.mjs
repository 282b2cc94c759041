// Mints an SSR Guard SSR bypass token with Node's built-in crypto module only.
//
//   node mint-ssr-token.mjs <base64-or-base64url 32-byte key> <User-Agent> [sid]
//
// Prints the token on stdout. Send it as the X-SSR-CSRF header together with
// the browser's User-Agent; it is valid for ssrguard.csrf.ssr-token-ttl (60 s
// by default). The same function is in docs/csrf.md for Nuxt/Next servers.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';

export function mintSsrToken(keyBase64, userAgent, sid) {
  // Buffer's base64 decoder also accepts the base64url alphabet, padded or not.
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) {
    throw new Error(`the key must be 32 bytes (AES-256), got ${key.length}`);
  }
  const payload = {
    d: Date.now(),                                   // issued at, epoch milliseconds
    p: 'ssr',                                        // purpose
    s: randomBytes(12).toString('base64url'),        // random salt
    ua: createHash('sha256').update(userAgent ?? '', 'utf8').digest('hex').slice(0, 16),
  };
  if (sid) {
    payload.sid = sid;                               // the login session (refresh family), optional
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);  // 16-byte tag by default, no AAD
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [key, userAgent, sid] = process.argv.slice(2);
  if (!key || userAgent === undefined) {
    process.stderr.write('usage: node mint-ssr-token.mjs <base64 key> <User-Agent> [sid]\n');
    process.exit(2);
  }
  process.stdout.write(mintSsrToken(key, userAgent, sid) + '\n');
}
