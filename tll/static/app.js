// tll's page: upload (picker, drop, paste) -> POST /api/search; a box dragged on the query searches that region;
// the challenge view reads /api/challenge/<split>/<task>. The result markup is tll.serve.result_html's.
'use strict';
const $ = (id) => document.getElementById(id);
let current = null;   // the file last searched
let box = null;       // [x0, y0, x1, y1] as fractions of the query as shown, or null

function showError(el, msg) { el.textContent = msg; el.hidden = !msg; }

const CAPTION_HELP = 'p: the chance that this is the picture a person would pair with the query (measured on validation galleries; ' +
  'it falls as the gallery grows). score = image + face: higher is more alike, comparable within one search.';  // tll.views.CAPTION_HELP

function card(m, src, href, extra) {
  const a = document.createElement('a');
  a.className = 'tll-match' + (extra || ''); a.href = href; a.target = '_blank';
  if (m.path) a.title = m.path;   // where the picture is, relative to the gallery folder
  const img = document.createElement('img'); img.src = src; img.alt = m.path || m.name; a.appendChild(img);
  const cap = document.createElement('span'); cap.className = 'tll-cap';
  if (m.score !== undefined) cap.title = CAPTION_HELP;  // a search's card (a challenge card's probability is Sinkhorn's)
  const b = document.createElement('b'); b.textContent = '#' + m.rank; cap.appendChild(b);
  cap.appendChild(document.createTextNode(' ' + (m.path || m.name)));
  const nums = m.score === undefined ? [['p ' + m.probability.toFixed(2)]]
    : [['p ' + m.probability.toFixed(2), 'score ' + m.score.toFixed(3)], ['image ' + m.image.toFixed(3), 'face ' + m.face.toFixed(3)]];
  for (const line of nums) {
    cap.appendChild(document.createElement('br'));
    line.forEach((t, i) => {
      if (i) cap.appendChild(document.createTextNode(' · '));
      const n = document.createElement('span'); n.className = 'tll-num'; n.textContent = t; cap.appendChild(n);
    });
  }
  if (m.shares) {   // the score's parts (tll.explain): a bar of the positive shares, every share in its title, and the why view
    const bar = document.createElement('span'); bar.className = 'tll-bar'; bar.title = WHY_HELP + '\n' + m.why;
    for (const [g, v] of Object.entries(m.shares)) {
      const seg = document.createElement('span'); seg.className = 'tll-part tll-' + g.split(' ')[0];
      seg.style.width = (100 * Math.max(v, 0)).toFixed(1) + '%'; bar.appendChild(seg);
    }
    cap.appendChild(bar);
    const line = document.createElement('span'); line.className = 'tll-why-line'; line.textContent = m.why; cap.appendChild(line);
    const why = document.createElement('button'); why.type = 'button'; why.className = 'tll-why'; why.textContent = 'why?';
    why.title = 'where the two pictures match'; why.addEventListener('click', (e) => { e.preventDefault(); e.stopPropagation(); showWhy(m); });
    cap.appendChild(why);
  }
  a.appendChild(cap); return a;
}

const BAR_HELP = 'The bar under each match splits its score: shape (purple), colour and texture (orange), layout (green), face (blue); "why?" shows where the two pictures match.';  // tll.views.BAR_HELP
const WHY_HELP = 'what made the score, split exactly over the query: shape (late stages), colour and texture (early stages), ' +
  'layout (where things sit), face (the face term); a share is its part of the sum of all parts, ignoring their signs';  // tll.views.WHY_HELP

function drawMap(canvas, map) {   // a similarity map (rows x cols, summing to the image term) as a translucent overlay: red adds to the score, blue takes from it
  const h = map.length, w = map[0].length, top = Math.max(1e-12, ...map.flat().map(Math.abs));
  canvas.width = w; canvas.height = h;
  const ctx = canvas.getContext('2d'), img = ctx.createImageData(w, h);
  map.flat().forEach((v, i) => {
    const a = Math.abs(v) / top;
    img.data.set(v >= 0 ? [230, 40, 20, Math.round(200 * a)] : [20, 80, 230, Math.round(200 * a)], 4 * i);
  });
  ctx.putImageData(img, 0, 0);
}

