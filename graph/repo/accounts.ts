/** The accounts side of the store (issue 7): users, sessions, audit trail, audited editing, contact freshness, personal data. */
import type { GraphStore } from '../store.js';
import { UserRepository } from './users.js';
import { SessionRepository } from './sessions.js';
import { AuditRepository } from './audit.js';
import { EditingService } from './editing.js';
import { ContactRepository } from './contacts.js';
import { PersonalDataService } from './personal-data.js';

export interface Accounts {
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  editing: EditingService;
  contacts: ContactRepository;
  personalData: PersonalDataService;
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
  };
}
