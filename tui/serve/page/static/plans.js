/* plans serve: the glue between our page and textual-serve's textual.js (loaded right after this).
 * Everything here talks only to the server this page came from. */
(function () {
  "use strict";

  var page = { client: null, copied: null, downloads: [], full: false };
  window.plansPage = page;

  // textual.js keeps its terminal in a closure. Its constructor's first own assignment is
  // `this.fitAddon = …`: catch the instance there (once), so the page can focus the terminal and
  // read what it shows (plansPage.screenText(), used by the tests and the benchmark).
  Object.defineProperty(Object.prototype, "fitAddon", {
    configurable: true,
    set: function (value) {
      delete Object.prototype.fitAddon;
      Object.defineProperty(this, "fitAddon", { value: value, writable: true, configurable: true, enumerable: true });
      page.client = this;
      followBackground(this.terminal);
    },
  });

  // The app sets the terminal's default colours to its theme's (OSC 11 / OSC 111 to reset): the
  // margin around the character grid follows, so no black strip shows under a light theme.
  function followBackground(term) {
    if (!term || !term.parser || !term.parser.registerOscHandler) { return; }
    var set = function (colour) {
      var valid = /^#[0-9a-fA-F]{6}$/.test(colour);
      document.documentElement.style.setProperty("--plans-terminal-bg", valid ? colour : "#000000");
      return false;  // xterm.js applies the colour itself too
    };
    term.parser.registerOscHandler(11, function (data) { return set(String(data).trim()); });
    term.parser.registerOscHandler(111, function () { return set(""); });
  }

  page.terminal = function () {
    return page.client ? page.client.terminal : null;
  };

  // The text on screen, one line per terminal row (wide characters once).
  page.screenText = function () {
    var term = page.terminal();
    if (!term) { return ""; }
    var buffer = term.buffer.active, rows = [];
    for (var y = 0; y < term.rows; y++) {
      var line = buffer.getLine(buffer.viewportY + y);
      rows.push(line ? line.translateToString(true) : "");
    }
    return rows.join("\n");
  };

  function setClosed(heading, message) {
    var h = document.getElementById("closed-heading"), m = document.getElementById("closed-message");
    if (h) { h.textContent = heading; }
    if (m) { m.textContent = message; }
  }

  // The websocket lives next to the page (works under a reverse proxy's path prefix too). The
  // ticket claims the app the server started when it sent this page.
  function socketUrl(ticket) {
    var url = new URL(ticket ? "ws/" + encodeURIComponent(ticket) : "ws", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.search = "";
    url.hash = "";
    return url.href;
  }

  // Watch the session's websocket: the server's "sessions full" notice, and focus on first output.
  var NativeWebSocket = window.WebSocket;
  function PlansWebSocket(url, protocols) {
    var ws = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    var focused = false;
    ws.addEventListener("message", function (event) {
      if (typeof event.data === "string") {
        var message;
        try { message = JSON.parse(event.data); } catch (err) { return; }
        if (message && message[0] === "plans_full") {
          page.full = true;
          setClosed("会话已满", String(message[1]));
        }
      } else if (!focused) {
        focused = true;
        setTimeout(function () { var t = page.terminal(); if (t) { t.focus(); } }, 0);
      }
    });
    return ws;
  }
  PlansWebSocket.prototype = NativeWebSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
    PlansWebSocket[name] = NativeWebSocket[name];
  });
  window.WebSocket = PlansWebSocket;

  // File deliveries (export): textual.js opens `<origin>/download/<key>` in a new tab, which popup
  // blockers stop (it is not a click). Download it through a link next to the page instead.
  var nativeOpen = window.open;
  window.open = function (url, target, features) {
    var parsed = null;
    try { parsed = new URL(String(url), window.location.href); } catch (err) { parsed = null; }
    var match = parsed && parsed.origin === window.location.origin && /\/download\/([0-9a-f]+)$/.exec(parsed.pathname);
    if (match) {
      var link = document.createElement("a");
      link.href = new URL("download/" + match[1], window.location.href).href;
      link.download = "";
      document.body.appendChild(link);
      link.click();
      link.remove();
      page.downloads.push(link.href);
      return null;
    }
    return nativeOpen.call(window, url, target, features);
  };

  // Copy (`y`): the app sends OSC 52, xterm.js calls navigator.clipboard.writeText. On plain http
  // beyond localhost that API does not exist, and it may refuse without focus: fall back to a
  // hidden textarea and execCommand("copy") (allowed right after the key press).
  function copyByCommand(text) {
    var active = document.activeElement, area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    area.remove();
    if (active && active.focus) { active.focus(); }
    return ok ? Promise.resolve() : Promise.reject(new Error("复制被浏览器拒绝"));
  }
  var clipboard = navigator.clipboard;
  if (!clipboard) {
    clipboard = { readText: function () { return Promise.resolve(""); } };
    try { Object.defineProperty(navigator, "clipboard", { value: clipboard, configurable: true }); } catch (err) { clipboard = null; }
  }
  if (clipboard) {
    var nativeWrite = clipboard.writeText ? clipboard.writeText.bind(clipboard) : null;
    clipboard.writeText = function (text) {
      page.copied = text;
      if (!nativeWrite) { return copyByCommand(text); }
      return nativeWrite(text).catch(function () { return copyByCommand(text); });
    };
  }

  function restart() {
    var url = new URL(window.location.href);
    url.searchParams.delete("delay");
    window.location.href = url.pathname + url.search;
  }

  // textual.js connects from window.onload, which waits for every image and font of the page. The
  // app takes seconds to start, so start it as soon as the document and the terminal's font are
  // ready instead (the font first: the terminal measures its cells with it).
  function connectEarly() {
    var start = window.onload;
    if (typeof start !== "function") { return; }
    window.onload = null;
    start(new Event("load"));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var terminal = document.getElementById("terminal");
    if (terminal) {
      terminal.dataset.sessionWebsocketUrl = socketUrl(terminal.dataset.ticket);
      if (document.fonts && document.fonts.load) {
        document.fonts.load("16px 'Roboto Mono'").then(connectEarly, connectEarly);
      } else {
        connectEarly();
      }
    }
    Array.prototype.forEach.call(document.querySelectorAll("button.restart"), function (button) {
      button.addEventListener("click", restart);
    });
  });
})();
