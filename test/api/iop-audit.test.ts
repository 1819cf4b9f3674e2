/**
 * The IOP checklist against the 2021 audit (source 004, Stadsrevisionen's report 3/2021), one test
 * per finding: each compares what the API answers with the audit's own sentences, encoded below
 * with the line of seeds/sources/004_a74170e65dd10e37.txt they stand on (the first test checks
 * that they do).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../helpers/harness.js';
import { SEED_DIR } from '../../seeds/load/build-batch.js';

const SOURCE = path.join(SEED_DIR, 'sources', '004_a74170e65dd10e37.txt');

/** The audit's sentences the checklist must agree with: [line, text] (markup removed, whitespace collapsed). */
const AUDIT = {
  noEvaluation: [
    [234, 'Det genomförs ingen särskild utvärdering eller uppföljning i samband med att överenskommelserna löper ut.'],
    [319, 'Det genomförs ingen särskild utvärdering eller uppföljning i samband med att överenskommelserna löper ut.'],
    [361, 'Det genomförs ingen särskild utvärdering eller uppföljning i samband med att överenskommelserna löper ut.'],
    [447, 'Det genomförs ingen särskild utvärdering eller uppföljning i samband med att överenskommelserna löper ut.'],
  ],
  count: {
    socialnamnden: [434, 'Antal överenskommelser15 3 stycken'],
    eav: [304, 'Antal överenskommelser10 5 stycken'],
    farsta: [350, 'Antal överenskommelser11 4 stycken'],
    rinkebyKista: [392, 'Antal överenskommelser14 8 stycken'],
  },
  followUp: {
    eav: [313, 'I ett av partnerskapen är ovanstående kompletterad med brukarundersökningar och en referensgrupp, vilket tydliggör hur uppföljningsaktiviteterna svarar på syfte och mål för partnerskapet. För övriga partnerskap är det inte tydligt hur'],
    farsta: [359, 'I ett partnerskap är ovanstående kompletterat med en beskrivning av att bedömning av samverkan och effekter ska redovisas. För övriga partnerskap är det inte tydligt'],
    rinkebyKista2021: [407, 'I de överenskommelser som ingåtts år 2021 beskrivs syfte och målsättningar i partnerskapens verksamhetsplan med indikatorer för uppföljning.'],
    rinkebyKistaBefore: [409, 'För partnerskap före 2021 är det inte tydligt hur uppföljningen ska visa på om syfte och mål nås'],
    socialnamnden: [445, 'I samtliga överenskommelser finns en beskrivning av vad uppföljningen ska innehålla och hur det är kopplat till syfte och mål.'],
  },
  farstaSteering: [370, 'Stygrupp eller liknade Endast i en av överenskommelserna.'],
  considerationsSummary: [65, 'Det saknas dokumentation av vilka överväganden som gjorts när nämnden beslutar om att ingå partnerskap.'],
  socialnamndenInvestigations: [430, 'Utredningarna dokumenteras och sparas.'],
  farstaProgrammeNote: [384, '13 Kopplas till nämndmål.'],
  partnerCheck: {
    eav: [326, 'Kontroll av partner Ja. Enligt nämndens riktlinje för föreningsbidrag inklusive platsbesök.'],
    farsta: [372, 'Kontroll av partner Ja. Enligt lokal rutin. Om partnern redan får föreningsbidrag, genomförs ingen ny kontroll. Det framgår inte av rutin om platsbesök ska genomföras.'],
    rinkebyKista: [416, 'Kontroll av partner Enligt nämndens riktlinje för föreningsbidrag. Platsbesök genomförs inte vilket uppge vara ett utvecklingsområde.'],
    socialnamnden: [454, 'Det framgår inte om platsbesök ska genomföras.'],
  },
  values: {
    socialnamnden: [435, 'Ekonomiskt värde 712 000-22 000 000 kr per överenskommelse.'],
    eav: [305, 'Ekonomiskt värde 60 000-500 000 kr per överenskommelse'],
    farsta: [351, 'Ekonomiskt värde Från ca 10 000 kr till del av årshyra för lokal och del av årslön till medarbetare.'],
    rinkebyKista: [393, 'Ekonomiskt värde 77 000-4 200 000 kr per överenskommelse.'],
  },
} as const;

const COMMITTEES = {
  socialnamnden: 'agr:iop-socialnamnden-2021',
  eav: 'agr:iop-enskede-arsta-vantors-stadsdelsnamnd-2021',
  farsta: 'agr:iop-farsta-stadsdelsnamnd-2021',
  rinkebyKista: 'agr:iop-rinkeby-kista-stadsdelsnamnd-2021',
} as const;

