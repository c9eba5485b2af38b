// The page of `edition serve`: print pages as SVG spreads, the EPUB in a
// phone-sized frame, the diagnostics of the last build. It asks /state
// whenever /events says something changed, and keeps the reader's place
// (page in the print view, chapter in the EPUB view) across rebuilds.
'use strict';

const $ = (s) => document.querySelector(s);
const PX = 96 / 72; // CSS pixels per point

const ui = {
  state: null,
  gen: 0, // generation of the preview on screen
  bookGen: 0, // generation of the EPUB in the frame
  sheets: [], // by page index
  size: '', // page size the sheets were made for
  chapters: [],
  chapter: null, // href of the chapter shown
  epubGen: 0,
  restore: null, // scroll fraction to restore in the EPUB frame
};

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}

function where(r) {
  return r.path ? (r.line ? `${r.path}:${r.line}:` : `${r.path}:`) : '';
}

// ---- state ----

async function refresh() {
  let st;
  try {
    const r = await fetch('/state', { cache: 'no-store' });
    st = await r.json();
  } catch (e) {
    return;
  }
  ui.state = st;
  showStatus(st);
  showDiagnostics(st);
  showDownloads(st.downloads);
  const p = st.preview;
  if (p && p.gen !== ui.gen) {
    ui.gen = p.gen;
    $('#title').textContent = p.title;
    document.title = p.title + ' — edition preview';
    // a new font stylesheet makes the browser load and lay out every
    // font again: only when the fonts change
    if (p.fonts !== ui.fonts) {
      ui.fonts = p.fonts;
      $('#fontcss').href = '/fonts.css?f=' + encodeURIComponent(p.fonts);
    }
    showPages(p);
    if (p.bookGen !== ui.bookGen) {
      ui.bookGen = p.bookGen;
      showBook(p);
    }
  }
}

function showStatus(st) {
  const s = $('#status');
  s.className = st.building ? 'building' : st.ok ? '' : 'failed';
  if (st.writing) s.textContent = 'pages updated; writing the PDF…';
  else if (st.building) s.textContent = 'building…';
  else if (!st.at) s.textContent = 'first build…';
  else if (st.ok) s.textContent = `built ${st.at} in ${st.ms} ms`;
  else s.textContent = `build failed at ${st.at}`;
}

function showDiagnostics(st) {
  const box = $('#diag'), errs = $('#errors'), warns = $('#warnings');
  errs.replaceChildren();
  if (st.errors.length) {
    const last = st.preview ? `the pages below are from the last good build (${st.preview.at})` : 'there is no good build to show yet';
    errs.append(el('div', { class: 'banner' }, `Build failed: ${last}.`));
    const ul = el('ul');
    for (const r of st.errors) ul.append(diagItem(r));
    errs.append(ul);
  }
  const ul = warns.querySelector('ul');
  ul.replaceChildren(...st.warnings.map(diagItem));
  warns.querySelector('summary').textContent = `${st.warnings.length} warning(s)`;
  warns.hidden = st.warnings.length === 0;
  box.hidden = st.errors.length === 0 && st.warnings.length === 0;
}

function diagItem(r) {
  const li = el('li');
  const pos = where(r);
  const link = editorLink(r.path, r.line);
  if (pos && link) li.append(el('a', { href: link }, pos), ' ');
  else if (pos) li.append(pos + ' ');
  li.append(r.message);
  return li;
}

function showDownloads(names) {
  const d = $('#downloads');
  if (d.dataset.names === names.join()) return;
  d.dataset.names = names.join();
  d.replaceChildren(...names.map((n) => el('a', { href: '/download/' + encodeURIComponent(n), download: n }, n)));
}

// editorLink fills the --editor template for a source path, or "".
function editorLink(path, line) {
  const st = ui.state;
  if (!st || !st.editor || !path) return '';
  const abs = path.startsWith('/') ? path : st.cwd + '/' + path;
  return st.editor.replaceAll('{path}', abs).replaceAll('{line}', String(line || 1));
}

// ---- print view ----

function scale() {
  const p = ui.state && ui.state.preview;
  if (!p) return 1;
  const z = $('#zoom').value;
  const w = pageWidth(p);
  const avail = $('#print').clientWidth - 48;
  if (z === 'fit') return Math.max(0.1, avail / (2 * w));
  if (z === 'page') return Math.max(0.1, Math.min(avail / w, ($('#print').clientHeight - 32) / pageHeight(p)));
  return Number(z) * PX;
}

function bleedShown() { return $('#bleed').checked; }
function pageWidth(p) { return p.width + (bleedShown() ? 2 * p.bleed : 0); }
function pageHeight(p) { return p.height + (bleedShown() ? 2 * p.bleed : 0); }

