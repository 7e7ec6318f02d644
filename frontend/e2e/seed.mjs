// Seeds a realistic register through the HTTP API (as the admin, with a bearer
// token), so screenshots and tests look like real use: manufacturers in several
// countries, sites in every status, a year of inspections, findings (some
// overdue) and certificates (some expiring, some expired).
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.mjs';

/** A small API client for test setup: JSON in and out, errors with the body. */
export async function apiClient(server, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'qualtrack' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in for ${email} failed: ${login.status} ${await login.text()}`);
  const { token } = await login.json();
  async function call(method, path, body) {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  return {
    token,
    /** This user's electronic signature for a signed change (a decision, closing a finding, completing an inspection). */
    signature: (meaning) => ({ password, meaning }),
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b),
    patch: (p, b) => call('PATCH', p, b),
    del: (p) => call('DELETE', p),
    /** A raw request: returns the Response, never throws on status. */
    raw: (method, p, init = {}) => fetch(`${server.url}/api/v1${p}`, { method, ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } }),
  };
}

/**
 * Creates a user as the admin; `user` is {email, name, role, password, ...}.
 * A password the admin sets must be changed at the user's first sign-in, so
 * the user is created with a setup password that is then changed to
 * user.password, as the user would: tests sign in with user.password.
 */
export async function createUser(server, user) {
  const admin = await apiClient(server);
  const setup = `setup ${Math.random().toString(36).slice(2)} passphrase`;
  const created = await admin.post('/users', { ...user, password: setup });
  const own = await apiClient(server, user.email, setup);
  await own.post('/auth/password', { current_password: setup, new_password: user.password });
  return created;
}

/** "YYYY-MM-DD" for today + n days (UTC, as the server's clock). */
export function day(n) {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const MANUFACTURERS = [
  { name: 'Acme Electronics', legal_name: 'Acme Electronics (Shenzhen) Co., Ltd.', country: 'CN', website: 'https://acme-electronics.example' },
  { name: 'Baltic Boards', legal_name: 'Baltic Boards UAB', country: 'LT', website: 'https://balticboards.example' },
  { name: 'Monterrey Assembly', legal_name: 'Monterrey Assembly S.A. de C.V.', country: 'MX', website: '' },
  { name: 'Saigon Precision', legal_name: 'Saigon Precision Manufacturing JSC', country: 'VN', website: 'https://saigonprecision.example' },
  { name: 'Penang Microsystems', legal_name: 'Penang Microsystems Sdn. Bhd.', country: 'MY', website: '' },
];

// [code, name, manufacturer index, city, country, risk, processes, plan]
// plan: the status to reach and the evidence to record on the way.
const SITES = [
  ['ACME-SZ1', 'Shenzhen Longhua SMT plant', 0, 'Shenzhen', 'CN', 'high', ['smt', 'testing'], 'qualified'],
  ['ACME-SZ2', 'Shenzhen Bao\'an box build', 0, 'Shenzhen', 'CN', 'medium', ['box_build', 'final_assembly'], 'qualified'],
  ['ACME-DG1', 'Dongguan cable assembly', 0, 'Dongguan', 'CN', 'low', ['cable_assembly'], 'conditional'],
  ['BALT-VNO', 'Vilnius PCB fabrication', 1, 'Vilnius', 'LT', 'critical', ['pcb_fabrication'], 'qualified'],
  ['BALT-KUN', 'Kaunas test and repair', 1, 'Kaunas', 'LT', 'medium', ['testing', 'repair'], 'suspended'],
  ['MTY-APO', 'Apodaca final assembly', 2, 'Apodaca', 'MX', 'high', ['final_assembly', 'packaging'], 'qualified'],
  ['MTY-GUA', 'Guadalupe SMT line', 2, 'Guadalupe', 'MX', 'high', ['smt'], 'in_qualification'],
  ['SGP-HCM1', 'Thu Duc SMT and programming', 3, 'Ho Chi Minh City', 'VN', 'medium', ['smt', 'firmware_programming'], 'qualified'],
  ['SGP-HCM2', 'Binh Duong box build', 3, 'Thu Dau Mot', 'VN', 'low', ['box_build'], 'conditional'],
  ['SGP-DNG', 'Da Nang packaging', 3, 'Da Nang', 'VN', 'low', ['packaging'], 'prospective'],
  ['PEN-BYN', 'Bayan Lepas SMT', 4, 'Bayan Lepas', 'MY', 'critical', ['smt', 'testing'], 'qualified'],
  ['PEN-PRI', 'Perai cable and harness', 4, 'Perai', 'MY', 'medium', ['cable_assembly'], 'disqualified'],
  ['PEN-KUL', 'Kulim firmware programming', 4, 'Kulim', 'MY', 'medium', ['firmware_programming'], 'prospective'],
];

const STANDARDS = ['ISO 9001:2015', 'IATF 16949:2016', 'ISO 13485:2016', 'ANSI/ESD S20.20', 'ISO 14001:2015'];

/** Seeds the register; returns the created manufacturers and sites (in the order above). */
export async function seedRegister(server) {
  const api = await apiClient(server);
  const me = await api.get('/auth/me');
  const manufacturers = [];
  for (const m of MANUFACTURERS) manufacturers.push(await api.post('/manufacturers', { ...m, notes: '' }));
  const sites = [];
  let n = 0;
  for (const [code, name, mi, city, country, risk_tier, processes, plan] of SITES) {
    n++;
    const site = await api.post('/sites', {
      manufacturer_id: manufacturers[mi].id,
      code,
      name,
      address: `${10 + n} Industrial Road`,
      city,
      country,
      processes,
      approved_scope: `${processes.join(', ').replace(/_/g, ' ')} for the product lines under contract`,
      risk_tier,
      contact_name: ['Li Wei', 'Ona Kazlauskiene', 'Carlos Mendoza', 'Nguyen Thi Lan', 'Tan Mei Ling'][mi],
      contact_email: `quality@${code.toLowerCase()}.example`,
      contact_phone: '+00 555 0100',
      notes: '',
    });
    sites.push(site);
    if (plan === 'prospective') continue;
    if (plan === 'disqualified') {
      await api.post(`/sites/${site.id}/qualification`, { status: 'disqualified', reason: 'Failed the supplier self-assessment; no quality system in place.', signature: api.signature('approved') });
      continue;
    }
    await api.post(`/sites/${site.id}/qualification`, { status: 'in_qualification', reason: 'Candidate for the new product line; audit scheduled.', signature: api.signature('approved') });
    // A year of inspections: spread over the months, mostly passes.
    const visits = n % 3 === 0 ? 3 : 2;
    let lastResult = 'pass';
    for (let v = 0; v < visits; v++) {
      // Critical sites were last seen over six months ago and one candidate
      // over a year ago, so the register has overdue inspections.
      const ago =
        risk_tier === 'critical' ? 330 - v * 130 : plan === 'in_qualification' ? 420 - v * 30 : ((n * 37 + v * 113) % 320) + 10;
      const result = plan === 'conditional' && v === visits - 1 ? 'conditional' : (n + v) % 7 === 0 ? 'fail' : (n + v) % 5 === 0 ? 'conditional' : 'pass';
      const insp = await api.post('/inspections', {
        site_id: site.id,
        type: v === 0 ? 'qualification' : 'routine',
        status: 'completed',
        signature: api.signature('authored'),
        scheduled_date: day(-ago),
        performed_date: day(-ago),
        lead_inspector_id: me.id,
        team: 'Quality engineering',
        scope: 'Process control, ESD, traceability, incoming inspection',
        result: plan === 'qualified' && v === visits - 1 ? 'pass' : result,
        score: 60 + ((n * 13 + v * 7) % 38),
        summary: 'Production lines visited; records sampled; interviews with the line leads.',
      });
      lastResult = insp.result;
      if ((n + v) % 2 === 0) {
        await api.post(`/inspections/${insp.id}/findings`, {
          severity: (n + v) % 4 === 0 ? 'minor' : 'observation',
          category: ['esd', 'traceability', 'process', 'quality'][(n + v) % 4],
          requirement: 'ISO 9001:2015 8.5.2',
          description: ['ESD wrist strap tester log missing two days', 'Lot numbers not recorded at rework station', 'Work instruction revision not controlled at line 3', 'Calibration label expired on torque driver'][(n + v) % 4],
          corrective_action: 'Train the line leads and add the check to the daily audit.',
          owner: 'Site quality manager',
          due_date: day(((n + v) % 3) * 20 - 15),
        });
      }
    }
    // Certificates: most valid, some expiring, a few expired.
    const certs = 1 + (n % 2);
    for (let c = 0; c < certs; c++) {
      const expires = n % 5 === 0 && c === 1 ? day(-20) : n % 4 === 0 ? day(25 + n * 3) : day(200 + n * 40 + c * 90);
      await api.post('/certifications', {
        site_id: site.id,
        standard: STANDARDS[(n + c) % STANDARDS.length],
        certificate_number: `C-${code}-${2024 + c}`,
        issuing_body: ['TÜV SÜD', 'BSI', 'DNV', 'SGS', 'Bureau Veritas'][(n + c) % 5],
        scope: 'Design and manufacture of electronic assemblies',
        issued_on: day(-700 + n * 10),
        expires_on: expires,
        verified: c === 0,
      });
    }
    if (plan === 'in_qualification') continue;
    if (plan === 'conditional') {
      await api.post(`/sites/${site.id}/qualification`, { status: 'conditional', reason: 'Approved on conditions: close the open findings within 90 days.', conditional_until: day(90), signature: api.signature('approved') });
      continue;
    }
    if (lastResult !== 'pass') continue;
    await api.post(`/sites/${site.id}/qualification`, { status: 'qualified', reason: 'Qualification audit passed; certificates verified.', signature: api.signature('approved') });
    if (plan === 'suspended') {
      await api.post(`/sites/${site.id}/qualification`, { status: 'suspended', reason: 'Repeated field failures traced to the rework station; production on hold.', signature: api.signature('approved') });
    }
  }
  // Open findings with consequences, and planned visits in the coming weeks.
  const open = await api.post('/inspections', {
    site_id: sites[4].id,
    type: 'for_cause',
    status: 'completed',
    signature: api.signature('authored'),
    scheduled_date: day(-12),
    performed_date: day(-12),
    lead_inspector_id: me.id,
    team: 'Quality engineering, field returns',
    scope: 'Field failures of lot 24-118',
    result: 'fail',
    score: 41,
    summary: 'Rework station without traceability; solder joints reworked twice.',
  });
  await api.post(`/inspections/${open.id}/findings`, {
    severity: 'critical',
    category: 'traceability',
    requirement: 'IPC-A-610 10.1; ISO 9001:2015 8.5.2',
    description: 'Reworked boards are not traceable to the operator or the rework count',
    corrective_action: 'Serialise rework tickets; block a second rework in the MES.',
    owner: 'Kaunas plant manager',
    due_date: day(-5),
  });
  await api.post(`/inspections/${open.id}/findings`, {
    severity: 'major',
    category: 'process',
    requirement: 'J-STD-001 7.5',
    description: 'Soldering iron temperature not verified at shift start',
    corrective_action: 'Add the check to the shift start list.',
    owner: 'Kaunas production lead',
    due_date: day(18),
  });
  for (const [i, ahead] of [[5, 9], [7, 16], [0, 23], [1, 4], [8, 27]]) {
    await api.post('/inspections', { site_id: sites[i].id, type: 'routine', status: 'planned', scheduled_date: day(ahead), lead_inspector_id: me.id, team: 'Quality engineering', scope: 'Annual routine inspection' });
  }
  return { manufacturers, sites };
}
