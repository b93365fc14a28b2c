// The video panel: a job's live progress (server-sent events, else polling) and the finished
// video. SPDX-License-Identifier: GPL-3.0-or-later

import { api, readEvents } from './api.js';
import { $, el, FINAL, formatClock, formatDuration, setStatus, showError, sizeLabel, stageLabel, talkTitle } from './ui.js';

const LAST_TALK = 'orator.lastTalk';

let tracking = null; // {id, controller, pollTimer, clock, started}
const hooks = { progress: () => {}, ended: () => {}, shown: () => {} };

/** `handlers`: progress(update) on every change, ended(talk) when a job ends, shown(id) when a video shows. */
export function initOutput(handlers) {
  Object.assign(hooks, handlers);
  $('cancel').addEventListener('click', cancel);
}

export function trackedId() {
  return tracking ? tracking.id : null;
}

export function shownId() {
  return $('result').hidden ? null : $('result-video').dataset.talkId || null;
}

/** The job to show again after a reload. */
export function lastTalkId() {
  try { return localStorage.getItem(LAST_TALK); } catch { return null; }
}

function remember(id) {
  try {
    if (id) localStorage.setItem(LAST_TALK, id); else localStorage.removeItem(LAST_TALK);
  } catch { /* private mode: nothing kept */ }
}

function stopTracking() {
  if (!tracking) return;
  tracking.controller.abort();
  clearTimeout(tracking.pollTimer);
  clearInterval(tracking.clock);
  tracking = null;
}

function showProgress(update) {
  $('output-empty').hidden = true;
  $('job-progress').hidden = false;
  const status = update.status || 'created';
  const value = typeof update.progress === 'number' ? Math.max(0, Math.min(1, update.progress)) : null;
  const bar = $('progress');
  const indeterminate = value === null || status === 'created';
  const percent = Math.round((value || 0) * 100);
  const label = stageLabel(status, update.stage);
  bar.classList.toggle('is-indeterminate', indeterminate);
  $('progress-bar').style.width = `${percent}%`;
  bar.setAttribute('aria-valuenow', String(percent));
  bar.setAttribute('aria-valuetext', `${label}, ${percent}%`);
  $('progress-stage').textContent = label;
  $('progress-percent').textContent = indeterminate ? '' : `${percent}%`;
  setStatus($('output-meta'), status === 'created' ? 'Queued' : 'Working…', 'busy');
  if (tracking) hooks.progress({ id: tracking.id, status, progress: value });
}

/** Follows job `id` until it ends; `initial` is what is known of it already. */
export function track(id, initial) {
  stopTracking();
  remember(id);
  const current = { id, controller: new AbortController(), pollTimer: null, clock: null, started: Date.now() };
  tracking = current;
  clearVideo();
  showError($('job-error'), null);
  $('cancel').disabled = false;
  const since = initial && initial.created_at ? Date.parse(initial.created_at) : NaN;
  if (Number.isFinite(since)) current.started = Math.min(Date.now(), since);
  const tick = () => { $('progress-elapsed').textContent = `${formatClock((Date.now() - current.started) / 1000)} elapsed`; };
  tick();
  current.clock = setInterval(tick, 1000);
  showProgress(initial || { status: 'created' });
  const onEvent = (name, data) => {
    let payload;
    try { payload = JSON.parse(data); } catch { return undefined; }
    if (name === 'status' || (payload && FINAL.has(payload.status) && payload.result_url !== undefined)) return payload;
    if (name === 'progress' || name === 'message') showProgress(payload);
    return undefined;
  };
  readEvents(`/talks/${encodeURIComponent(id)}/events`, { signal: current.controller.signal, onEvent }).then(
    (final) => { if (tracking === current) { if (final) finish(final); else poll(current); } },
    () => { if (tracking === current) poll(current); },
  );
}