// topPage is the page at the top of the print view and how far down it
// the view starts.
function topPage() {
  const top = $('#print').getBoundingClientRect().top;
  for (const s of ui.sheets) {
    const r = s.getBoundingClientRect();
    if (r.bottom > top + 1) return { page: +s.dataset.page, frac: Math.max(0, (top - r.top) / r.height) };
  }
  return { page: 1, frac: 0 };
}

function goToPage(n, frac) {
  const s = ui.sheets[Math.min(Math.max(n, 1), ui.sheets.length) - 1];
  if (!s) return;
  const view = $('#print');
  const r = s.getBoundingClientRect();
  view.scrollTop += r.top - view.getBoundingClientRect().top + (frac || 0) * r.height - (frac ? 0 : 8);
}

// showPages lays out the spreads of a new preview: page 1 alone on the
// right, then 2–3, 4–5… The drawing of each page stays until its new SVG
// arrives, so the view never blanks, and only the pages whose version
// changed are asked for again (a sheet's data-ver is the version it
// shows).
function showPages(p) {
  const size = [p.pages, p.width, p.height, p.bleed].join();
  if (size === ui.size) { // same sheets: only their drawings are stale
    loadVisible();
    return;
  }
  ui.size = size;
  const pos = ui.sheets.length ? topPage() : initialPage();
  const old = ui.sheets;
  const box = $('#pages');
  box.replaceChildren();
  ui.sheets = [];
  let row = null;
  for (let i = 1; i <= p.pages; i++) {
    if (i === 1 || i % 2 === 0) {
      row = el('div', { class: 'spread' });
      box.append(row);
      if (i === 1) row.append(el('div', { class: 'sheet blank' }));
    }
    const s = el('div', { class: 'sheet', id: 'page-' + i, 'data-page': i });
    const prev = old[i - 1];
    if (prev && prev.firstElementChild) {
      s.append(prev.firstElementChild);
      if (prev.dataset.ver) s.dataset.ver = prev.dataset.ver;
      s.svgText = prev.svgText;
    }
    row.append(s);
    ui.sheets.push(s);
  }
  sizeSheets();
  goToPage(pos.page, pos.frac);
  loadVisible();
}

function initialPage() {
  const m = /^#page-(\d+)$/.exec(location.hash);
  return { page: m ? +m[1] : 1, frac: 0 };
}

function sizeSheets() {
  const p = ui.state && ui.state.preview;
  if (!p) return;
  const k = scale();
  const w = Math.round(pageWidth(p) * k) + 'px', h = Math.round(pageHeight(p) * k) + 'px';
  for (const s of document.querySelectorAll('.sheet')) {
    s.style.width = w;
    s.style.height = h;
    const svg = s.firstElementChild;
    if (svg) fitBox(svg);
  }
  $('#pages').classList.toggle('bleed', bleedShown());
}

// fitBox shows the trimmed page, or the page with its bleed.
function fitBox(svg) {
  const box = bleedShown() ? svg.dataset.media : svg.dataset.trim;
  if (box) svg.setAttribute('viewBox', box);
}

// pageVersion is the version of page n in the preview shown.
function pageVersion(n) {
  const p = ui.state && ui.state.preview;
  return p && p.versions ? p.versions[n - 1] : ui.gen;
}

async function loadPage(s) {
  const v = pageVersion(+s.dataset.page);
  // most edits change a page or two: the others are not asked for
  if (+s.dataset.ver === v || +s.dataset.loading === v) return;
  s.dataset.loading = v;
  let r;
  try {
    r = await fetch(`/page/${s.dataset.page}.svg?v=${v}`, { cache: 'no-store' });
  } catch (e) {
    delete s.dataset.loading;
    return;
  }
  if (!r.ok) { delete s.dataset.loading; return; }
  const text = await r.text();
  const got = +r.headers.get('X-Edition-Version');
  if (+s.dataset.ver > got) return;
  if (text !== s.svgText) {
    s.innerHTML = text;
    s.svgText = text;
    fitBox(s.firstElementChild);
  }
  s.dataset.ver = got;
  delete s.dataset.loading;
}

// loadVisible draws the pages in the view, then those within a screen of
// it, and lets go of those far from it.
function loadVisible() {
  const view = $('#print').getBoundingClientRect();
  const near = view.height;
  const soon = [];
  for (const s of ui.sheets) {
    const r = s.getBoundingClientRect();
    if (r.bottom > view.top && r.top < view.bottom) loadPage(s);
    else if (r.bottom > view.top - near && r.top < view.bottom + near) soon.push(s);
    else if (s.firstElementChild && (r.bottom < view.top - 6 * near || r.top > view.bottom + 6 * near)) {
      s.replaceChildren();
      s.svgText = '';
      delete s.dataset.ver;
    }
  }
  if (soon.length) setTimeout(() => soon.forEach(loadPage), 50);
}

