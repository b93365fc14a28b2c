// Orator's web page: the form, the presenter preview, and the wiring of the other modules.
// The API is docs/server.md. SPDX-License-Identifier: GPL-3.0-or-later

import { api, forgetKey, health, onUnauthorized, saveKey, storedKey } from './api.js';
import { initJobs, loadJobs, lockJobs, markCurrent, updateJobRow } from './jobs.js';
import { forget, initOutput, lastTalkId, open, shownId, track, trackedId } from './output.js';
import { $, el, firstWords, formatDuration, setStatus, showError } from './ui.js';

const state = {
  auth: false,          // GET /health says the server wants a key
  locked: false,        // it does, and this page has none that works
  presenter: 'builtin',
  source: 'text',
  avatars: [],
  voices: [],
  image: null,          // the POST /images answer for the chosen photo
  imageBusy: false,
  imageSeq: 0,
  faceIndex: null,      // a face chosen by the user, 0-based left to right; null: the largest
  audio: null,          // the POST /audios answer
  audioBusy: false,
  audioSeq: 0,
  submitting: false,
  objectUrls: {},
};

function objectUrl(slot, file) {
  if (state.objectUrls[slot]) URL.revokeObjectURL(state.objectUrls[slot]);
  state.objectUrls[slot] = file ? URL.createObjectURL(file) : null;
  return state.objectUrls[slot];
}

// ---------------------------------------------------------------- health and key

async function loadHealth() {
  const badge = $('health');
  try {
    const answer = await health();
    state.auth = Boolean(answer.auth);
    const busy = (answer.running || 0) + (answer.queued || 0);
    const parts = [answer.version ? `Orator ${answer.version}` : 'Ready'];
    parts.push(busy ? `${answer.running || 0} running, ${answer.queued || 0} queued` : 'idle');
    badge.textContent = parts.join(' · ');
    badge.className = 'health is-ok';
    $('api-key-toggle').hidden = !state.auth;
    if (state.auth && !storedKey()) askForKey(false);
  } catch {
    badge.textContent = 'Server unreachable';
    badge.className = 'health is-down';
  }
}

function askForKey(rejected) {
  const panel = $('auth-panel');
  const wasHidden = panel.hidden;
  panel.hidden = false;
  $('api-key-toggle').hidden = false;
  if (rejected && storedKey()) {
    showError($('auth-error'), { description: 'The server refused this key. Check it against the server\'s key file.' });
  }
  if (wasHidden) $('api-key').focus({ preventScroll: true });
}

/** Says what waits for a key instead of showing empty lists. */
function lock() {
  if (state.locked) return;
  state.locked = true;
  state.voices = [];
  $('voice-select').replaceChildren(el('option', { value: '', text: 'Enter the API key to load voices' }));
  $('voice-select').disabled = true;
  lockJobs('Enter the API key above to see your videos.');
  updateSubmit();
}

function bindAuth() {
  $('api-key').value = storedKey();
  onUnauthorized(() => { askForKey(true); lock(); });
  $('auth-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!/^[^:\s]+:\S+$/.test(key)) {
      showError($('auth-error'), { description: 'Enter the key as name:secret, for example alice:3f9c…' });
      $('api-key').classList.add('is-invalid');
      return;
    }
    saveKey(key);
    $('api-key').classList.remove('is-invalid');
    showError($('auth-error'), null);
    $('auth-panel').hidden = true;
    state.locked = false;
    loadEverything();
  });
  $('api-key-forget').addEventListener('click', () => {
    forgetKey();
    $('api-key').value = '';
    showError($('auth-error'), null);
    if (state.auth) lock(); else $('auth-panel').hidden = true;
  });
  $('api-key-toggle').addEventListener('click', () => {
    $('auth-panel').hidden = !$('auth-panel').hidden;
    if (!$('auth-panel').hidden) $('api-key').focus();
  });
}

// ---------------------------------------------------------------- presenter

function chosenAvatar() {
  return state.avatars.find((avatar) => avatar.id === $('avatar-select').value);
}