/** GET /talks/{id} every second: the fallback when the event stream fails or ends early. */
function poll(current) {
  const again = (delay) => { if (tracking === current) current.pollTimer = setTimeout(step, delay); };
  const step = async () => {
    if (tracking !== current) return;
    try {
      const talk = await api(`/talks/${encodeURIComponent(current.id)}`, { signal: current.controller.signal });
      if (tracking !== current) return;
      if (FINAL.has(talk.status)) { finish(talk); return; }
      showProgress(talk);
      again(1000);
    } catch (error) {
      if (error.name === 'AbortError' || tracking !== current) return;
      if (error.status === 404) { finish({ id: current.id, status: 'deleted' }); return; }
      if (error.status !== 401) setStatus($('output-meta'), 'Reconnecting…', 'busy');
      again(error.status === 401 ? 3000 : 2000);
    }
  };
  step();
}

/** A job ended (or was deleted): the video, or what went wrong. */
function finish(talk) {
  stopTracking();
  $('job-progress').hidden = true;
  if (talk.status === 'done') {
    showResult(talk);
  } else if (talk.status === 'deleted' || !talk.status) {
    remember(null);
    $('output-empty').hidden = false;
    setStatus($('output-meta'), 'Deleted');
  } else {
    $('output-empty').hidden = false;
    const error = talk.error || {};
    const what = talk.status === 'rejected' ? 'Orator could not make a video from this input' : 'The video failed';
    showError($('job-error'), { description: `${what}: ${error.description || 'no reason given'}` });
    setStatus($('output-meta'), talk.status === 'rejected' ? 'Rejected' : 'Failed', 'error');
  }
  hooks.ended(talk);
}

function clearVideo() {
  const video = $('result-video');
  $('result').hidden = true;
  video.pause();
  video.removeAttribute('src');
  video.replaceChildren();
  delete video.dataset.talkId;
  video.load();
}

/** Plays a finished talk: its signed result_url needs no key. */
export function showResult(talk) {
  stopTracking();
  remember(talk.id);
  $('job-progress').hidden = true;
  $('output-empty').hidden = true;
  showError($('job-error'), null);
  const video = $('result-video');
  const captions = talk.captions || {};
  video.replaceChildren();
  if (captions.vtt) video.append(el('track', { kind: 'captions', src: captions.vtt, srclang: 'en', label: 'Captions' }));
  video.src = talk.result_url;
  video.dataset.talkId = talk.id;
  const title = talkTitle(talk);
  $('result-name').textContent = title;
  $('result-name').title = title;
  const size = talk.config && talk.config.size ? ` · ${sizeLabel(talk.config.size)}` : '';
  $('result-duration').textContent = `${formatDuration(talk.duration)}${size}`;
  const download = $('result-download');
  download.href = talk.result_url;
  download.setAttribute('download', `${(talk.name || talk.id).replace(/[^\w.-]+/g, '-').slice(0, 60) || talk.id}.mp4`);
  $('result-captions').replaceChildren(...['srt', 'vtt'].filter((kind) => captions[kind]).map((kind) =>
    el('a', { href: captions[kind], download: `${talk.id}.${kind}`, text: kind.toUpperCase() })));
  $('result').hidden = false;
  setStatus($('output-meta'), 'Done', 'ok');
  hooks.shown(talk.id);
}

/** Shows job `id` as it is now: its video, its progress, or its error. */
export async function open(id) {
  const talk = await api(`/talks/${encodeURIComponent(id)}`);
  if (talk.status === 'done') showResult(talk);
  else if (FINAL.has(talk.status)) finish(talk);
  else track(talk.id, talk);
  return talk;
}

/** Job `id` is gone (deleted from the list): stop following it or showing it. */
export function forget(id) {
  if (trackedId() === id) finish({ id, status: 'deleted' });
  if (shownId() === id) {
    clearVideo();
    remember(null);
    $('output-empty').hidden = false;
    setStatus($('output-meta'), '');
  }
}

async function cancel() {
  const current = tracking;
  if (!current) return;
  $('cancel').disabled = true;
  try {
    await api(`/talks/${encodeURIComponent(current.id)}`, { method: 'DELETE' });
    if (tracking === current) finish({ id: current.id, status: 'deleted' });
    setStatus($('output-meta'), 'Cancelled');
  } catch (error) {
    $('cancel').disabled = false;
    showError($('job-error'), error);
  }
}
