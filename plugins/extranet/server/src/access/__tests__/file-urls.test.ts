/** Signed URLs of governed files (access/file-urls.ts): signing, checking, and the path the gate looks at. */
import { createHmac } from 'crypto';
import { fileUrlKeys, hasValidSignature, signFileUrl, uploadsFileName } from '../file-urls';

const keys = fileUrlKeys(['first-key', 'second-key']);
const NOW = 1_700_000_000_000;
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('signed file URLs', () => {
  it('derives one key per app key, from the app key alone', () => {
    expect(keys).toHaveLength(2);
    expect(keys[0]).toEqual(createHmac('sha256', 'first-key').update('strapi-extranet file urls').digest());
    expect(keys[0].equals(keys[1])).toBe(false);
    expect(fileUrlKeys([])).toEqual([]);
  });

  it('signs over the path and the expiry with the first key', () => {
    const url = signFileUrl('/uploads/a.pdf', 1700000600, keys);
    const signature = createHmac('sha256', keys[0]).update('/uploads/a.pdf\n1700000600').digest('base64url');
    expect(url).toBe(`/uploads/a.pdf?expires=1700000600&signature=${signature}`);
  });

  it('accepts a signature of any key until it expires', () => {
    const url = signFileUrl('/uploads/a.pdf', 1700000600, keys);
    expect(hasValidSignature('/uploads/a.pdf', query(url), keys, NOW)).toBe(true);
    expect(hasValidSignature('/uploads/a.pdf', query(url), [keys[1], keys[0]], NOW)).toBe(true);
    expect(hasValidSignature('/uploads/a.pdf', query(url), [keys[1]], NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', query(url), keys, 1700000599999)).toBe(true);
    expect(hasValidSignature('/uploads/a.pdf', query(url), keys, 1700000600000)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', query(url), keys)).toBe(false);
  });

  it('refuses another path, another expiry, a truncated or missing signature, a malformed expiry', () => {
    const q = query(signFileUrl('/uploads/a.pdf', 1700000600, keys));
    expect(hasValidSignature('/uploads/b.pdf', q, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, expires: '1700000601' }, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, signature: q.signature.slice(1) }, keys, NOW)).toBe(
      false,
    );
    expect(hasValidSignature('/uploads/a.pdf', { ...q, signature: undefined }, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, signature: [q.signature] }, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, expires: [q.expires] }, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, expires: `${q.expires}.0` }, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, expires: ` ${q.expires}` }, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, expires: `x${q.expires}` }, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, expires: `${q.expires}x` }, keys, NOW)).toBe(false);
    expect(hasValidSignature('/uploads/a.pdf', { ...q, expires: '' }, keys, NOW)).toBe(false);
    // 13 digits is past the 12 the check allows, even though signed and in the future.
    const far = query(signFileUrl('/uploads/a.pdf', 1000000000000, keys));
    expect(hasValidSignature('/uploads/a.pdf', far, keys, NOW)).toBe(false);
    const twelve = query(signFileUrl('/uploads/a.pdf', 100000000000, keys));
    expect(hasValidSignature('/uploads/a.pdf', twelve, keys, NOW)).toBe(true);
  });

  it.each([
    ['/uploads/a.pdf', 'a.pdf'],
    ['/UPLOADS/a.pdf', 'a.pdf'],
    ['/%75ploads/a.pdf', 'a.pdf'],
    ['/x/../uploads/a.pdf', 'a.pdf'],
    ['/uploads//a.pdf', 'a.pdf'],
    ['\\uploads\\a.pdf', 'a.pdf'],
    ['/uploads/thumbnail_a.png', 'thumbnail_a.png'],
    ['/uploads/', null],
    ['/uploads', null],
    ['/uploads/sub/a.pdf', null],
    ['/other/a.pdf', null],
    ['/x/uploads/a.pdf', null],
    ['/uploads/%E0%A4%A', null],
  ])('reads %s as %s', (raw, name) => {
    expect(uploadsFileName(raw)).toBe(name);
  });
});