async function loadAvatars() {
  try {
    const answer = await api('/avatars');
    state.avatars = answer.avatars || [];
    showError($('avatar-error'), null);
  } catch (error) {
    state.avatars = [];
    showError($('avatar-error'), error);
  }
  const packs = state.avatars.filter((avatar) => avatar.kind !== 'builtin');
  const select = $('avatar-select');
  const previous = select.value;
  select.replaceChildren(...packs.map((avatar) => el('option', { value: avatar.id, text: avatar.name || avatar.id })));
  if (packs.some((avatar) => avatar.id === previous)) select.value = previous;
  select.disabled = packs.length === 0;
  $('avatar-hint').textContent = packs.length
    ? 'Packs made with orator avatar export, offered by this server.'
    : 'This server offers no avatar packs. Start it with --avatars DIR to add some.';
  const builtin = state.avatars.find((avatar) => avatar.kind === 'builtin');
  if (builtin && builtin.name) $('presenter-builtin').nextElementSibling.title = builtin.name;
  renderPreview();
  updateSubmit();
}

// The server's picture of the built-in presenter or the chosen pack, or the silhouette.
function showAvatarPreview(avatar) {
  const img = $('avatar-preview');
  const url = avatar && avatar.preview_url;
  img.hidden = !url;
  // An <svg> has no `hidden` property (SVGElement is not an HTMLElement): set the attribute.
  $('preview-silhouette').toggleAttribute('hidden', Boolean(url));
  if (url && img.getAttribute('src') !== url) {
    img.src = url;
    img.alt = `Preview of ${avatar.name || avatar.id}`;
  }
}

function renderPreview() {
  const photo = state.presenter === 'photo' && state.objectUrls.image;
  $('portrait-figure').hidden = !photo;
  $('preview-placeholder').hidden = Boolean(photo);
  if (state.presenter === 'builtin') {
    const builtin = state.avatars.find((avatar) => avatar.kind === 'builtin');
    $('preview-caption').textContent = (builtin && builtin.name) || 'Built-in presenter';
    showAvatarPreview(builtin);
    setStatus($('face-status'), 'Ready', 'ok');
  } else if (state.presenter === 'avatar') {
    const avatar = chosenAvatar();
    $('preview-caption').textContent = avatar ? avatar.name || avatar.id : 'No avatar pack chosen';
    showAvatarPreview(avatar);
    setStatus($('face-status'), avatar ? 'Ready' : '', avatar ? 'ok' : null);
  } else if (!photo) {
    showAvatarPreview(null);
    $('preview-caption').textContent = 'Upload a portrait to see it here';
    setStatus($('face-status'), '');
  } else {
    renderFaces();
  }
}

async function uploadPortrait(file) {
  if (!file) return;
  const seq = ++state.imageSeq;
  state.image = null;
  state.faceIndex = null;
  state.imageBusy = true;
  showError($('portrait-error'), null);
  $('portrait-label').textContent = file.name;
  $('portrait-sub').textContent = 'Uploading and looking for faces…';
  $('portrait-drop').classList.add('is-busy');
  $('portrait-img').src = objectUrl('image', file);
  $('face-boxes').replaceChildren();
  $('portrait-figure').classList.remove('is-faceless');
  renderPreview();
  setStatus($('face-status'), 'Looking for faces…', 'busy');
  updateSubmit();
  const form = new FormData();
  form.append('image', file, file.name);
  let failure = null;
  try {
    const image = await api('/images', { method: 'POST', body: form });
    if (seq === state.imageSeq) state.image = image;
  } catch (error) {
    failure = error;
  }
  if (seq !== state.imageSeq) return;
  state.imageBusy = false;
  $('portrait-drop').classList.remove('is-busy');
  if (failure) {
    objectUrl('image', null);
    $('portrait-label').textContent = 'Choose a portrait photo';
    $('portrait-sub').textContent = 'or drop it here · JPEG, PNG, WebP or BMP';
    $('portrait-input').value = '';
    renderPreview();
    showError($('portrait-error'), failure);
    if (failure.status !== 401) setStatus($('face-status'), 'Upload failed', 'error');
  } else {
    const count = (state.image.faces || []).length;
    $('portrait-sub').textContent = `${count ? `${count} face${count === 1 ? '' : 's'} found` : 'No face found'} · click or drop to choose another`;
    renderPreview();
  }
  updateSubmit();
}

/** Faces sorted left to right, the order `config.face` counts in. */
function facesLeftToRight() {
  const faces = (state.image && state.image.faces) || [];
  return faces.map((face) => ({ ...face })).sort((a, b) => a.x - b.x);
}

function largestFace(faces) {
  let best = 0;
  faces.forEach((face, index) => { if (face.width * face.height > faces[best].width * faces[best].height) best = index; });
  return best;
}

