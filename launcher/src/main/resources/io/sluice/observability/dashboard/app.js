// Sluice dashboard: reads the admin API with the admin key kept in this tab's session storage.
(function () {
  'use strict';
  var KEY = 'sluice-admin-key';
  var POLL_MS = 2000;
  var timer = null;

  function $(id) { return document.getElementById(id); }
  function text(id, value) { $(id).textContent = value; }
  function fmt(n, digits) {
    if (n === null || n === undefined || isNaN(n)) { return '–'; }
    return Number(n).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 0 : digits });
  }

  function call(path, key) {
    return fetch(path, { headers: { 'Authorization': 'Bearer ' + key }, cache: 'no-store' }).then(function (r) {
      if (r.status === 401 || r.status === 403) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          var message = body && body.error && body.error.message ? body.error.message : 'not an admin key';
          var e = new Error(message); e.refused = true; throw e;
        });
      }
      if (!r.ok) { var e = new Error(path + ': HTTP ' + r.status); e.status = r.status; throw e; }
      return r.json();
    });
  }

  function optional(path, key) {
    return call(path, key).catch(function (e) { if (e.refused) { throw e; } return null; });
  }

  function showLogin(message) {
    if (timer) { clearTimeout(timer); timer = null; }
    $('board').hidden = true;
    $('login').hidden = false;
    $('sign-out').hidden = true;
    text('status', 'signed out');
    text('login-error', message || '');
  }

  function showBoard() {
    $('login').hidden = true;
    $('board').hidden = false;
    $('sign-out').hidden = false;
    text('status', 'live');
  }

  function row(table, cells, classes) {
    var tr = document.createElement('tr');
    cells.forEach(function (c, i) {
      var td = document.createElement('td');
      td.textContent = c;
      if (classes && classes[i]) { td.className = classes[i]; }
      tr.appendChild(td);
    });
    $(table).querySelector('tbody').appendChild(tr);
  }

  function clear(table) { $(table).querySelector('tbody').textContent = ''; }

  function bars(id, values, highlight) {
    var ns = 'http://www.w3.org/2000/svg';
    var w = 600, h = 120, n = values.length;
    var max = Math.max.apply(null, values.concat([1]));
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('preserveAspectRatio', 'none');
    values.forEach(function (v, i) {
      var bh = v / max * (h - 14);
      var r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', String(i * w / n + 1));
      r.setAttribute('y', String(h - bh));
      r.setAttribute('width', String(Math.max(1, w / n - 2)));
      r.setAttribute('height', String(bh));
      r.setAttribute('fill', '#4fb3ff');
      svg.appendChild(r);
      if (highlight && highlight[i] > 0) {
        var eh = highlight[i] / max * (h - 14);
        var e = document.createElementNS(ns, 'rect');
        e.setAttribute('x', String(i * w / n + 1));
        e.setAttribute('y', String(h - eh));
        e.setAttribute('width', String(Math.max(1, w / n - 2)));
        e.setAttribute('height', String(eh));
        e.setAttribute('fill', '#ff6b6b');
        svg.appendChild(e);
      }
    });
    var label = document.createElementNS(ns, 'text');
    label.setAttribute('x', '4'); label.setAttribute('y', '11');
    label.setAttribute('fill', '#8b96a3'); label.setAttribute('font-size', '11');
    label.textContent = 'max ' + fmt(max);
    svg.appendChild(label);
    var holder = $(id);
    holder.textContent = '';
    holder.appendChild(svg);
  }

  function quota(limits, totals) {
    if (!limits || !limits.token_quota) { return '–'; }
    var q = limits.token_quota;
    if (q.period === 'day') {
      return fmt(totals.total_tokens) + ' / ' + fmt(q.tokens) + ' (' + fmt(100 * totals.total_tokens / q.tokens, 1) + '%)';
    }
    return fmt(q.tokens) + ' per ' + q.period;
  }

  function render(summary, backends, subscriptions) {
    text('rps', fmt(summary.requests_per_second, 2));
    text('tpm', fmt(summary.tokens_last_60s));
    var today = summary.today;
    text('today-requests', fmt(today.requests));
    text('today-tokens', fmt(today.total_tokens));
    text('today-cost', '$' + fmt(today.cost_usd, 4));
    text('today-errors', fmt(today.errors));
    text('cache-ratio', today.cache_hit_ratio === null ? '–' : fmt(100 * today.cache_hit_ratio, 1) + '%');
    var l = summary.latency;
    text('latency', l.count ? fmt(l.p50_ms, 1) + ' / ' + fmt(l.p90_ms, 1) + ' / ' + fmt(l.p99_ms, 1) + ' ms' : '–');
    text('active-subs', fmt(summary.active.subscriptions_this_hour) + ' / ' + fmt(summary.active.subscriptions_today));
    text('active-users', fmt(summary.active.end_users_this_hour) + ' / ' + fmt(summary.active.end_users_today));
    bars('chart-requests', summary.requests_per_minute, summary.errors_per_minute);
    bars('chart-tokens', summary.tokens_per_minute);

    clear('backends');
    if (backends && backends.backends) {
      backends.backends.forEach(function (b) {
        row('backends', [b.id, b.state, fmt(b.in_flight), fmt(b.latency_ms, 1),
          b.recent_error_rate === undefined || b.recent_error_rate === null ? '–' : fmt(100 * b.recent_error_rate, 1) + '%'],
          [null, 'state-' + b.state]);
      });
    }
    clear('by-model');
    summary.tokens_by_subscription_model.forEach(function (r) {
      row('by-model', [r.subscription, r.model, fmt(r.tokens_last_minute), fmt(r.tokens_per_minute_last_hour, 1)]);
    });
    var limits = {};
    if (subscriptions && subscriptions.data) {
      subscriptions.data.forEach(function (s) { limits[s.id] = s.limits; });
    }
    clear('consumers');
    summary.top_consumers_today.forEach(function (c) {
      var lim = limits[c.subscription];
      row('consumers', [c.subscription, fmt(c.requests), fmt(c.total_tokens), '$' + fmt(c.cost_usd, 4),
        lim && lim.tokens_per_minute ? fmt(lim.tokens_per_minute) : '–', quota(lim, c)]);
    });
    text('updated', new Date(summary.as_of).toLocaleTimeString());
  }

  function poll() {
    var key = sessionStorage.getItem(KEY);
    if (!key) { showLogin(); return; }
    Promise.all([call('/admin/dashboard/summary', key), optional('/admin/backends', key),
      optional('/admin/subscriptions', key)])
      .then(function (r) {
        showBoard();
        render(r[0], r[1], r[2]);
        timer = setTimeout(poll, POLL_MS);
      })
      .catch(function (e) {
        if (e.refused) {
          sessionStorage.removeItem(KEY);
          showLogin('Refused: ' + e.message);
        } else {
          text('status', 'reconnecting: ' + e.message);
          timer = setTimeout(poll, POLL_MS);
        }
      });
  }

  $('login-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    sessionStorage.setItem(KEY, $('admin-key').value);
    $('admin-key').value = '';
    text('login-error', '');
    poll();
  });
  $('sign-out').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    showLogin();
  });
  poll();
}());
