import { startApp, type TestApp } from './helpers/strapi';

describe('the app boots', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers the REST API', async () => {
    const res = await app.http().get('/api/documents');
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('ForbiddenError');
  });
});
