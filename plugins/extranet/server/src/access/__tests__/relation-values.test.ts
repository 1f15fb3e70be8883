/**
 * The shapes a write may give a relation or media field (access/relation-values.ts): anything
 * else answers 400 naming the field instead of reaching the query engine. The model lookup is
 * the only thing asked of Strapi: a plain object stands for it.
 */
import type { Core } from '@strapi/strapi';
import { assertRelationValues } from '../relation-values';

type Model = { attributes?: Record<string, { type: string; target?: string }> };
const models: Record<string, Model> = {
  'api::document.document': {
    attributes: {
      title: { type: 'string' },
      workgroup: { type: 'relation', target: 'plugin::extranet.workgroup' },
      files: { type: 'media' },
      meta: { type: 'json' },
    },
  },
};
models['api::bare.bare'] = {};
// The one method the module asks of Strapi.
const strapi = { getModel: (uid: string) => models[uid] } as unknown as Core.Strapi;
const UID = 'api::document.document';

type Refusal = Error & { details?: { errors?: Array<{ path?: string[] }> } };

/** `data` is a payload of whatever shape a caller may send (not only objects). */
const refusal = (data: unknown, uid = UID) => {
  try {
    assertRelationValues(strapi, uid, data as Record<string, unknown> | undefined);
  } catch (caught) {
    const error = caught as Refusal;
    return { name: error.name, message: error.message, path: error.details?.errors?.[0]?.path };
  }
  return null;
};

describe('relation values', () => {
  it.each([
    ['an id', 5],
    ['a documentId', 'abc123'],
    ['null', null],
    ['a list of ids and documentIds', [1, 'abc']],
    ['an empty list', []],
    ['an object with an id', { id: 3 }],
    ['an object with a documentId', { documentId: 'abc' }],
    ['an object with a string id', { id: 'abc' }],
    ['an object with both', { id: 3, documentId: 'abc' }],
    ['connect', { connect: [1, { documentId: 'abc' }] }],
    ['connect one', { connect: 1 }],
    ['connect with options', { connect: [{ id: 1 }], options: { strict: true } }],
    ['set and disconnect', { set: [], disconnect: ['x'] }],
    ['a list of objects', [{ id: 1 }, { documentId: 'd' }]],
  ])('accepts %s', (_name, value) => {
    expect(refusal({ workgroup: value, files: value })).toBeNull();
  });

  it.each([
    ['zero', 0],
    ['a negative id', -1],
    ['a fraction', 1.5],
    ['an empty string', ''],
    ['a boolean', true],
    ['an object without a reference', { name: 'x' }],
    ['an empty object', {}],
    ['an object with a zero id', { id: 0 }],
    ['an object with a nested id', { id: { id: 1 } }],
    ['an object with an empty documentId', { documentId: '' }],
    ['an object with a number documentId', { documentId: 5 }],
    ['a good id with a bad documentId', { id: 3, documentId: 5 }],
    ['a bad id with a good documentId', { id: 0, documentId: 'abc' }],
    ['a list with a bad entry', [1, 0]],
    ['a list with a list', [[1]]],
    ['a list with null', [null]],
    ['a list of lists in connect', { connect: [[1]] }],
    ['a bad entry in connect', { connect: [1, -2] }],
    ['a bad entry in set', { set: [{}] }],
    ['a bad entry in disconnect', { disconnect: [true] }],
    ['connect null', { connect: null }],
    ['an unknown key', { connect: [1], where: { id: 1 } }],
    ['options alone with an unknown key', { options: {}, other: 1 }],
  ])('refuses %s with 400 naming the field', (_name, value) => {
    expect(refusal({ title: 'x', workgroup: value })).toEqual({
      name: 'ValidationError',
      message: 'workgroup: must be an id, a documentId, or a connect/set/disconnect list of them',
      path: ['workgroup'],
    });
    expect(refusal({ files: value })?.path).toEqual(['files']);
  });

  it('leaves other fields, unknown fields and absent values alone', () => {
    expect(
      refusal({ title: { weird: true }, meta: { connect: 'x' }, unknown: {}, workgroup: undefined }),
    ).toBeNull();
    expect(refusal(undefined)).toBeNull();
    expect(refusal(null)).toBeNull();
    expect(refusal('workgroup')).toBeNull();
    expect(refusal({ workgroup: {} }, 'api::unknown.unknown')).toBeNull();
    expect(refusal({ workgroup: {} }, 'api::bare.bare')).toBeNull();
  });

  it('accepts options alone (nothing to connect)', () => {
    expect(refusal({ workgroup: { options: { strict: false } } })).toBeNull();
  });
});