type Assessment = { criterion: string; state: string; met: number; notMet: number; unknown: number; qualification: string | null; provenance: { locator: string | null; quote: string | null; source: { id: string } | null } | null };
type Gaps = {
  agreementGaps: {
    iopTotals: { agreements: number; records: number; audited: number; auditedCommittees: number };
    auditCriteria: { agreement: { id: string; summaryCount: number | null }; missing: string[]; criteria: Assessment[] }[];
    byCommittee: { committee: { name: string }; agreementCount: number; missing: { criterion: string; agreements: number; undetermined: number }[] }[];
  };
};

const lines = fs.readFileSync(SOURCE, 'utf8').split('\n');
const plain = (line: number) => lines[line - 1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

describe('the IOP checklist, as the 2021 audit reads (source 004)', () => {
  let s: TestServer;
  let gaps: Gaps['agreementGaps'];
  const criterion = (committee: keyof typeof COMMITTEES, c: string): Assessment => {
    const g = gaps.auditCriteria.find((x) => x.agreement.id === COMMITTEES[committee]);
    expect(g, committee).toBeDefined();
    return g!.criteria.find((x) => x.criterion === c)!;
  };

  beforeAll(async () => {
    s = await testServer();
    const { body } = await s.post<Gaps>(`{ agreementGaps(includeUnknown: true) {
      iopTotals { agreements records audited auditedCommittees }
      auditCriteria { agreement { id summaryCount } missing criteria { criterion state met notMet unknown qualification provenance { locator quote source { id } } } }
      byCommittee { committee { name } agreementCount missing { criterion agreements undetermined } } } }`);
    expect(body.errors).toBeUndefined();
    gaps = body.data!.agreementGaps;
  });
  afterAll(async () => s.close());

  it('encodes the audit’s sentences as they stand on their lines of source 004', () => {
    const all: (readonly [number, string])[] = [
      ...AUDIT.noEvaluation,
      ...Object.values(AUDIT.count),
      ...Object.values(AUDIT.followUp),
      AUDIT.farstaSteering,
      AUDIT.considerationsSummary,
      AUDIT.socialnamndenInvestigations,
      AUDIT.farstaProgrammeNote,
      ...Object.values(AUDIT.partnerCheck),
      ...Object.values(AUDIT.values),
    ];
    for (const [line, text] of all) expect(plain(line), `line ${line}`).toContain(text);
  });

  it('evaluation at expiry: not done (the audit says so for every committee), never "not yet due"', () => {
    for (const committee of Object.keys(COMMITTEES) as (keyof typeof COMMITTEES)[]) {
      const c = criterion(committee, 'EVALUATION_AT_EXPIRY');
      expect(c.state, committee).toBe('MISSING');
      expect(c.notMet, committee).toBe(gaps.auditCriteria.find((g) => g.agreement.id === COMMITTEES[committee])!.agreement.summaryCount);
      expect(c.provenance?.quote).toBe(AUDIT.noEvaluation[0][1]);
      expect(AUDIT.noEvaluation.map(([l]) => `rad ${l}`)).toContain(c.provenance!.locator!.replace(/^.*, /, ''));
    }
  });

  it('follow-up that shows whether the aims are met: 4 of 5 (Enskede-Årsta-Vantör), 3 of 4 (Farsta), fewer than 8 (Rinkeby-Kista), none of 3 (Socialnämnden)', () => {
    expect(criterion('eav', 'FOLLOW_UP_PLAN')).toMatchObject({ state: 'PARTLY_MET', met: 1, notMet: 4, unknown: 0 });
    expect(criterion('farsta', 'FOLLOW_UP_PLAN')).toMatchObject({ state: 'PARTLY_MET', met: 1, notMet: 3, unknown: 0 });
    const rk = criterion('rinkebyKista', 'FOLLOW_UP_PLAN');
    // Those from 2021 have it, those before 2021 do not; the audit does not say how many of each.
    expect(rk.met).toBeGreaterThanOrEqual(1);
    expect(rk.notMet).toBeGreaterThanOrEqual(1);
    expect(rk.notMet + rk.unknown).toBeLessThan(8);
    expect(rk.met + rk.notMet + rk.unknown).toBe(8);
    expect(rk.state).toBe('PARTLY_MET');
    expect(rk.qualification).toMatch(/2021/);
    expect(criterion('socialnamnden', 'FOLLOW_UP_PLAN')).toMatchObject({ state: 'MET', met: 3, notMet: 0 });
    // Per committee the count is the audit's, never a summary's single answer times its count.
    const farsta = gaps.byCommittee.find((c) => c.committee.name === 'Farsta stadsdelsnämnd')!;
    expect(farsta.missing.find((m) => m.criterion === 'FOLLOW_UP_PLAN')).toEqual({ criterion: 'FOLLOW_UP_PLAN', agreements: 3, undetermined: 0 });
    const eav = gaps.byCommittee.find((c) => c.committee.name === 'Enskede-Årsta-Vantörs stadsdelsnämnd')!;
    expect(eav.missing.find((m) => m.criterion === 'FOLLOW_UP_PLAN')?.agreements).toBe(4);
  });

  it('Farsta’s steering group: in only one of its four agreements, not unknown', () => {
    expect(criterion('farsta', 'STEERING_MEETINGS')).toMatchObject({ state: 'PARTLY_MET', met: 1, notMet: 3, unknown: 0 });
    expect(criterion('farsta', 'STEERING_MEETINGS').provenance?.quote).toBe(AUDIT.farstaSteering[1]);
  });

  it('the headline counts agreements: 20 audited in 4 committees, not "4 IOP"', () => {
    const counted = Object.values(AUDIT.count).map(([, text]) => Number(/(\d+) stycken/.exec(text)![1]));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(20);
    expect(gaps.iopTotals).toMatchObject({ audited: 20, auditedCommittees: 4 });
    // With the IOP that source 000 mentions (arbetsmarknadsförvaltningen's), 21 IOP agreements in 5 records.
    expect(gaps.iopTotals).toMatchObject({ agreements: 21, records: 5 });
  });

  it('Socialnämnden’s documented considerations: not documented, as the audit’s summary says, with its reservation', () => {
    const c = criterion('socialnamnden', 'DOCUMENTED_CONSIDERATIONS');
    expect(c).toMatchObject({ state: 'MISSING', met: 0, notMet: 3 });
    expect(c.provenance?.quote).toBe(AUDIT.considerationsSummary[1]);
    expect(c.qualification).toContain(AUDIT.socialnamndenInvestigations[1]);
  });

  it('the value ranges are in the API, as the audit gives them', async () => {
    const { body } = await s.post<{ agreements: { id: string; valueMinSek: number | null; valueMaxSek: number | null }[] }>('{ agreements(kinds: [IOP]) { id valueMinSek valueMaxSek } }');
    expect(body.errors).toBeUndefined();
    const range = (id: string) => body.data!.agreements.find((a) => a.id === id);
    expect(range(COMMITTEES.socialnamnden)).toMatchObject({ valueMinSek: 712_000, valueMaxSek: 22_000_000 });
    expect(range(COMMITTEES.eav)).toMatchObject({ valueMinSek: 60_000, valueMaxSek: 500_000 });
    // "Från ca 10 000 kr till del av årshyra…": no upper figure.
    expect(range(COMMITTEES.farsta)).toMatchObject({ valueMinSek: 10_000, valueMaxSek: null });
    expect(range(COMMITTEES.rinkebyKista)).toMatchObject({ valueMinSek: 77_000, valueMaxSek: 4_200_000 });
  });

  it('the partner check is a criterion, site visits apart: "Platsbesök genomförs inte" (Rinkeby-Kista)', () => {
    expect(criterion('rinkebyKista', 'SITE_VISITS')).toMatchObject({ state: 'MISSING', notMet: 8 });
    expect(criterion('rinkebyKista', 'SITE_VISITS').provenance?.quote).toMatch(/^Platsbesök genomförs inte/);
    expect(criterion('eav', 'SITE_VISITS')).toMatchObject({ state: 'MET', met: 5 });
    expect(criterion('farsta', 'SITE_VISITS')).toMatchObject({ state: 'UNKNOWN', unknown: 4 });
    expect(criterion('socialnamnden', 'SITE_VISITS')).toMatchObject({ state: 'UNKNOWN', unknown: 3 });
    for (const committee of Object.keys(COMMITTEES) as (keyof typeof COMMITTEES)[]) expect(criterion(committee, 'PARTNER_CHECK').state, committee).toBe('MET');
    expect(gaps.auditCriteria.find((g) => g.agreement.id === COMMITTEES.rinkebyKista)!.missing).toContain('SITE_VISITS');
  });

  it('qualified findings are shown as qualified: Farsta links to committee goals, checks no partner that already has a grant', () => {
    expect(criterion('farsta', 'POLITICAL_PROGRAMME')).toMatchObject({ state: 'MISSING', notMet: 4 });
    expect(criterion('farsta', 'POLITICAL_PROGRAMME').qualification).toMatch(/Kopplas till nämndmål/);
    expect(criterion('farsta', 'PARTNER_CHECK').qualification).toBe('Om partnern redan får föreningsbidrag, genomförs ingen ny kontroll.');
    // Every finding cites source 004.
    for (const g of gaps.auditCriteria.filter((x) => Object.values(COMMITTEES).includes(x.agreement.id as never))) {
      for (const c of g.criteria) expect(c.provenance?.source?.id, `${g.agreement.id} ${c.criterion}`).toBe('src:004');
    }
  });
});