function renderFaces() {
  const boxes = $('face-boxes');
  const figure = $('portrait-figure');
  if (state.imageBusy || !state.image) { boxes.replaceChildren(); return; }
  const img = $('portrait-img');
  const width = state.image.width || img.naturalWidth || 1;
  const height = state.image.height || img.naturalHeight || 1;
  const faces = facesLeftToRight();
  figure.classList.toggle('is-faceless', faces.length === 0);
  if (faces.length === 0) {
    boxes.replaceChildren();
    setStatus($('face-status'), 'No face found in this photo', 'error');
    showError($('portrait-error'), { description: 'No face found in this photo. Orator needs a clear, front-facing face: try another photo.' });
    return;
  }
  const selected = state.faceIndex ?? largestFace(faces);
  const choosable = faces.length > 1;
  boxes.classList.toggle('is-choosable', choosable);
  boxes.replaceChildren(...faces.map((face, index) => {
    const label = choosable ? `Face ${index + 1}` : 'Face';
    const box = el(choosable ? 'button' : 'div', {
      class: `face-box${index === selected ? ' is-selected' : ''}${face.y / height < 0.08 ? ' is-at-top' : ''}`,
      type: choosable ? 'button' : undefined,
      'aria-label': choosable ? `${label}: make this face speak` : label,
      'aria-pressed': choosable ? String(index === selected) : undefined,
      dataset: { index: String(index) },
      onclick: choosable ? () => { state.faceIndex = index; renderFaces(); } : undefined,
    }, el('span', { class: 'face-box-label', text: label }));
    box.style.left = `${(face.x / width) * 100}%`;
    box.style.top = `${(face.y / height) * 100}%`;
    box.style.width = `${(face.width / width) * 100}%`;
    box.style.height = `${(face.height / height) * 100}%`;
    return box;
  }));
  setStatus($('face-status'), choosable ? `${faces.length} faces found · face ${selected + 1} speaks; click another to choose` : 'Face found', 'ok');
}

// ---------------------------------------------------------------- script and recording

function updateScriptMeta() {
  const text = $('script-text').value;
  $('script-count').textContent = `${text.length.toLocaleString()} character${text.length === 1 ? '' : 's'}`;
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  $('script-estimate').textContent = words ? `about ${formatDuration((words / 165) * 60)} of speech` : '';
}

async function uploadAudio(file) {
  if (!file) return;
  const seq = ++state.audioSeq;
  state.audio = null;
  state.audioBusy = true;
  showError($('audio-error'), null);
  $('audio-label').textContent = file.name;
  $('audio-drop').classList.add('is-busy');
  $('audio-player').src = objectUrl('audio', file);
  $('audio-preview').hidden = false;
  $('audio-duration').textContent = 'Uploading…';
  updateSubmit();
  const form = new FormData();
  form.append('audio', file, file.name);
  try {
    const audio = await api('/audios', { method: 'POST', body: form });
    if (seq !== state.audioSeq) return;
    state.audio = audio;
    $('audio-duration').textContent = formatDuration(audio.duration);
  } catch (error) {
    if (seq !== state.audioSeq) return;
    objectUrl('audio', null);
    $('audio-preview').hidden = true;
    $('audio-label').textContent = 'Choose a recording';
    $('audio-input').value = '';
    showError($('audio-error'), error);
  } finally {
    if (seq === state.audioSeq) {
      state.audioBusy = false;
      $('audio-drop').classList.remove('is-busy');
      updateSubmit();
    }
  }
}

// ---------------------------------------------------------------- voices

async function loadVoices() {
  const select = $('voice-select');
  const previous = select.value || 'en-us';
  try {
    const answer = await api('/voices');
    state.voices = answer.voices || [];
    showError($('voice-error'), null);
  } catch (error) {
    state.voices = [];
    if (error.status !== 401) select.replaceChildren(el('option', { value: '', text: 'Voices unavailable' }));
    showError($('voice-error'), error);
    updateSubmit();
    return;
  }
  const groups = [
    { provider: 'piper', label: 'Piper · neural voices' },
    { provider: 'espeak', label: 'eSpeak NG · fast, many languages' },
  ];
  const known = new Set(groups.map((group) => group.provider));
  const others = [...new Set(state.voices.map((voice) => voice.provider).filter((p) => !known.has(p)))];
  for (const provider of others) groups.push({ provider, label: provider });
  const children = [];
  for (const group of groups) {
    const voices = state.voices
      .filter((voice) => voice.provider === group.provider)
      .sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id));
    if (!voices.length) continue;
    children.push(el('optgroup', { label: group.label }, voices.map((voice) => {
      const missing = voice.installed === false;
      const name = voice.name && voice.name !== voice.id ? `${voice.name} (${voice.id})` : voice.id;
      return el('option', {
        value: `${voice.provider}:${voice.id}`,
        text: missing ? `${name} — not installed` : name,
        disabled: missing,
        dataset: { provider: voice.provider, id: voice.id },
      });
    })));
  }
  select.replaceChildren(...children);
  const options = [...select.options];
  const pick = options.find((o) => o.value === previous && !o.disabled)
    || options.find((o) => o.dataset.provider === 'espeak' && o.dataset.id === 'en-us')
    || options.find((o) => !o.disabled);
  if (pick) select.value = pick.value;
  updateVoiceHint();
  updateSubmit();
}

