// The sandbox console: polls /console/state and renders it; no build step, no external URLs.
(function () {
  'use strict';

  var POLL_MS = 500;
  var state = null;
  var renderedVersion = -1;
  var selected = decodeURIComponent(location.hash.replace(/^#/, '')) || null;

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/&(?!(amp|lt|gt|quot|#\d+);)/g, '&amp;')
      .replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  // Slack's emoji codes as the client draws them (the ones gpuops and Slack's examples use)
  var EMOJI = {
    white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️', no_entry: '⛔', stop_button: '⏹',
    black_square_for_stop: '⏹', arrow_forward: '▶', double_vertical_bar: '⏸', hourglass_flowing_sand: '⏳',
    stethoscope: '🩺', red_circle: '🔴', large_green_circle: '🟢', test_tube: '🧪', rocket: '🚀', fire: '🔥',
    white_large_square: '⬜', arrows_counterclockwise: '🔄', repeat: '🔁', tada: '🎉', eyes: '👀', bell: '🔔',
    information_source: 'ℹ️', lock: '🔒', gear: '⚙️', bulb: '💡', rotating_light: '🚨', zzz: '💤',
    octagonal_sign: '🛑', no_entry_sign: '🚫', hourglass: '⌛'
  };

  function emoji(html) {
    return html.replace(/:([a-z0-9_+-]+):/g, function (code, name) { return EMOJI[name] || code; });
  }

  // Slack's three entities, decoded for panels that show text as text (textContent), never as HTML
  function unslack(text) {
    return String(text || '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  // "14:03:07" today, "Dec 5 14:03:07" before; the raw ts stays in the tooltip
  function humanTime(ts) {
    var date = new Date(parseFloat(ts) * 1000);
    if (isNaN(date.getTime())) { return ts; }
    var time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return date.toDateString() === new Date().toDateString() ? time
      : date.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + time;
  }

  function userName(id) {
    return (state && state.users[id]) || id;
  }

  function channelName(id) {
    var found = state && state.channels.filter(function (c) { return c.id === id; })[0];
    return found ? found.name : id;
  }

  // Slack links and mentions: <https://x|label>, <@U123>, <#C123|name>, <!here>.
  function renderLink(inner) {
    var bar = inner.indexOf('|');
    var target = bar < 0 ? inner : inner.slice(0, bar);
    var label = bar < 0 ? null : inner.slice(bar + 1);
    if (target.charAt(0) === '@') { return '<span class="mention">@' + escapeHtml(label || userName(target.slice(1))) + '</span>'; }
    if (target.charAt(0) === '#') { return '<span class="mention">#' + escapeHtml(label || channelName(target.slice(1))) + '</span>'; }
    if (target.charAt(0) === '!') { return '<span class="mention">@' + escapeHtml(target.slice(1).split('^')[0]) + '</span>'; }
    if (/^https?:\/\//.test(target)) {
      return '<a href="' + escapeHtml(target) + '" rel="noopener noreferrer" target="_blank">' + escapeHtml(label || target) + '</a>';
    }
    return escapeHtml(label || target);
  }

  function formatInline(html) {
    return emoji(html)
      .replace(/`([^`\n]+)`/g, '<code>$1</code>')
      .replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,!?:;]|$)/g, '$1<b>$2</b>')
      .replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,!?:;]|$)/g, '$1<i>$2</i>')
      .replace(/(^|[\s(])~([^~\n]+)~(?=[\s).,!?:;]|$)/g, '$1<s>$2</s>');
  }

  // mrkdwn to safe HTML: text is escaped first; only our own tags are added.
  function mrkdwn(text) {
    if (!text) { return ''; }
    var parts = String(text).split(/```/);
    return parts.map(function (part, i) {
      var pieces = part.split(/<([^<>]+)>/);
      var html = pieces.map(function (piece, j) { return j % 2 ? renderLink(piece) : escapeHtml(piece); }).join('');
      return i % 2 ? '<pre>' + html.replace(/^\n/, '') + '</pre>' : formatInline(html);
    }).join('');
  }

  function textObject(obj) {
    if (!obj) { return ''; }
    return obj.type === 'mrkdwn' ? mrkdwn(obj.text) : escapeHtml(obj.text || '');
  }

  function buttonHtml(element) {
    var style = element.style ? ' ' + escapeHtml(element.style) : '';
    if (!element.action_id) {
      return '<span class="slack-button' + style + '">' + textObject(element.text) + '</span>';
    }
    // a real button: clicking it sends a signed block_actions payload as the user picked below
    return '<button type="button" class="slack-button' + style + '" data-action-id="'
      + escapeHtml(element.action_id) + '">' + textObject(element.text) + '</button>';
  }

  function elementHtml(element) {
    if (element.type === 'button') { return buttonHtml(element); }
    if (element.type === 'image') { return '[' + escapeHtml(element.alt_text || 'image') + ']'; }
    if (element.type === 'mrkdwn' || element.type === 'plain_text') { return textObject(element); }
    return '[' + escapeHtml(element.type) + ']';
  }

  function richTextHtml(block) {
    var out = '';
    (block.elements || []).forEach(function (section) {
      (section.elements || []).forEach(function (item) {
        if (item.type === 'text') { out += escapeHtml(item.text); }
        else if (item.type === 'link') { out += renderLink(item.url + (item.text ? '|' + item.text : '')); }
        else if (item.type === 'user') { out += renderLink('@' + item.user_id); }
        else if (item.type === 'emoji') { out += ':' + escapeHtml(item.name) + ':'; }
      });
      out += section.type === 'rich_text_preformatted' ? '\n' : '';
    });
    return out;
  }

  function blockNode(block) {
    var node = el('div', 'block block-' + block.type);
    var html = '';
    switch (block.type) {
      case 'section':
        html = textObject(block.text);
        if (block.fields) {
          html += '<div class="block-fields">' + block.fields.map(function (f) { return '<div>' + textObject(f) + '</div>'; }).join('') + '</div>';
        }
        if (block.accessory) { html += ' ' + elementHtml(block.accessory); }
        break;
      case 'header': html = textObject(block.text); break;
      case 'context': html = (block.elements || []).map(elementHtml).join(' '); break;
      case 'actions': html = (block.elements || []).map(elementHtml).join(''); break;
      case 'divider': return el('hr', 'block-divider');
      case 'rich_text': html = richTextHtml(block); break;
      case 'image': html = '[image: ' + escapeHtml(block.alt_text || '') + ']'; break;
      default: html = '[' + escapeHtml(block.type) + ' block]';
    }
    node.innerHTML = html;
    return node;
  }

  function messageNode(message, className) {
    var node = el('div', className);
    node.dataset.ts = message.ts;
    var head = el('div', 'message-head');
    head.appendChild(el('span', 'author', userName(message.user)));
    if (message.bot) { head.appendChild(el('span', 'app', 'APP')); }
    var stamp = el('span', 'ts', humanTime(message.ts));
    stamp.title = 'ts ' + message.ts;
    head.appendChild(stamp);
    if (message.edits > 0) { head.appendChild(el('span', 'edited', '(edited ×' + message.edits + ')')); }
    if (message.ephemeralTo) { head.appendChild(el('span', 'only-you', ' · only visible to ' + userName(message.ephemeralTo))); }
    node.appendChild(head);
    var body = el('div', 'message-body');
    if (message.blocks && message.blocks.length) {
      message.blocks.forEach(function (block) { body.appendChild(blockNode(block)); });
    } else {
      body.innerHTML = mrkdwn(message.text);
    }
    node.appendChild(body);
    return node;
  }

  function currentChannel() {
    var channels = state.channels;
    var found = channels.filter(function (c) { return c.id === selected; })[0];
    return found || channels[0];
  }

  function renderChannels(current) {
    var list = $('channels');
    list.innerHTML = '';
    state.channels.forEach(function (channel) {
      var item = el('li', 'channel' + (channel.id === current.id ? ' selected' : ''), (channel.isPrivate ? '🔒 ' : '# ') + channel.name + (channel.archived ? ' (archived)' : ''));
      item.dataset.channelId = channel.id;
      item.appendChild(el('span', 'count', String(channel.messages.length || '')));
      item.addEventListener('click', function () { select(channel.id); });
      list.appendChild(item);
    });
  }

  function renderMessages(current) {
    var box = $('messages');
    var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.innerHTML = '';
    var rows = current.messages.map(function (m) { return { ts: m.ts, message: m, ephemeral: false }; })
      .concat(current.ephemerals.map(function (m) { return { ts: m.ts, message: m, ephemeral: true }; }))
      .sort(function (a, b) { return parseFloat(a.ts) - parseFloat(b.ts); });
    if (current.topic) { box.appendChild(el('div', 'channel-topic', 'Topic: ' + current.topic)); }
    rows.forEach(function (row) {
      var node = messageNode(row.message, row.ephemeral ? 'message ephemeral' : 'message');
      if ((current.pinned || []).indexOf(row.message.ts) >= 0) {
        node.insertBefore(el('div', 'pinned', '📌 Pinned'), node.firstChild);
      }
      if (row.message.replies && row.message.replies.length) {
        var thread = el('div', 'thread');
        row.message.replies.forEach(function (reply) { thread.appendChild(messageNode(reply, 'thread-reply')); });
        node.appendChild(thread);
      }
      box.appendChild(node);
    });
    if (atBottom) { box.scrollTop = box.scrollHeight; }
  }

  function renderPickers(current) {
    var channelPicker = $('command-channel');
    var keep = channelPicker.value || current.id;
    channelPicker.innerHTML = '';
    state.channels.forEach(function (channel) {
      var option = el('option', null, '#' + channel.name);
      option.value = channel.id;
      channelPicker.appendChild(option);
    });
    channelPicker.value = keep;
    var userPicker = $('command-user');
    if (!userPicker.options.length) {
      Object.keys(state.users).filter(function (id) { return id !== 'U0GPUOPSBOT'; }).forEach(function (id) {
        var option = el('option', null, '@' + state.users[id]);
        option.value = id;
        userPicker.appendChild(option);
      });
    }
  }

  function renderLogs() {
    var commands = $('command-log');
    commands.innerHTML = '';
    state.commands.forEach(function (c) {
      var item = el('li', 'command-entry', '#' + channelName(c.channel) + ' @' + userName(c.user) + ' ' + c.command + ' ' + c.text + ' → ' + (c.status || 'no ack') + ' ' + ackText(c.body));
      commands.appendChild(item);
    });
    var responses = $('response-log');
    responses.innerHTML = '';
    state.responses.forEach(function (r) {
      responses.appendChild(el('li', 'response-entry', r.responseType + ' #' + channelName(r.channel) + ': ' + unslack(r.text)));
    });
  }

  function renderStatus() {
    $('bot-url').textContent = state.botUrl ? 'bot: ' + state.botUrl : 'bot URL not set';
    var limits = state.rateLimits;
    var status = $('rate-limits');
    var parts = [];
    if (limits.storm) { parts.push('429 storm on' + (limits.remainingCalls > 0 ? ' (' + limits.remainingCalls + ' calls left)' : '')); }
    if (limits.channelLimit) { parts.push('channel limit on'); }
    status.textContent = parts.join(' · ');
    status.className = parts.length ? 'hot' : '';
  }

  function render() {
    var current = currentChannel();
    if (!current) { return; }
    $('channel-title').textContent = '#' + current.name;
    renderChannels(current);
    renderMessages(current);
    renderPickers(current);
    renderLogs();
    renderStatus();
    renderedVersion = state.version;
  }

  function select(channelId) {
    selected = channelId;
    location.hash = channelId;
    $('command-channel').value = channelId;
    if (state) { render(); }
  }

  function poll() {
    fetch('/console/state', { cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(function (next) {
        var changed = !state || next.version !== renderedVersion || JSON.stringify(next.rateLimits) !== JSON.stringify(state.rateLimits);
        state = next;
        if (changed) { render(); }
      })
      .catch(function () { $('bot-url').textContent = 'sandbox unreachable'; });
  }

  // an ack body as a person reads it: "ephemeral: Usage: /gpu deploy <target> …", not JSON with entities
  function ackText(body) {
    if (!body) { return ''; }
    try {
      var json = JSON.parse(body);
      return (json.response_type || 'ephemeral') + ': ' + unslack(json.text || JSON.stringify(json.blocks || json));
    } catch (ignored) {
      return unslack(body);
    }
  }

  function showAck(result, failed) {
    var ack = $('command-ack');
    ack.className = failed ? 'error' : '';
    $('ack-status').textContent = failed ? 'failed' : (result.status ? 'HTTP ' + result.status : 'no ack');
    var body = ackText(result.body || '');
    $('ack-body').textContent = body || '(empty ack: Slack shows nothing)';
    ack.dataset.status = String(result.status || 0);
  }

  function send(event) {
    event.preventDefault();
    var input = $('command-input');
    var text = input.value.trim();
    if (!text) { return; }
    var button = $('command-send');
    button.disabled = true;
    fetch('/console/command', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: $('command-channel').value, user: $('command-user').value, text: text })
    })
      .then(function (response) { return response.json().then(function (json) { return { ok: response.ok, json: json }; }); })
      .then(function (reply) {
        if (reply.ok) { input.value = ''; showAck(reply.json, reply.json.status === 0); }
        else { showAck({ status: 0, body: reply.json.detail || reply.json.error }, true); }
      })
      .catch(function (error) { showAck({ status: 0, body: String(error) }, true); })
      .then(function () { button.disabled = false; poll(); });
  }

  function admin(method, body) {
    fetch('/admin/ratelimit', { method: method, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })
      .then(poll);
  }

  function click(event) {
    var button = event.target.closest('button[data-action-id]');
    var message = button && button.closest('[data-ts]');
    if (!message) { return; }
    fetch('/console/click', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: $('command-channel').value, ts: message.dataset.ts,
        user: $('command-user').value, actionId: button.dataset.actionId })
    })
      .then(function (response) { return response.json().then(function (json) { return { ok: response.ok, json: json }; }); })
      .then(function (reply) {
        if (reply.ok) { showAck(reply.json, reply.json.status === 0); }
        else { showAck({ status: 0, body: reply.json.detail || reply.json.error }, true); }
      })
      .catch(function (error) { showAck({ status: 0, body: String(error) }, true); })
      .then(poll);
  }

  $('messages').addEventListener('click', click);
  $('command-form').addEventListener('submit', send);
  $('command-channel').addEventListener('change', function (e) { select(e.target.value); });
  $('storm-button').addEventListener('click', function () { admin('POST', { calls: 10, retryAfter: 2 }); });
  $('channel-limit-button').addEventListener('click', function () {
    admin('POST', { channelLimit: !(state && state.rateLimits.channelLimit), burst: 3 });
  });
  $('heal-button').addEventListener('click', function () { admin('DELETE'); });
  poll();
  setInterval(poll, POLL_MS);
}());
