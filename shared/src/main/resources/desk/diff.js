// A readable line diff (longest common subsequence): removed lines struck through, added ones
// marked, the rest as they were. Text only, never markup.
import { h } from './views.js';

export function diffLines(before, after) {
  const a = String(before || '').split('\n');
  const b = String(after || '').split('\n');
  const n = a.length;
  const m = b.length;
  // Long bodies: compare at most 2,000 lines each way, which is more than any release has.
  if (n * m > 4000000) return h('div', { class: 'diff' }, h('del', null, before), h('ins', null, after));
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  let changes = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push(h('span', { class: 'same' }, a[i] || ' ')); i++; j++; }
    else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) { out.push(h('ins', null, h('span', { class: 'visually-hidden' }, 'Added: '), b[j] || ' ')); j++; changes++; }
    else { out.push(h('del', null, h('span', { class: 'visually-hidden' }, 'Removed: '), a[i] || ' ')); i++; changes++; }
  }
  return h('div', { class: 'diff' }, changes === 0 ? h('span', { class: 'muted' }, 'No change.') : out);
}