let lastQuery = null;   // the query as last searched (cropped to the box): the why view shows its map on it
async function showWhy(m) {
  const form = new FormData(); form.append('image', current, current.name || 'pasted.png'); form.append('index', String(m.index));
  if (box) form.append('box', box.map((v) => v.toFixed(4)).join(','));
  $('status').textContent = 'explaining…';
  let res, body;
  try { res = await fetch('/api/why', { method: 'POST', body: form }); body = await res.json(); }
  catch (e) { $('status').textContent = ''; showError($('error'), 'The server did not answer: ' + e); return; }
  $('status').textContent = '';
  if (!res.ok) { showError($('error'), body.error || ('error ' + res.status)); return; }
  $('whyq').src = lastQuery; $('whym').src = '/api/gallery/' + m.index;
  drawMap($('whyqmap'), body.query_map); drawMap($('whymmap'), body.match_map);
  const f = body.faces ? '; faces: the query\'s face ' + body.faces.query + ' with the match\'s face ' + body.faces.match + ' (cosine ' + body.faces.cosine.toFixed(2) + ')' : '';
  $('whytext').textContent = '#' + m.rank + ' ' + body.path + ': score ' + body.score.toFixed(3) + ' = ' +
    Object.entries(body.groups).map(([g, v]) => g + ' ' + v.toFixed(3)).join(' + ') + ' (' + body.why + ')' + f +
    '. Red: where each picture adds to the score; blue: where it takes from it.';
  $('why').hidden = false; $('why').scrollIntoView({ block: 'nearest' });
}
$('whyclose').addEventListener('click', () => { $('why').hidden = true; });

let maxK = 50;   // the server's limit (/api/health max_k)
function clampK(edited) {   // the number of matches asked for, within 1..maxK: the note says when it was clamped, until the field is edited again
  const v = parseInt($('k').value || '8', 10), k = Math.max(1, Math.min(maxK, isNaN(v) ? 8 : v));
  if (k !== v) $('knote').textContent = v > maxK ? 'at most ' + maxK : 'at least 1';
  else if (edited) $('knote').textContent = '';
  $('k').value = k; return k;
}

function clearResult() { $('why').hidden = true; $('result').hidden = true; $('matches').replaceChildren(); $('legend').textContent = ''; }

async function search(file) {
  current = file; showError($('error'), '');
  const k = clampK(false);
  const form = new FormData(); form.append('image', file, file.name || 'pasted.png'); form.append('k', String(k));
  if (box) form.append('box', box.map((v) => v.toFixed(4)).join(','));
  $('status').textContent = 'searching…';
  let res, body;
  try { res = await fetch('/api/search', { method: 'POST', body: form }); body = await res.json(); }
  catch (e) { $('status').textContent = ''; clearResult(); showError($('error'), 'The server did not answer: ' + e); return; }
  $('status').textContent = '';
  if (!res.ok) { clearResult(); showError($('error'), body.error || ('error ' + res.status)); return; }   // no stale results under a new error
  $('result').hidden = false; $('why').hidden = true; lastQuery = body.query;
  if (!box) $('query').src = body.query;   // upright, as the method reads it; a box is drawn on the whole picture
  $('qinfo').textContent = (box ? 'the region ' : '') + body.query_size.join('x') + ' pixels searched, ' + body.faces + ' face(s); '
    + body.n_gallery + ' gallery images ranked';
  $('clearbox').hidden = !box;
  $('legend').textContent = CAPTION_HELP + ' ' + BAR_HELP;
  const grid = $('matches'); grid.replaceChildren();
  for (const m of body.matches) grid.appendChild(card(m, '/api/gallery/' + m.index, '/api/gallery/' + m.index + '?size=full'));
}

function pick(file) { if (!file) return; box = null; $('sel').hidden = true; search(file); }
$('file').addEventListener('change', (e) => pick(e.target.files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); pick(e.dataTransfer.files[0]); });
window.addEventListener('paste', (e) => {
  const f = [...(e.clipboardData || {}).files || []].find((x) => x.type.startsWith('image/'));
  if (f) pick(f);
});
$('k').addEventListener('change', () => { clampK(true); if (current) search(current); });
$('clearbox').addEventListener('click', () => { box = null; $('sel').hidden = true; if (current) search(current); });