function chosenVoice() {
  const option = $('voice-select').selectedOptions[0];
  if (!option || !option.dataset.provider) return null;
  return { type: option.dataset.provider, voice_id: option.dataset.id };
}

function updateVoiceHint() {
  const hint = $('voice-hint');
  if (state.source === 'audio') { hint.textContent = 'The recording’s own voice is used.'; return; }
  const voice = chosenVoice();
  if (!voice) hint.textContent = '';
  else if (voice.type === 'piper') hint.textContent = 'A natural neural voice; it takes a little longer to speak.';
  else hint.textContent = 'A fast, clear formant voice; dozens of languages.';
}

// ---------------------------------------------------------------- submit

function submitBlocker() {
  if (state.submitting) return 'Sending…';
  if (state.locked) return 'Enter the API key first.';
  if (state.presenter === 'photo') {
    if (state.imageBusy) return 'Uploading the photo…';
    if (!state.image) return 'Upload a portrait photo first.';
    if (!(state.image.faces || []).length) return 'This photo has no face to animate.';
  }
  if (state.presenter === 'avatar' && !chosenAvatar()) return 'Choose an avatar pack.';
  if (state.source === 'text') {
    if (!$('script-text').value.trim()) return 'Type a script to speak.';
    if (!chosenVoice()) return 'Choose a voice.';
  } else {
    if (state.audioBusy) return 'Uploading the recording…';
    if (!state.audio) return 'Upload a recording first.';
  }
  return null;
}

function updateSubmit() {
  const blocker = submitBlocker();
  const button = $('submit');
  button.disabled = Boolean(blocker);
  button.classList.toggle('is-busy', state.submitting);
  button.textContent = state.submitting ? 'Sending…' : 'Create video';
  $('submit-hint').textContent = blocker && !state.submitting ? blocker : '';
}

function talkRequest() {
  const config = {
    result_format: 'mp4',
    size: $('size-select').value,
    still: $('still').checked,
    expression_scale: Number($('expression-scale').value),
  };
  const captions = [...document.querySelectorAll('input[name="captions"]:checked')].map((box) => box.value);
  if (captions.length) config.captions = captions;
  const request = { config };
  if (state.presenter === 'photo') {
    request.source_url = state.image.url || state.image.id;
    config.preprocess = $('preprocess-select').value;
    if (state.faceIndex !== null && (state.image.faces || []).length > 1) config.face = state.faceIndex;
  } else if (state.presenter === 'avatar') {
    config.avatar = chosenAvatar().id;
  }
  let name = $('talk-name').value.trim();
  if (state.source === 'text') {
    const input = $('script-text').value;
    request.script = { type: 'text', input, provider: chosenVoice() };
    if (!name) name = firstWords(input);
  } else {
    request.script = { type: 'audio', audio_url: state.audio.url || state.audio.id };
    const transcript = $('transcript-text').value.trim();
    if (transcript) request.script.transcript = transcript;
    if (!name) name = transcript ? firstWords(transcript) : $('audio-label').textContent;
  }
  if (name) request.name = name;
  return request;
}

