// The list of past jobs (GET /talks, newest first, "load more" by token). SPDX-License-Identifier: GPL-3.0-or-later

import { api } from './api.js';
import { $, el, FINAL, formatDuration, formatWhen, showError, talkTitle } from './ui.js';

const PAGE = 10;
const EMPTY = 'No videos yet. The ones you make are listed here.';

const list = {
  token: null,
  loading: false,
  generation: 0,
  hooks: { open: () => {}, deleted: () => {}, trackedId: () => null, shownId: () => null },
};

/** `hooks`: open(id) plays or follows a job, deleted(id) after a delete, trackedId(), shownId(). */
export function initJobs(hooks) {
  Object.assign(list.hooks, hooks);
  $('jobs-refresh').addEventListener('click', () => loadJobs(true));
  $('jobs-more').addEventListener('click', () => loadJobs(false));
}

/** The first page again (`reset`), or the next one. */
export async function loadJobs(reset) {
  if (list.loading && !reset) return;
  const generation = ++list.generation;
  list.loading = true;
  const more = $('jobs-more');
  more.disabled = true;
  more.classList.toggle('is-busy', !reset);
  try {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (!reset && list.token) query.set('token', list.token);
    const answer = await api(`/talks?${query}`);
    if (generation !== list.generation) return;
    const rows = (answer.talks || []).map(jobRow);
    const jobs = $('jobs-list');
    if (reset) jobs.replaceChildren(...rows); else jobs.append(...rows);
    list.token = answer.token || null;
    more.hidden = !list.token;
    $('jobs-empty').textContent = EMPTY;
    $('jobs-empty').hidden = jobs.children.length > 0;
    showError($('jobs-error'), null);
  } catch (error) {
    if (generation === list.generation) showError($('jobs-error'), error);
  } finally {
    if (generation === list.generation) {
      list.loading = false;
      more.disabled = false;
      more.classList.remove('is-busy');
    }
  }
}

/** Empties the list and says why (no key yet). */
export function lockJobs(message) {
  list.generation += 1;
  list.loading = false;
  $('jobs-list').replaceChildren();
  $('jobs-more').hidden = true;
  $('jobs-empty').textContent = message;
  $('jobs-empty').hidden = false;
}

function statusText(talk) {
  if (talk.status === 'started' && typeof talk.progress === 'number') return `Working · ${Math.round(talk.progress * 100)}%`;
  return { created: 'Queued', started: 'Working', done: 'Done', error: 'Failed', rejected: 'Rejected' }[talk.status] || talk.status;
}

function jobRow(talk) {
  const done = talk.status === 'done' && talk.result_url;
  const title = talkTitle(talk);
  const created = talk.created_at ? new Date(talk.created_at) : null;
  const tracked = list.hooks.trackedId() === talk.id;
  const small = 'btn btn-ghost btn-small';
  const remove = el('button', { class: `${small} btn-danger job-delete`, type: 'button', text: 'Delete', 'aria-label': `Delete ${title}` });
  remove.addEventListener('click', () => deleteJob(talk, remove));
  const row = el('li', { class: 'job', dataset: { id: talk.id, status: talk.status } }, [
    el('div', { class: 'job-title' }, [
      el('span', { class: 'job-name', text: title, title }),
      el('span', { class: 'job-sub', text: talk.id }),
    ]),
    el('span', { class: `badge badge-${talk.status} job-status`, text: statusText(talk) }),
    el('time', {
      class: 'job-time', datetime: talk.created_at,
      title: created ? created.toLocaleString() : undefined, text: talk.created_at ? formatWhen(talk.created_at) : '',
    }),
    el('span', { class: 'job-duration', text: done ? formatDuration(talk.duration) : '—' }),
    el('div', { class: 'job-actions' }, [
      done ? el('button', { class: `${small} job-play`, type: 'button', text: 'Play', 'aria-label': `Play ${title}`, onclick: () => list.hooks.open(talk.id) }) : null,
      done ? el('a', { class: `${small} job-download`, href: talk.result_url, download: `${talk.id}.mp4`, text: 'Download', 'aria-label': `Download ${title}` }) : null,
      !FINAL.has(talk.status) && !tracked ? el('button', { class: `${small} job-follow`, type: 'button', text: 'Follow', onclick: () => list.hooks.open(talk.id) }) : null,
      remove,
    ]),
    talk.error && talk.error.description ? el('p', { class: 'job-error', text: talk.error.description }) : null,
  ]);
  if (tracked || list.hooks.shownId() === talk.id) row.classList.add('is-current');
  return row;
}

/** A followed job's live status in its row. */
export function updateJobRow(update) {
  if (!update.id) return;
  const row = document.querySelector(`.job[data-id="${CSS.escape(update.id)}"]`);
  if (!row) return;
  const badge = row.querySelector('.job-status');
  badge.className = `badge badge-${update.status} job-status`;
  badge.textContent = statusText(update);
  const follow = row.querySelector('.job-follow');
  if (follow) follow.remove();
  markCurrent(update.id);
}

/** Highlights the row of the job in the player (or followed). */
export function markCurrent(id) {
  for (const row of document.querySelectorAll('.job')) row.classList.toggle('is-current', row.dataset.id === id);
}

async function deleteJob(talk, button) {
  if (!button.classList.contains('is-confirming')) {
    button.classList.add('is-confirming');
    button.textContent = 'Confirm';
    setTimeout(() => { button.classList.remove('is-confirming'); button.textContent = 'Delete'; }, 3500);
    return;
  }
  button.disabled = true;
  try {
    await api(`/talks/${encodeURIComponent(talk.id)}`, { method: 'DELETE' });
    button.closest('.job')?.remove();
    $('jobs-empty').hidden = $('jobs-list').children.length > 0;
    list.hooks.deleted(talk.id);
  } catch (error) {
    button.disabled = false;
    showError($('jobs-error'), error);
  }
}