// the region box: drag on the query
let start = null;
const qbox = $('qbox'), sel = $('sel');
function frac(e) {
  const r = $('query').getBoundingClientRect();
  return [Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), Math.min(1, Math.max(0, (e.clientY - r.top) / r.height))];
}
function draw(a, b) {
  const r = $('query').getBoundingClientRect();
  const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])], [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
  Object.assign(sel.style, { left: x0 * r.width + 'px', top: y0 * r.height + 'px', width: (x1 - x0) * r.width + 'px', height: (y1 - y0) * r.height + 'px' });
  sel.hidden = false; return [x0, y0, x1, y1];
}
qbox.addEventListener('mousedown', (e) => { e.preventDefault(); start = frac(e); });
window.addEventListener('mousemove', (e) => { if (start) draw(start, frac(e)); });
window.addEventListener('mouseup', (e) => {
  if (!start) return;
  const b = draw(start, frac(e)); start = null;
  if (b[2] - b[0] < 0.03 || b[3] - b[1] < 0.03) { sel.hidden = true; return; }   // a click, not a box
  box = b; if (current) search(current);
});

// the challenge view
async function loadTask() {
  const split = $('split').value, t = Math.max(0, parseInt($('task').value || '1', 10) - 1);   // shown from 1, asked from 0
  showError($('cerror'), '');
  const res = await fetch('/api/challenge/' + split + '/' + t); const body = await res.json();
  if (!res.ok) { showError($('cerror'), body.error || ('error ' + res.status)); return; }
  $('task').max = body.n_tasks;
  $('cinfo').textContent = 'left ' + body.left + ' · task ' + (t + 1) + ' of ' + body.n_tasks + (split === 'validation' ? ' · the true match is framed in green' : '');
  $('cleft').src = '/api/challenge/' + split + '/' + t + '/left';
  const grid = $('cands'); grid.replaceChildren();
  for (const c of body.candidates) {
    const src = '/api/challenge/' + split + '/' + t + '/' + c.slot;
    grid.appendChild(card({ rank: c.rank, name: c.id, probability: c.probability }, src, src, c.true ? ' tll-true' : ''));
  }
}
async function openChallenge() {
  const info = await (await fetch('/api/challenge')).json();
  $('cdata').textContent = info.data ? 'Tasks of ' + info.data + '.' : '';
  if (info.state === 'ready') { $('cinfo').textContent = info.note ? 'Note: ' + info.note + '.' : ''; return loadTask(); }
  showError($('cerror'), info.state === 'preparing' ? 'The challenge view is being prepared (the method is fitted on the data folder); try again in a moment.'
    : info.state === 'failed' ? 'The challenge view failed: ' + info.error : 'No challenge view: start tll serve with --data DIR.');
  if (info.state === 'preparing') setTimeout(openChallenge, 2000);
}
function tab(name) {
  $('view-search').hidden = name !== 'search'; $('view-challenge').hidden = name !== 'challenge';
  $('tab-search').classList.toggle('on', name === 'search'); $('tab-challenge').classList.toggle('on', name === 'challenge');
  if (name === 'challenge') openChallenge();
}
$('tab-search').addEventListener('click', () => tab('search'));
$('tab-challenge').addEventListener('click', () => tab('challenge'));
$('split').addEventListener('change', () => { $('task').value = 1; loadTask(); });
$('task').addEventListener('change', loadTask);
$('prev').addEventListener('click', () => { $('task').value = Math.max(1, +$('task').value - 1); loadTask(); });
$('next').addEventListener('click', () => { $('task').value = +$('task').value + 1; loadTask(); });
fetch('/api/health').then((r) => r.json()).then((h) => {
  maxK = h.max_k || maxK; $('k').max = maxK;
  $('gallery').textContent = h.gallery + ' images in the gallery' + (h.note ? ' (note: ' + h.note + ')' : '');   // kept: searches write to #status
});
