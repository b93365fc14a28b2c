// Small DOM and wording helpers shared by the page's modules. SPDX-License-Identifier: GPL-3.0-or-later

export const $ = (id) => document.getElementById(id);

/** The job states after which nothing changes. */
export const FINAL = new Set(['done', 'error', 'rejected']);

const STAGES = {
  queued: 'Waiting in the queue',
  starting: 'Starting',
  speech: 'Speaking the script',
  speak: 'Speaking the script',
  lipsync: 'Matching the lips to the speech',
  face: 'Finding the face',
  motion: 'Animating the head',
  background: 'Preparing the background',
  render: 'Rendering frames',
  scene: 'Rendering the scene',
  audio: 'Mixing the audio',
  mix: 'Mixing the sound',
  encode: 'Encoding the video',
  done: 'Done',
};

/** `el('a', {class, text, href, dataset, onclick}, children)`: an element, never parsed HTML. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of [].concat(children)) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/** Shows an error's description in `node` (an inline error box), or hides it for null. */
export function showError(node, error) {
  if (!node) return;
  if (!error) { node.hidden = true; node.textContent = ''; return; }
  if (error.status === 401) { node.hidden = true; return; } // the key banner says it
  node.textContent = error.description || error.message || String(error);
  node.hidden = false;
}

/** A status line's text and tone (ok, error, busy or none). */
export function setStatus(node, text, tone) {
  node.textContent = text || '';
  node.classList.remove('is-ok', 'is-error', 'is-busy');
  if (tone) node.classList.add(`is-${tone}`);
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return '—';
  const s = Number(seconds);
  if (s < 60) return `${s.toFixed(1)} s`;
  const minutes = Math.floor(s / 60);
  const rest = Math.round(s - minutes * 60);
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}

export function formatClock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatWhen(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = (Date.now() - date.getTime()) / 1000;
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (new Date().toDateString() === date.toDateString()) return `today, ${time}`;
  return `${date.toLocaleDateString([], { month: 'short', day: 'numeric' })}, ${time}`;
}

/** The start of a script, cut at a word: a job's name when none is given. */
export function firstWords(text, limit = 60) {
  const flat = String(text || '').replace(/^#+\s*/gm, '').replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}

export function talkTitle(talk) {
  if (talk.name) return talk.name;
  const script = talk.script || {};
  if (script.input) return firstWords(script.input);
  if (script.type === 'audio' || talk.audio_url) return 'Recording';
  return talk.object === 'episode' ? 'Episode' : 'Untitled video';
}

export function sizeLabel(size) {
  const presets = { landscape: '1920 × 1080', vertical: '1080 × 1920', square: '1080 × 1080', face: '512 × 512' };
  const text = String(size);
  if (presets[text]) return presets[text];
  if (/^\d+$/.test(text)) return `${text} × ${text}`;
  return text.replace('x', ' × ');
}

export function stageLabel(status, stage) {
  if (status === 'created') return STAGES.queued;
  if (status === 'done') return STAGES.done;
  if (!stage) return STAGES.starting;
  return STAGES[stage] || stage.charAt(0).toUpperCase() + stage.slice(1);
}
