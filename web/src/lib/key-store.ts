const KEY = 'rcp.apiKey';

/**
 * Where the API key lives: sessionStorage (gone when the tab closes) unless the user asks to be
 * remembered (localStorage). Never in a URL. Signing out removes it from both.
 */
export function readKey(): string | null {
  return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY);
}
export function saveKey(key: string, remember: boolean): void {
  forgetKey();
  (remember ? localStorage : sessionStorage).setItem(KEY, key);
}
export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
}