let scrolling = false;
function onScroll() {
  if (scrolling) return;
  scrolling = true;
  requestAnimationFrame(() => {
    scrolling = false;
    loadVisible();
    const pos = topPage();
    history.replaceState(null, '', '#page-' + pos.page);
  });
}

function onPageClick(e) {
  const a = e.target.closest('a');
  if (a && a.getAttribute('href').startsWith('#page-')) {
    e.preventDefault();
    goToPage(+a.getAttribute('href').slice(6));
    return;
  }
  const t = e.target.closest('text[data-src]');
  if (!t) return;
  for (const h of document.querySelectorAll('text.hit')) h.classList.remove('hit');
  t.classList.add('hit');
  const src = t.dataset.src;
  const page = t.closest('.sheet').dataset.page;
  const out = $('#where');
  const link = editorLink(src.replace(/:\d+$/, ''), (/:(\d+)$/.exec(src) || [])[1]);
  out.replaceChildren(`page ${page}: `, link ? el('a', { href: link }, src) : src);
}

// ---- EPUB view ----

// showBook lists a new EPUB's chapters and shows the one the reader was
// reading, reloading it only when its document changed.
function showBook(p) {
  const shown = ui.chapters.find((c) => c.href === ui.chapter);
  ui.chapters = p.chapters;
  const sel = $('#chapter');
  sel.replaceChildren(...p.chapters.map((c, i) => el('option', { value: i }, c.title)));
  let i = -1;
  const want = ui.chapter || sessionStorage.getItem('edition-chapter');
  if (want) i = p.chapters.findIndex((c) => c.href === want);
  if (i < 0 && ui.chapter) i = Math.min(+sel.dataset.index || 0, p.chapters.length - 1);
  if (i < 0) i = p.start;
  const c = p.chapters[i];
  if (shown && c && c.href === shown.href && c.sum === shown.sum) {
    sel.value = String(i);
    sel.dataset.index = i;
    $('#prev').disabled = i === 0;
    $('#next').disabled = i === ui.chapters.length - 1;
    return;
  }
  ui.restore = ui.chapter ? scrollFraction() : null;
  openChapter(i);
}

function openChapter(i) {
  const c = ui.chapters[i];
  if (!c) return;
  ui.chapter = c.href;
  sessionStorage.setItem('edition-chapter', c.href);
  const sel = $('#chapter');
  sel.value = String(i);
  sel.dataset.index = i;
  $('#prev').disabled = i === 0;
  $('#next').disabled = i === ui.chapters.length - 1;
  const url = '/epub/' + c.href.split('/').map(encodeURIComponent).join('/') + '?g=' + ui.gen;
  $('#epub').contentWindow.location.replace(url);
}

function scrollFraction() {
  try {
    const w = $('#epub').contentWindow, d = w.document.documentElement;
    const max = d.scrollHeight - w.innerHeight;
    return max > 0 ? w.scrollY / max : 0;
  } catch (e) {
    return null;
  }
}

function onFrameLoad() {
  const w = $('#epub').contentWindow;
  let href;
  try { href = decodeURIComponent(w.location.pathname).replace(/^\/epub\//, ''); } catch (e) { return; }
  const i = ui.chapters.findIndex((c) => c.href === href);
  if (i >= 0 && href !== ui.chapter) { // a link inside the book was followed
    ui.chapter = href;
    sessionStorage.setItem('edition-chapter', href);
    $('#chapter').value = String(i);
    $('#chapter').dataset.index = i;
  }
  if (ui.restore != null) {
    const d = w.document.documentElement;
    w.scrollTo(0, ui.restore * (d.scrollHeight - w.innerHeight));
    ui.restore = null;
  }
}

// ---- wiring ----

function start() {
  $('#print').addEventListener('scroll', onScroll, { passive: true });
  $('#pages').addEventListener('click', onPageClick);
  $('#zoom').addEventListener('change', () => { const pos = topPage(); sizeSheets(); goToPage(pos.page, pos.frac); loadVisible(); });
  $('#bleed').addEventListener('change', () => { const pos = topPage(); sizeSheets(); goToPage(pos.page, pos.frac); });
  window.addEventListener('resize', () => { if ($('#zoom').value === 'fit' || $('#zoom').value === 'page') { sizeSheets(); loadVisible(); } });
  $('#chapter').addEventListener('change', (e) => openChapter(+e.target.value));
  $('#prev').addEventListener('click', () => openChapter(+$('#chapter').value - 1));
  $('#next').addEventListener('click', () => openChapter(+$('#chapter').value + 1));
  $('#epub').addEventListener('load', onFrameLoad);
  const es = new EventSource('/events');
  es.onmessage = refresh;
  es.onopen = refresh;
  es.onerror = () => {
    const s = $('#status');
    s.className = 'failed';
    s.textContent = 'disconnected: is edition serve still running?';
  };
  refresh();
}

start();
