/** The accounts every test server holds (the app itself has no default account). */
export const PASSWORD = 'korrekt-häst-batteri-häftstift';
export const SYSTEM = { id: 'system:test', displayName: 'Test' };

export const ACCOUNTS = {
  password: PASSWORD,
  admin: { email: 'admin@stad.example', name: 'Ada Admin' },
  editor: { email: 'editor@stad.example', name: 'Eda Editor' },
  editor2: { email: 'editor2@stad.example', name: 'Edvin Editor' },
  /** Represents Stockholms Stadsmission. */
  representative: { email: 'rep@forening.example', name: 'Rita Representant' },
} as const;
