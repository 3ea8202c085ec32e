// Annotation ids that do not collide across reviewers on different branches.

/** Random bytes from the Web Crypto API (global in Node 20 and in browsers / web workers). */
export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A new id like `a-20261125T193000-x7k2q9`: UTC time to the second plus 6 random base-36
 * characters (~2·10⁹ values per second), so two reviewers on two branches never collide in practice.
 * `taken` (optional) is checked so an id is never reused within one file.
 */
export function newAnnotationId(now: Date = new Date(), taken?: ReadonlySet<string> | ((id: string) => boolean), prefix = 'a'): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').replace(/Z$/, '');
  for (;;) {
    const bytes = randomBytes(6);
    let rand = '';
    for (const b of bytes) rand += ALPHABET[b % 36];
    const id = `${prefix}-${stamp}-${rand}`;
    const used = typeof taken === 'function' ? taken(id) : taken?.has(id);
    if (!used) return id;
  }
}
