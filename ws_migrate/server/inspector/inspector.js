// The inspector page of `ws-migrate serve`: polls its JSON API (docs/server.md) twice a second
// and draws what it says. Everything shown goes through textContent: user names and event data
// are whatever clients and publishers sent.
'use strict';

(function () {
  const POLL_MS = 500;
  const ROWS = 100; // connections drawn at most; "why not?" answers for any user
  const api = (path) => new URL('inspector/api/' + path, window.location.href).toString();
  const $ = (id) => document.getElementById(id);

  const FULL_EVERY = 4; // polls: the counters (frames, bytes, queues, seqs) refresh every 2 s
  const state = { next: 0, events: [], types: [], users: [], published: new Set(), version: '', polls: 0 };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function rows(tbody, items, cells, rowClass) {
    const body = typeof tbody === 'string' ? document.querySelector(tbody) : tbody;
    body.replaceChildren(...items.map((item) => {
      const tr = el('tr', rowClass ? { class: rowClass(item) } : {});
      for (const cell of cells(item)) tr.append(el('td', {}, cell));
      return tr;
    }));
  }

  async function getJson(path) {
    const response = await fetch(api(path), { credentials: 'same-origin', cache: 'no-store' });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  const time = (iso) => (iso ? iso.slice(11, 23) : '');
  const who = (w) => `${w.user ?? '(not authenticated)'} #${w.id}`;
  const bytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);

  function setStatus(ok, text) {
    const status = $('status');
    status.textContent = text;
    status.className = 'status ' + (ok ? 'ok' : 'bad');
  }

  function fillTypes(types) {
    if (types.join() === state.types.join()) return;
    state.types = types;
    for (const select of document.querySelectorAll('select.event-types')) {
      const chosen = select.value;
      const options = types.map((t) => el('option', { value: t }, t));
      if (select.dataset.any) options.unshift(el('option', { value: '' }, select.dataset.any));
      select.replaceChildren(...options);
      if (chosen) select.value = chosen;
    }
  }

  function drawConnections(data) {
    $('node').textContent = 'node ' + data.node;
    const shown = data.connections.length < data.total ? `, the first ${data.connections.length} shown` : '';
    $('connection-count').textContent = `(${data.total} open${shown})`;
    const doubled = new Set(data.multiple.map((m) => m.user));
    const banner = $('duplicates');
    banner.hidden = data.multiple.length === 0;
    banner.textContent = 'Multiple WebSocket connections detected: ' + data.multiple
      .map((m) => `${m.user} (${m.connections.map((id) => '#' + id).join(', ')})`).join('; ');
    rows('#connections tbody', data.connections, (c) => [
      String(c.id), c.user ?? '(not authenticated)', c.role ?? '', c.endpoint, c.remote, time(c.connectedAt),
      c.subscriptions.map((s) => `${s.eventType} ${s.lastSeq ?? '–'}/${s.latestSeq ?? '–'}`).join(', '),
      c.denied.join(', '), String(c.queue),
      `${c.framesIn} · ${bytes(c.bytesIn)}`, `${c.framesOut} · ${bytes(c.bytesOut)}`,
    ], (c) => (doubled.has(c.user) ? 'duplicate' : ''));
    rows('#closes tbody', data.closed, (c) => [
      time(c.at), String(c.connection), c.user ?? '(not authenticated)', c.role ?? '', c.remote,
      c.code === null ? '' : String(c.code), c.reason,
    ]);
    const users = [...new Set(data.connections.map((c) => c.user).filter((u) => u !== null))].sort();
    if (users.join() !== state.users.join()) {
      state.users = users;
      $('users').replaceChildren(...users.map((u) => el('option', { value: u })));
    }
  }

  function drawStats(data) {
    fillTypes(data.rates.map((r) => r.eventType));
    rows('#rates tbody', data.rates.filter((r) => r.total > 0), (r) => [
      r.eventType, r.perSecond10s.toFixed(2), r.perSecond60s.toFixed(2), String(r.total), String(r.latestSeq ?? ''),
    ]);
    rows('#denied-by-role tbody', data.deniedByRole, (d) => [
      d.role ?? '', d.eventType, String(d.count), d.allowedRoles.join(', ') || 'no role',
    ]);
    rows('#denied tbody', data.denied.slice(0, 30), (d) => [
      time(d.at), String(d.connection), d.user ?? '', d.role ?? '', d.eventTypes.join(', '),
    ]);
  }

  function matches(event) {
    const type = $('filter-type').value;
    const user = $('filter-user').value.trim();
    const text = $('filter-text').value.trim().toLowerCase();
    if (type && event.eventType !== type) return false;
    if (user && ![event.reached, event.denied, event.dropped, event.lagging]
      .some((group) => group.some((w) => w.user === user))) return false;
    if (text && !(event.eventType + ' ' + JSON.stringify(event.data)).toLowerCase().includes(text)) return false;
    return true;
  }

  function group(label, cls, list, count) {
    if (count === 0) return null;
    const more = count > list.length ? ` +${count - list.length}` : '';
    return el('span', { class: 'tag ' + cls }, `${label}: ${list.map(who).join(', ')}${more}`);
  }

  function drawEvents() {
    const keep = Math.max(10, Math.min(500, Number($('keep').value) || 100));
    const shown = state.events.filter(matches).slice(-keep).reverse();
    $('events').replaceChildren(...shown.map((e) => {
      const recipients = e.recorded
        ? [group('reached', 'reached', e.reached, e.reachedCount),
          group('lagging', 'dropped', e.lagging.map((w) => ({ ...w, user: `${w.user} (queue ${w.queue})` })), e.laggingCount),
          group('denied by role', 'denied', e.denied, e.deniedCount),
          group('dropped', 'dropped', e.dropped, e.droppedCount)]
        : [el('span', { class: 'muted' }, `delivered to ${e.delivered} (recipients are named while an inspector is open)`)];
      if (e.recorded && e.delivered === 0 && e.deniedCount === 0 && e.droppedCount === 0) {
        recipients.push(el('span', { class: 'muted' }, 'nobody subscribed'));
      }
      return el('li', { class: state.published.has(`${e.eventType}:${e.seq}`) ? 'fresh' : '' },
        el('strong', {}, e.eventType), ` seq ${e.seq} · ${time(e.ts)} `, ...recipients,
        el('pre', {}, JSON.stringify(e.data, null, 2)));
    }));
  }

  async function pollEvents() {
    const data = await getJson(`events?after=${state.next}&limit=200`);
    state.next = data.next;
    if (data.events.length > 0) {
      state.events = state.events.concat(data.events).slice(-500);
      if (!$('pause').checked) drawEvents();
    }
  }

  async function poll() {
    try {
      // between full answers, the server says "unchanged" unless a connection opened, closed,
      // authenticated, (un)subscribed or was refused: those show within one poll
      const unless = state.polls++ % FULL_EVERY === 0 ? '' : `&unless=${encodeURIComponent(state.version)}`;
      const [conns, stats] = await Promise.all([
        getJson(`connections?limit=${ROWS}&closes=20${unless}`), getJson('stats'), pollEvents()]);
      state.version = conns.version;
      if (!conns.unchanged) drawConnections(conns);
      drawStats(stats);
      setStatus(true, 'live');
    } catch (err) {
      setStatus(false, 'cannot reach the server: ' + err.message);
    } finally {
      window.setTimeout(poll, POLL_MS);
    }
  }

  async function askWhy(event) {
    event.preventDefault();
    const user = $('why-user').value.trim();
    const type = $('why-type').value;
    const answer = $('why-answer');
    try {
      const data = await getJson(`why?user=${encodeURIComponent(user)}&eventType=${encodeURIComponent(type)}`);
      answer.textContent = data.sentence;
      answer.className = 'answer ' + (data.verdict === 'delivered' ? 'delivered' : 'bad');
      answer.dataset.verdict = data.verdict;
      $('why-evidence').textContent = JSON.stringify(data.evidence, null, 2);
      $('why-details').hidden = false;
    } catch (err) {
      answer.textContent = err.message;
      answer.className = 'answer bad';
      answer.dataset.verdict = 'error';
    }
  }

  async function publish(event) {
    event.preventDefault();
    const out = $('publish-answer');
    let data;
    try {
      data = JSON.parse($('publish-data').value);
    } catch (err) {
      out.textContent = 'The data is not JSON: ' + err.message;
      return;
    }
    const eventType = $('publish-type').value;
    const response = await fetch(api('publish'), {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ eventType, data }),
    });
    const body = await response.json();
    if (!response.ok) {
      out.textContent = 'Refused: ' + body.error;
      return;
    }
    state.published.add(`${eventType}:${body.seq}`);
    out.textContent = `Published ${eventType} seq ${body.seq}: it shows in the stream, highlighted, when it arrives.`;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('why-form').addEventListener('submit', askWhy);
    $('publish-form').addEventListener('submit', publish);
    for (const id of ['filter-type', 'filter-user', 'filter-text', 'keep']) $(id).addEventListener('input', drawEvents);
    $('pause').addEventListener('change', drawEvents);
    poll();
  });
})();
