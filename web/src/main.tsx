import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createJobRunner } from './api/analysis-runner.js';
import { createClient } from './api/client.js';
import { AppContext, type Me } from './app-context.js';
import { readLanguage, saveLanguage, translate, type Language, type Word } from './lib/i18n.js';
import { forgetKey, readKey, saveKey } from './lib/key-store.js';
import { DealPage } from './pages/deal-page.js';
import { DealsPage } from './pages/deals-page.js';
import { PortfolioPage, PortfoliosPage } from './pages/portfolios-page.js';
import { SignIn } from './pages/sign-in.js';
import './styles.css';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function App() {
  const [language, setLanguage] = useState<Language>(readLanguage());
  const [key, setKey] = useState<string | null>(readKey());
  const [me, setMe] = useState<Me | null>(null);
  const hash = useHash();
  const t = (word: Word) => translate(language, word);
  const signOut = () => {
    forgetKey();
    setKey(null);
    setMe(null);
    location.hash = '';
  };
  const client = useMemo(() => createClient({ key: () => key, language: () => language, onUnauthorised: signOut }), [key, language]);
  const runner = useMemo(() => createJobRunner(client), [client]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appTitle');
  }, [language]);
  useEffect(() => {
    if (key && !me) client.call<Me>('me').then((r) => setMe(r.body), () => signOut());
  }, [key]);

  const switchLanguage = () => {
    const next = language === 'en' ? 'zh-CN' : 'en';
    saveLanguage(next);
    setLanguage(next);
  };
  const languageButton = (
    <button type="button" class="link" onClick={switchLanguage} lang={language === 'en' ? 'zh-CN' : 'en'}>
      {t('language')}
    </button>
  );

  if (!key || !me) {
    return (
      <SignIn
        t={t}
        languageButton={languageButton}
        onSignIn={async (candidate, remember) => {
          const probe = createClient({ key: () => candidate, language: () => language });
          const reply = await probe.call<Me>('me');
          saveKey(candidate, remember);
          setKey(candidate);
          setMe(reply.body);
          location.hash = reply.body.role === 'budget' ? '#/portfolios' : '#/deals';
        }}
      />
    );
  }

  const canEdit = me.role === 'admin' || me.role === 'modeler';
  const context = { language, t, client, runner, me, canEdit, navigate: (h: string) => (location.hash = h) };
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  let page;
  if (parts[0] === 'deals' && parts[1]) page = <DealPage key={parts[1]} dealId={parts[1]} tab={parts[2] ?? ''} />;
  else if (parts[0] === 'portfolios' && parts[1]) page = <PortfolioPage key={parts[1]} portfolioId={parts[1]} />;
  else if (parts[0] === 'portfolios' || (parts[0] !== 'deals' && me.role === 'budget')) page = <PortfoliosPage />;
  else page = <DealsPage />;

  return (
    <AppContext.Provider value={context}>
      <header class="top">
        <a class="brand" href="#/deals">{t('appTitle')}</a>
        <nav aria-label="main">
          <a href="#/deals">{t('deals')}</a>
          <a href="#/portfolios">{t('portfolios')}</a>
        </nav>
        <span class="who" data-testid="who">
          {me.organisation} · {t('role')}: {me.role}
        </span>
        {languageButton}
        <button type="button" onClick={signOut}>{t('signOut')}</button>
      </header>
      <main>{page}</main>
    </AppContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
