import { startApp, type TestApp } from './helpers/strapi';

const PASSWORD = 'Northwind-demo-2026';

describe('the demo seed (README logins)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ env: { SEED_DEMO: 'true' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const login = async (email: string) => {
    const res = await app.http().post('/api/auth/local').send({ identifier: email, password: PASSWORD });
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${res.body.jwt}` };
  };
  const titles = async (auth: object, path: string) => {
    const res = await app.http().get(path).set(auth);
    expect(res.status).toBe(200);
    return res.body.data.map((d: any) => d.title ?? d.subject).sort();
  };

  it('lets the partner of Acme read Acme and the partner guide, nothing internal', async () => {
    const auth = await login('paula@acme-supplies.example');
    expect(await titles(auth, '/api/documents')).toEqual(['Acme supply chain: project charter', 'Extranet guide for partners']);
    expect(await titles(auth, '/api/tickets')).toEqual(['Cannot open the delivery plan']);
    expect((await app.http().get('/api/announcements').set(auth)).status).toBe(403);
  });

  it('keeps the intranet-only employee out of the extranet', async () => {
    const auth = await login('ian@northwind.example');
    expect(await titles(auth, '/api/documents')).toEqual(['Holiday policy', 'Office move 2027: project charter']);
    expect(await titles(auth, '/api/announcements')).toEqual(['Canteen closed on Friday', 'Quarterly results']);
  });

  it('shows the extranet administrator everything', async () => {
    const auth = await login('erin@northwind.example');
    expect(await titles(auth, '/api/documents')).toHaveLength(5);
    expect(await titles(auth, '/api/posts')).toHaveLength(3);
  });

  it('opens the admin panel API to the demo editor', async () => {
    const res = await app.http().post('/admin/login').send({ email: 'admin@northwind.example', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.data.token).toEqual(expect.any(String));
  });
});
