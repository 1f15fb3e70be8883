/**
 * The pure part of the audience column (access/audience.ts): which types carry it, and the
 * attribute the plugin adds to them. The values themselves are the rule's (rule.test.ts); the
 * writes that keep them up to date need a database (test/audience.test.ts).
 */
import { AUDIENCE, audienceAttribute, audienceTypes } from '../audience';

const ACTIVITY = 'plugin::extranet.activity';

describe('the audience column', () => {
  it('is carried by the workgroup-mode scoped types and the activity log, not by owner-mode types', () => {
    const governance = {
      scoped: {
        'api::document.document': { mode: 'workgroup' as const },
        'api::ticket.ticket': { mode: 'owner' as const },
        'api::task.task': { mode: 'workgroup' as const },
      },
    };
    expect(audienceTypes(governance)).toEqual(['api::document.document', 'api::task.task', ACTIVITY]);
    expect(audienceTypes({ scoped: {} })).toEqual([ACTIVITY]);
  });

  it('is never written by a caller nor shown: private, not configurable, not writable, not visible', () => {
    expect(AUDIENCE).toBe('extranetAudience');
    expect(audienceAttribute()).toEqual({
      type: 'integer',
      private: true,
      configurable: false,
      writable: false,
      visible: false,
    });
  });
});