/** Puts an API error next to the control it is about, or under the button. */
function placeSubmitError(error) {
  const text = `${error.description || ''}`.toLowerCase();
  let target = $('submit-error');
  if (error.status === 422 || error.status === 400 || error.status === 413) {
    if (/voice|provider/.test(text) && state.source === 'text') target = $('voice-error');
    else if (/avatar/.test(text) && state.presenter === 'avatar') target = $('avatar-error');
    else if (/(source_url|face|image|photo|portrait)/.test(text) && state.presenter === 'photo') target = $('portrait-error');
    else if (/size|width|height|pixels/.test(text)) target = $('size-error');
    else if (/(audio|recording|transcript)/.test(text) && state.source === 'audio') target = $('audio-error');
    else if (/(script|input|text|characters)/.test(text) && state.source === 'text') target = $('script-error');
  }
  showError(target, error);
  if (target !== $('submit-error') && target.scrollIntoView) target.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function clearSubmitErrors() {
  for (const id of ['submit-error', 'voice-error', 'size-error', 'script-error']) showError($(id), null);
  if (state.presenter === 'avatar') showError($('avatar-error'), null);
  if (state.presenter === 'photo' && state.image && (state.image.faces || []).length) showError($('portrait-error'), null);
  if (state.source === 'audio' && state.audio) showError($('audio-error'), null);
}

async function submitTalk(event) {
  event.preventDefault();
  if (submitBlocker()) return;
  clearSubmitErrors();
  state.submitting = true;
  updateSubmit();
  try {
    const created = await api('/talks', { method: 'POST', json: talkRequest() });
    track(created.id, created);
    loadJobs(true);
    loadHealth();
    if (window.matchMedia('(max-width: 900px)').matches) $('output-panel').scrollIntoView({ block: 'start', behavior: 'smooth' });
  } catch (error) {
    placeSubmitError(error);
  } finally {
    state.submitting = false;
    updateSubmit();
  }
}

// ---------------------------------------------------------------- wiring

function setPresenter(mode) {
  state.presenter = mode;
  for (const node of document.querySelectorAll('[data-presenter]')) node.hidden = node.dataset.presenter !== mode;
  renderPreview();
  updateSubmit();
}

function setSource(mode) {
  state.source = mode;
  for (const node of document.querySelectorAll('[data-source]')) node.hidden = node.dataset.source !== mode;
  $('voice-select').disabled = mode === 'audio' || state.voices.length === 0;
  // A recording's captions come from its transcript or, without one, from the recognized words.
  $('captions-hint').hidden = mode !== 'audio';
  updateVoiceHint();
  updateSubmit();
}

function bindDropzone(zone) {
  let depth = 0;
  zone.addEventListener('dragenter', () => { depth += 1; zone.classList.add('is-dragging'); });
  zone.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) zone.classList.remove('is-dragging'); });
  zone.addEventListener('drop', () => { depth = 0; zone.classList.remove('is-dragging'); });
}

function bind() {
  bindAuth();
  for (const radio of document.querySelectorAll('input[name="presenter"]')) {
    radio.addEventListener('change', () => radio.checked && setPresenter(radio.value));
  }
  for (const radio of document.querySelectorAll('input[name="source"]')) {
    radio.addEventListener('change', () => radio.checked && setSource(radio.value));
  }
  $('avatar-select').addEventListener('change', () => { renderPreview(); updateSubmit(); });
  $('portrait-input').addEventListener('change', (event) => uploadPortrait(event.target.files[0]));
  $('audio-input').addEventListener('change', (event) => uploadAudio(event.target.files[0]));
  bindDropzone($('portrait-drop'));
  bindDropzone($('audio-drop'));
  $('script-text').addEventListener('input', () => { updateScriptMeta(); showError($('script-error'), null); updateSubmit(); });
  $('voice-select').addEventListener('change', () => { showError($('voice-error'), null); updateVoiceHint(); updateSubmit(); });
  $('size-select').addEventListener('change', () => showError($('size-error'), null));
  $('expression-scale').addEventListener('input', (event) => {
    $('expression-value').textContent = `${Number(event.target.value).toFixed(1)}×`;
  });
  $('talk-form').addEventListener('submit', submitTalk);
  $('portrait-img').addEventListener('load', () => renderFaces());
  initOutput({
    progress: updateJobRow,
    ended: () => { loadJobs(true); loadHealth(); },
    shown: markCurrent,
  });
  initJobs({
    open: async (id) => {
      try {
        await open(id);
        $('output-panel').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      } catch (error) {
        showError($('jobs-error'), error);
      }
    },
    deleted: forget,
    trackedId,
    shownId,
  });
}

/** After a reload: the last job's video, or its progress if it still runs. */
async function resumeLast() {
  const id = lastTalkId();
  if (!id || trackedId() || shownId()) return;
  try {
    await open(id);
  } catch {
    /* gone or unreadable: start empty */
  }
}

async function loadEverything() {
  if (state.auth && !storedKey()) { lock(); return; }
  await Promise.all([loadVoices(), loadAvatars(), loadJobs(true)]);
  setSource(state.source);
  resumeLast();
}

bind();
updateScriptMeta();
setPresenter(document.querySelector('input[name="presenter"]:checked').value);
setSource(document.querySelector('input[name="source"]:checked').value);
loadHealth().then(loadEverything);
