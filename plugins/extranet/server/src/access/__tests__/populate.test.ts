/** Every shape Strapi accepts for `populate`, as the query door reads it (access/populate.ts). */
import { normalisePopulate } from '../populate';

const attributes = {
  title: { type: 'string' },
  workgroup: { type: 'relation', target: 'plugin::extranet.workgroup' },
  author: { type: 'relation', target: 'plugin::users-permissions.user' },
  files: { type: 'media' },
  blocks: { type: 'dynamiczone' },
};

describe('populate normalisation', () => {
  it('reads true and * as every relation, nothing else', () => {
    expect(normalisePopulate(true, attributes)).toEqual({ workgroup: true, author: true });
    expect(normalisePopulate('*', attributes)).toEqual({ workgroup: true, author: true });
    expect(normalisePopulate(['*'], attributes)).toEqual({ workgroup: true, author: true });
    expect(normalisePopulate('*', {})).toEqual({});
  });

  it('reads a comma list and a list of paths, nested paths as populate lists', () => {
    expect(normalisePopulate('workgroup, author', attributes)).toEqual({ workgroup: true, author: true });
    expect(normalisePopulate('workgroup,,', attributes)).toEqual({ workgroup: true });
    expect(normalisePopulate(' ', attributes)).toEqual({});
    expect(normalisePopulate(['workgroup.topic.workgroups', 'workgroup.owner'], attributes)).toEqual({
      workgroup: { populate: ['topic.workgroups', 'owner'] },
    });
    expect(normalisePopulate('workgroup,workgroup.owner', attributes)).toEqual({
      workgroup: { populate: ['owner'] },
    });
    expect(normalisePopulate(['workgroup.owner', 'workgroup'], attributes)).toEqual({
      workgroup: { populate: ['owner'] },
    });
    expect(normalisePopulate(['files'], attributes)).toEqual({ files: true });
  });

  it('adds nested paths to an entry already given as an object', () => {
    const map = normalisePopulate(['workgroup.owner', 'workgroup.topic'], attributes);
    expect((map.workgroup as { populate?: string[] }).populate).toEqual(['owner', 'topic']);
  });

  it('keeps * with other paths, and skips a * root', () => {
    expect(normalisePopulate(['*', 'workgroup.owner'], attributes)).toEqual({
      workgroup: { populate: ['owner'] },
      author: true,
    });
    expect(normalisePopulate(['workgroup.owner', '*'], attributes)).toEqual({
      workgroup: true,
      author: true,
    });
    expect(normalisePopulate(['*.owner'], attributes)).toEqual({});
    expect(normalisePopulate([7], attributes)).toEqual({ 7: true });
  });

  it('passes an object through, and reads anything else as nothing', () => {
    const object = { workgroup: { populate: { owner: true } } };
    expect(normalisePopulate(object, attributes)).toBe(object);
    expect(normalisePopulate(false, attributes)).toEqual({});
    expect(normalisePopulate(null, attributes)).toEqual({});
    expect(normalisePopulate(3, attributes)).toEqual({});
  });

  it('reads prototype names as plain keys, polluting nothing', () => {
    const read = normalisePopulate(['__proto__.x', 'constructor.y', 'constructor', 'workgroup'], attributes);
    expect(Object.prototype.hasOwnProperty.call(read, '__proto__')).toBe(true);
    expect(Object.keys(read)).toEqual(['__proto__', 'constructor', 'workgroup']);
    expect(Object.getOwnPropertyDescriptor(read, '__proto__')?.value).toEqual({ populate: ['x'] });
    expect(Object.getOwnPropertyDescriptor(read, 'constructor')?.value).toEqual({ populate: ['y'] });
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(({} as { populate?: unknown }).populate).toBeUndefined();
    expect((Object as unknown as { populate?: unknown }).populate).toBeUndefined();
  });
});
