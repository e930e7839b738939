/** The backend radio group: every backend the worker registered, with its state or why it cannot run. */
import type { BackendInfo } from './protocol.js';

export function renderBackends(fieldset: HTMLFieldSetElement, list: readonly BackendInfo[], onPick: (name: string) => void): void {
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(...(legend ? [legend] : []));
  for (const b of list) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'backend';
    input.value = b.name;
    input.checked = b.state === 'active';
    input.disabled = b.state === 'unavailable';
    input.addEventListener('change', () => input.checked && onPick(b.name));
    const text = document.createElement('span');
    const state = b.state === 'idle' ? 'not started yet (starts when picked)' : b.state;
    text.textContent = ` ${b.name} — ${state}${b.detail ? ` (${b.detail})` : ''}`;
    label.append(input, text);
    label.dataset.backend = b.name;
    label.dataset.state = b.state;
    if (b.reason) {
      const why = document.createElement('span');
      why.className = 'why';
      why.textContent = b.reason;
      label.append(why);
    }
    fieldset.append(label);
  }
}
