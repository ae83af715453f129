import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import type { Word } from '../lib/i18n.js';

export function SignIn({ t, onSignIn, languageButton }: { t: (w: Word) => string; onSignIn: (key: string, remember: boolean) => Promise<void>; languageButton: ComponentChildren }) {
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main class="sign-in">
      <div class="lang-corner">{languageButton}</div>
      <h1>{t('appTitle')}</h1>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await onSignIn(key.trim(), remember);
          } catch (e) {
            setError(e instanceof ApiError ? `${e.title}: ${e.detail}` : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label for="api-key">{t('apiKey')}</label>
        <input id="api-key" name="api-key" type="password" autoComplete="off" value={key} onInput={(e) => setKey(e.currentTarget.value)} required />
        <label class="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} /> {t('rememberMe')}
        </label>
        <p class="hint">{t('keyHint')}</p>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy || key.trim() === ''}>{t('signIn')}</button>
      </form>
    </main>
  );
}
