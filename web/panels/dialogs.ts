// Small modal questions and passing notices: "this wipes the drill — go on?",
// "recover the drill you were running?", "drill saved". A question is a
// promise of the person's answer; Escape or Cancel is no.
import { byId, h } from '../dom.ts';
import { t, type Key } from '../i18n.ts';

export interface Choice {
  label: string;
  testid: string;
  primary?: boolean;
}

/** Shows a question with buttons; resolves with the index of the button pressed (the last is the cancel). */
export function ask(title: string, body: string, choices: Choice[]): Promise<number> {
  const dialog = byId('confirm');
  return new Promise((resolve) => {
    const done = (i: number) => {
      dialog.hidden = true;
      window.removeEventListener('keydown', onKey, true);
      resolve(i);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        done(choices.length - 1);
      }
    };
    const buttons = choices.map((c, i) => {
      const b = h('button', { type: 'button', class: c.primary ? 'primary' : '', 'data-testid': c.testid }, c.label);
      b.addEventListener('click', () => done(i));
      return b;
    });
    dialog.replaceChildren(h('h2', { 'data-testid': 'confirm-title' }, title), h('p', { 'data-testid': 'confirm-body' }, body), h('div', { class: 'buttons' }, ...buttons));
    dialog.hidden = false;
    window.addEventListener('keydown', onKey, true);
    buttons.find((_, i) => choices[i].primary)?.focus();
  });
}

/** "This throws away the drill in progress": yes (go on) or no. */
export async function confirmDiscard(what: Key, params: Record<string, string | number>): Promise<boolean> {
  const answer = await ask(t('confirm.title'), t(what, params), [
    { label: t('confirm.discard'), testid: 'confirm-ok' },
    { label: t('confirm.keep'), testid: 'confirm-cancel', primary: true },
  ]);
  return answer === 0;
}

let toastTimer: ReturnType<typeof setTimeout> | null = null;

/** A notice that stays a few seconds: the result of a save, a load, a recovery. */
export function toast(text: string, ok = true): void {
  const el = byId('toast');
  el.textContent = text;
  el.className = ok ? 'ok' : 'bad';
  el.hidden = false;
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 8000);
}
