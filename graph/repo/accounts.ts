/** The accounts side of the store: users, sessions, sign-in throttles, password resets, audit trail, audited editing, contact freshness, personal data. */
import type { GraphStore } from '../store.js';
import { UserRepository } from './users.js';
import { SessionRepository } from './sessions.js';
import { AuditRepository } from './audit.js';
import { EditingService } from './editing.js';
import { ContactRepository } from './contacts.js';
import { PersonalDataService } from './personal-data.js';
import { SignInThrottles } from './throttles.js';
import { WriteAllowances } from './write-allowance.js';
import { PasswordResets } from './password-resets.js';

export interface Accounts {
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  editing: EditingService;
  contacts: ContactRepository;
  personalData: PersonalDataService;
  throttles: SignInThrottles;
  /** Writes per account a minute, counted in the graph for every server. */
  writes: WriteAllowances;
  resets: PasswordResets;
}

export function accountsOver(store: Pick<GraphStore, 'engine' | 'organisations' | 'links'>): Accounts {
  const { engine } = store;
  return {
    users: new UserRepository(engine),
    sessions: new SessionRepository(engine),
    audit: new AuditRepository(engine),
    editing: new EditingService(engine, store.organisations, store.links),
    contacts: new ContactRepository(engine, store.organisations),
    personalData: new PersonalDataService(engine),
    throttles: new SignInThrottles(engine),
    writes: new WriteAllowances(engine),
    resets: new PasswordResets(engine),
  };
}
