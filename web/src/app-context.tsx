import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AnalysisRunner } from './api/analysis-runner.js';
import type { Client } from './api/client.js';
import type { Language, Word } from './lib/i18n.js';

export type Role = 'admin' | 'modeler' | 'reviewer' | 'budget';

export interface Me {
  keyId: string;
  organisation: string;
  role: Role;
}

export interface AppContextValue {
  language: Language;
  t: (word: Word) => string;
  client: Client;
  runner: AnalysisRunner;
  me: Me;
  /** Whether the key may create and change deals (admin, modeler). */
  canEdit: boolean;
  navigate: (hash: string) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
}
