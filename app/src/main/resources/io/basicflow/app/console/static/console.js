// The basicflow web console: a small single-page app over the JSON API (no framework, no build step).
// Safety rule: the DOM is built with text nodes only (el() below); no innerHTML anywhere, so a TALK
// or an id never becomes markup. The server also sends a Content-Security-Policy without inline script.
"use strict";

(function () {
  const TOKEN_KEY = "basicflow.console.token";
  const STATUSES = ["RUNNABLE", "RUNNING", "WAITING_INPUT", "WAITING_TIMER", "WAITING_CHILD", "COMPLETED", "FAILED", "CANCELLED"];
  const main = document.getElementById("main");
  const notice = document.getElementById("notice");
  const signOut = document.getElementById("sign-out");

  // Everything the current view started (streams, timers) stops when the view changes.
  let viewScope = newScope();

  function newScope() {
    return { alive: true, controllers: [], timers: [] };
  }

  function stopScope(scope) {
    scope.alive = false;
    scope.controllers.forEach((c) => c.abort());
    scope.timers.forEach((t) => clearInterval(t));
  }

  // ---- DOM ----

  /** An element with attributes (on* functions become listeners) and children (strings become text). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on") && typeof value === "function") {
        node.addEventListener(name.substring(2), value);
      } else if (name === "class") {
        node.className = value;
      } else if (value === true) {
        node.setAttribute(name, "");
      } else {
        node.setAttribute(name, String(value));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function replace(node, ...children) {
    node.replaceChildren();
    return append(node, children);
  }

  function statusBadge(status) {
    return el("span", { class: "status " + (STATUSES.includes(status) ? status : ""), "data-status": status }, status);
  }

  function time(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleString();
  }

  function executionHref(id) {
    return "#/executions/" + encodeURIComponent(id);
  }

  function showNotice(text) {
    if (!text) {
      notice.hidden = true;
      notice.replaceChildren();
      return;
    }
    replace(notice, text);
    notice.hidden = false;
  }

  // ---- API ----

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function headers(extra) {
    const result = Object.assign({ Accept: "application/json" }, extra || {});
    const current = token();
    if (current) result.Authorization = "Bearer " + current;
    return result;
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && problem.detail ? problem.detail : "HTTP " + status);
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(path, options) {
    const opts = options || {};
    const init = { method: opts.method || "GET", headers: headers(opts.headers), signal: opts.signal };
    if (opts.json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(opts.json);
    }
    const response = await fetch(path, init);
    if (response.status === 401) {
      throw new ApiError(401, await refused(response));
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  /** The server refused the token (or wants one): forget it and ask, saying why. */
  async function refused(response) {
    const hadToken = token() !== null;
    sessionStorage.removeItem(TOKEN_KEY);
    const problem = await response.json().catch(() => null);
    if (hadToken && problem) renderLogin(problem.detail, true);
    else renderLogin("This server requires its API token.", false);
    return problem;
  }

  /** Reads a server-sent event stream with fetch (EventSource cannot send the token). */
  async function stream(path, scope, onEvent) {
    while (scope.alive) {
      const controller = new AbortController();
      scope.controllers.push(controller);
      try {
        const response = await fetch(path, {
          headers: headers({ Accept: "text/event-stream" }),
          signal: controller.signal,
        });
        if (response.status === 401) {
          await refused(response);
          return;
        }
        if (!response.ok || !response.body) return;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.substring(0, cut);
            buffer = buffer.substring(cut + 2);
            let event = "message";
            const data = [];
            for (const line of frame.split("\n")) {
              if (line.startsWith("event:")) event = line.substring(6).trim();
              else if (line.startsWith("data:")) data.push(line.substring(5).trim());
            }
            if (data.length) onEvent(event, data.join("\n"));
            if (event === "end") return;
          }
        }
      } catch (e) {
        if (!scope.alive) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }

  function failed(error) {
    if (error instanceof ApiError && error.status === 401) return;
    if (error && error.name === "AbortError") return;
    showNotice(error && error.message ? error.message : String(error));
  }

  // ---- routing ----

  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [pathPart, queryPart] = hash.split("?");
    const parts = pathPart.split("/").filter((p) => p.length).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch (e) {
        return p;
      }
    });
    return { parts, query: new URLSearchParams(queryPart || "") };
  }

  function route() {
    stopScope(viewScope);
    viewScope = newScope();
    showNotice(null);
    signOut.hidden = !token();
    const { parts, query } = parseHash();
    const section = parts[0] || "executions";
    for (const link of document.querySelectorAll(".top nav a")) {
      if (link.id === "nav-" + section) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (section === "login") renderLogin(null, false);
    else if (section === "schedules") renderSchedules(viewScope);
    else if (section === "bots") renderBots(viewScope);
    else if (section === "chat") renderChat(parts[1], viewScope);
    else if (parts.length > 1) renderExecution(parts.slice(1).join("/"), viewScope);
    else renderList(query, viewScope);
  }

  // ---- login ----

  function renderLogin(message, why) {
    const asking = document.getElementById("login-message");
    if (asking) {
      // Already asking (several requests were refused at once): only the refusal of a token says more.
      if (why) asking.textContent = message;
      return;
    }
    stopScope(viewScope);
    viewScope = newScope();
    signOut.hidden = true;
    const input = el("input", { id: "token", type: "password", autocomplete: "current-password", required: true });
    const form = el(
      "form",
      {
        onsubmit: (event) => {
          event.preventDefault();
          sessionStorage.setItem(TOKEN_KEY, input.value.trim());
          if (parseHash().parts[0] === "login") location.hash = "#/executions";
          else route();
        },
      },
      el("label", { for: "token" }, "API token"),
      input,
      el("button", { id: "sign-in", class: "primary", type: "submit" }, "Sign in")
    );
    replace(
      main,
      el(
        "section",
        { class: "panel login", "aria-labelledby": "login-title" },
        el("h1", { id: "login-title" }, "Sign in"),
        el("p", { id: "login-message", class: "error-text", "aria-live": "polite" }, message || ""),
        el("p", { class: "muted" }, "Enter the API token this server was started with (--token). It stays in this tab only."),
        form
      )
    );
    input.focus();
  }

  signOut.addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    renderLogin("Signed out.", false);
  });

  // ---- executions list ----

  function renderList(query, scope) {
    const status = query.get("status") || "";
    const script = query.get("script") || "";
    const from = query.get("from") || "";
    const to = query.get("to") || "";
    const after = query.get("after") || "";
    const counts = el("div", { class: "counts", role: "group", "aria-label": "Executions per status" });
    const live = el("span", { class: "live", id: "live", "aria-live": "polite" }, "connecting…");
    const tbody = el("tbody", { id: "executions" });
    const pager = el("div", { class: "actions" });

    function listHash(changes) {
      const params = new URLSearchParams();
      const values = Object.assign({ status, script, from, to, after: "" }, changes);
      for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
      const text = params.toString();
      return "#/executions" + (text ? "?" + text : "");
    }

    const statusSelect = el(
      "select",
      { id: "filter-status", name: "status" },
      el("option", { value: "" }, "any"),
      STATUSES.map((s) => el("option", { value: s, selected: s === status }, s))
    );
    const scriptInput = el("input", { id: "filter-script", name: "script", value: script, placeholder: "e.g. support.bas" });
    const fromInput = el("input", { id: "filter-from", name: "from", type: "datetime-local", value: local(from) });
    const toInput = el("input", { id: "filter-to", name: "to", type: "datetime-local", value: local(to) });
    const filters = el(
      "form",
      {
        class: "filters",
        role: "search",
        onsubmit: (event) => {
          event.preventDefault();
          location.hash = listHash({
            status: statusSelect.value,
            script: scriptInput.value.trim(),
            from: iso(fromInput.value),
            to: iso(toInput.value),
          });
        },
      },
      el("label", {}, "Status", statusSelect),
      el("label", {}, "Script", scriptInput),
      el("label", {}, "Created from", fromInput),
      el("label", {}, "Created to", toInput),
      el("button", { type: "submit", class: "primary", id: "apply-filters" }, "Apply"),
      el("a", { class: "button", href: "#/executions" }, "Clear")
    );

    replace(
      main,
      el("h1", {}, "Executions ", live),
      counts,
      el("section", { class: "panel" }, filters),
      el(
        "section",
        { class: "panel table-wrap" },
        el(
          "table",
          { "aria-label": "Executions" },
          el("thead", {}, el("tr", {}, ["Execution", "Script", "Status", "Created", "Updated"].map((h) => el("th", { scope: "col" }, h)))),
          tbody
        ),
        pager
      )
    );

    async function refresh() {
      try {
        const params = new URLSearchParams({ limit: "50" });
        if (status) params.set("status", status);
        if (script) params.set("script", script);
        if (from) params.set("from", from);
        if (to) params.set("to", to);
        if (after) params.set("after", after);
        const [page, totals] = await Promise.all([api("/executions?" + params), api("/console/api/counts")]);
        if (!scope.alive) return;
        replace(
          counts,
          STATUSES.map((s) =>
            el(
              "button",
              {
                type: "button",
                id: "count-" + s,
                "aria-pressed": s === status ? "true" : "false",
                onclick: () => (location.hash = listHash({ status: s === status ? "" : s })),
              },
              statusBadge(s),
              el("span", { class: "n" }, String(totals.counts[s] || 0))
            )
          ),
          el("span", { class: "muted" }, "total " + totals.total)
        );
        replace(
          tbody,
          page.executions.length === 0
            ? el("tr", {}, el("td", { colspan: "5", class: "muted" }, "No executions match."))
            : page.executions.map((e) =>
                el(
                  "tr",
                  { "data-id": e.id },
                  el("td", {}, el("a", { href: executionHref(e.id), class: "mono" }, e.id)),
                  el("td", {}, e.script),
                  el("td", {}, statusBadge(e.status)),
                  el("td", {}, time(e.createdAt)),
                  el("td", {}, time(e.updatedAt))
                )
              )
        );
        replace(
          pager,
          after ? el("a", { class: "button", href: listHash({}) }, "First page") : null,
          page.next ? el("a", { class: "button", id: "next-page", href: listHash({ after: page.next }) }, "Next page") : null
        );
      } catch (e) {
        failed(e);
      }
    }

    refresh();
    let pending = null;
    const params = new URLSearchParams();
    if (status) params.set("status", status);
    if (script) params.set("script", script);
    stream("/console/api/changes?" + params, scope, (event) => {
      if (event !== "changed") return;
      live.className = "live on";
      live.textContent = "live";
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        if (scope.alive) refresh();
      }, 200);
    });
  }

  function local(isoText) {
    if (!isoText) return "";
    const date = new Date(isoText);
    if (isNaN(date)) return "";
    const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return shifted.toISOString().substring(0, 16);
  }

  function iso(localText) {
    if (!localText) return "";
    const date = new Date(localText);
    return isNaN(date) ? "" : date.toISOString();
  }

  // ---- one execution: the pieces the detail page and the chat share ----

  /** Loads an execution, its events, its messages and the console's inspection together. */
  async function load(id) {
    const enc = encodeURIComponent(id);
    const [execution, inspection, messages] = await Promise.all([
      api("/executions/" + enc),
      api("/console/api/executions/" + enc),
      api("/executions/" + enc + "/messages?after=0&wait=0&limit=1000"),
    ]);
    const events = await history(id);
    // The inputs a child received belong to the same conversation (input sent to a parent goes to the
    // child it waits for), so the chat shows them too.
    const childInputs = [];
    for (const child of inspection.children) {
      const childEvents = await history(child.id);
      childEvents
        .filter(isInput)
        .forEach((e) => childInputs.push(Object.assign({ executionId: child.id }, e)));
    }
    return { execution, inspection, messages: messages.messages, events, childInputs };
  }

  async function history(id) {
    const events = [];
    let after = 0;
    for (;;) {
      const page = await api("/executions/" + encodeURIComponent(id) + "/events?after=" + after + "&limit=1000");
      events.push(...page.events);
      if (page.events.length < 1000) break;
      after = page.next;
    }
    return events;
  }

  function isInput(event) {
    return event.type === "InputReceived" || event.type === "InputRejected";
  }

  function sourceView(inspection, selectedLine) {
    const lines = inspection.source.split("\n");
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    return el(
      "ol",
      { class: "source mono", id: "source", "aria-label": "Script source, version " + inspection.script },
      lines.map((text, i) => {
        const n = i + 1;
        const current = inspection.currentLine === n;
        const classes = [current ? "current" : "", selectedLine === n ? "selected" : ""].join(" ").trim();
        return el(
          "li",
          { id: "line-" + n, class: classes || null, "data-line": n, "aria-current": current ? "step" : null },
          el("span", { class: "ln" }, String(n)),
          el("span", { class: "code" }, text)
        );
      })
    );
  }

  /** The events as a table; compact (the chat's side) leaves out the time and the details buttons. */
  function timelineView(events, onSelect, selectedSeq, compact) {
    const columns = compact ? ["#", "Line", "Kind", "Summary"] : ["#", "Time", "Line", "Kind", "Summary", ""];
    return el(
      "div",
      { class: "timeline" },
      el(
        "table",
        { "aria-label": "Event timeline" },
        el("thead", {}, el("tr", {}, columns.map((h) => el("th", { scope: "col" }, h)))),
        el(
          "tbody",
          { id: "timeline" },
          events.map((event) =>
            el(
              "tr",
              { "data-seq": event.seq, "data-type": event.type, class: event.seq === selectedSeq ? "selected" : null },
              el("td", {}, String(event.seq)),
              compact ? null : el("td", { class: "nowrap" }, new Date(event.at).toLocaleTimeString([], { hour12: false })),
              el(
                "td",
                {},
                event.line > 0
                  ? el(
                      "a",
                      {
                        href: "#line-" + event.line,
                        class: "line-link",
                        onclick: (e) => {
                          e.preventDefault();
                          onSelect(event, true);
                        },
                      },
                      String(event.line)
                    )
                  : ""
              ),
              el("td", { class: "nowrap" }, event.type),
              el("td", {}, event.summary),
              compact
                ? null
                : el(
                "td",
                {},
                el(
                  "button",
                  { type: "button", class: "event-details", "aria-label": "Details of event " + event.seq, onclick: () => onSelect(event, false) },
                  "Details"
                )
              )
            )
          )
        )
      )
    );
  }

  /** An execution's error; its line is said once (the engine's message often names file:line:col). */
  function errorText(error) {
    return error.message.includes(":" + error.line + ":") ? error.message : "line " + error.line + ": " + error.message;
  }

  function valueText(value) {
    return JSON.stringify(value, null, 2);
  }

  function variablesView(variables, caption) {
    const names = Object.keys(variables || {});
    return el(
      "div",
      { id: "variables" },
      el("h2", {}, caption),
      names.length === 0
        ? el("p", { class: "muted" }, "No variables.")
        : el(
            "table",
            { "aria-label": caption },
            el("tbody", {}, names.map((name) => el("tr", { "data-variable": name }, el("th", { scope: "row", class: "mono" }, name), el("td", { class: "mono" }, valueText(variables[name])))))
          )
    );
  }

  /** A message as the transcript shows it: its text, and the file a SEND FILE sent, by its path. */
  function messageText(m) {
    if (!m.file) return m.text;
    return (m.text ? m.text + " " : "") + "[file: " + m.file.path + "]";
  }

  /** The choices an execution offers now: a waiting HEAR menu's options, else the last message's suggestions. */
  function choicesOf(data) {
    const input = data.inspection.input;
    if (input && input.options && input.options.length) {
      return input.options.map((option) => ({ text: option, reply: option }));
    }
    const last = data.messages[data.messages.length - 1];
    if (data.execution.status === "WAITING_INPUT" && last && Array.isArray(last.suggestions)) {
      return last.suggestions.map((s) => ({ text: s.text, reply: s.reply !== undefined ? s.reply : s.text }));
    }
    return [];
  }

  async function sendInput(id, text) {
    await api("/executions/" + encodeURIComponent(id) + "/input", { method: "POST", json: { text } });
  }

  /** Refreshes a view on each frame of the execution's message stream, and every 2 s while it runs. */
  function follow(id, scope, refresh) {
    let pending = null;
    const soon = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        if (scope.alive) refresh();
      }, 150);
    };
    stream("/executions/" + encodeURIComponent(id) + "/messages?after=0", scope, soon);
    scope.timers.push(setInterval(soon, 2000));
  }

  // ---- one execution: the page ----

  function renderExecution(id, scope) {
    const header = el("div", { id: "execution-header" });
    const actions = el("div", { class: "actions", id: "actions" });
    const sourcePanel = el("section", { class: "panel", "aria-labelledby": "source-title" });
    const timelinePanel = el("section", { class: "panel", "aria-labelledby": "timeline-title" });
    const statePanel = el("section", { class: "panel", id: "state-panel" });
    const messagesPanel = el("section", { class: "panel", "aria-labelledby": "messages-title" });
    const childrenPanel = el("section", { class: "panel", "aria-labelledby": "children-title" });
    replace(
      main,
      el("h1", { id: "execution-title" }, "Execution ", el("span", { class: "mono", id: "execution-id" }, id)),
      header,
      actions,
      el("div", { class: "grid" }, el("div", {}, sourcePanel, statePanel), el("div", {}, timelinePanel, messagesPanel, childrenPanel))
    );
    let selected = null; // { seq, line, payload }
    let data = null;

    async function selectEvent(event, lineOnly) {
      selected = { seq: event.seq, line: event.line, payload: event.payload, type: event.type, showPayload: !lineOnly };
      draw();
      const target = document.getElementById("line-" + event.line);
      if (target) target.scrollIntoView({ block: "center" });
      try {
        const state = await api("/console/api/executions/" + encodeURIComponent(id) + "/state?seq=" + event.seq);
        if (!scope.alive || !selected || selected.seq !== event.seq) return;
        selected.state = state;
        drawState();
      } catch (e) {
        failed(e);
      }
    }

    function drawState() {
      if (!data) return;
      if (selected && selected.state) {
        replace(
          statePanel,
          variablesView(selected.state.variables, "Variables after event " + selected.seq + " (" + selected.type + ")"),
          selected.showPayload ? [el("h2", {}, "Event " + selected.seq), el("pre", { class: "json", id: "event-payload" }, valueText(selected.payload))] : null,
          el("button", { type: "button", id: "show-current", onclick: () => { selected = null; draw(); } }, "Show the current variables")
        );
      } else {
        replace(statePanel, variablesView(data.execution.variables, "Variables now"));
      }
    }

    function draw() {
      const e = data.execution;
      replace(
        header,
        el(
          "dl",
          { class: "facts panel" },
          el("dt", {}, "Script"), el("dd", {}, e.script),
          el("dt", {}, "Status"), el("dd", { id: "execution-status" }, statusBadge(e.status)),
          el("dt", {}, "Waiting for"), el("dd", { id: "waiting-for" }, e.waitingFor || "—"),
          el("dt", {}, "Current line"), el("dd", { id: "current-line" }, data.inspection.currentLine ? String(data.inspection.currentLine) : "—"),
          el("dt", {}, "Started"), el("dd", {}, time(e.createdAt)),
          el("dt", {}, "Updated"), el("dd", {}, time(e.updatedAt)),
          e.parentId ? [el("dt", {}, "Parent"), el("dd", {}, el("a", { href: executionHref(e.parentId), id: "parent-link", class: "mono" }, e.parentId))] : null,
          e.error ? [el("dt", {}, "Error"), el("dd", { class: "error-text", id: "execution-error" }, errorText(e.error))] : null,
          e.result !== null && e.result !== undefined ? [el("dt", {}, "Result"), el("dd", { class: "mono" }, valueText(e.result))] : null,
          el("dt", {}, "Chat"), el("dd", {}, el("a", { href: "#/chat/" + encodeURIComponent(e.id) }, "Open in the chat"))
        )
      );
      const inputBox = el("input", { id: "input-text", "aria-label": "Input for the execution", placeholder: "input for HEAR" });
      replace(
        actions,
        e.links.cancel ? el("button", { type: "button", class: "danger", id: "cancel", onclick: cancel }, "Cancel") : null,
        e.links.retry ? el("button", { type: "button", id: "retry", onclick: retry }, "Retry") : null,
        e.links.input
          ? el(
              "form",
              {
                class: "row",
                id: "input-form",
                onsubmit: async (event) => {
                  event.preventDefault();
                  const text = inputBox.value;
                  try {
                    await sendInput(id, text);
                    inputBox.value = "";
                    refresh();
                  } catch (err) {
                    failed(err);
                  }
                },
              },
              inputBox,
              el("button", { type: "submit", class: "primary" }, "Send input")
            )
          : null,
        choicesOf(data).map((c) => el("button", { type: "button", class: "choice", onclick: () => sendInput(id, c.reply).then(refresh, failed) }, c.text))
      );
      replace(
        sourcePanel,
        el("h2", { id: "source-title" }, "Source (pinned version)" + (data.inspection.truncated ? " — history too long, folded in part" : "")),
        sourceView(data.inspection, selected ? selected.line : null)
      );
      replace(
        timelinePanel,
        el("h2", { id: "timeline-title" }, "Timeline (" + data.events.length + " events)"),
        timelineView(data.events, selectEvent, selected ? selected.seq : null)
      );
      replace(
        messagesPanel,
        el("h2", { id: "messages-title" }, "Messages"),
        data.messages.length === 0
          ? el("p", { class: "muted" }, "No messages yet.")
          : el(
              "ol",
              { class: "transcript", id: "messages" },
              data.messages.map((m) =>
                el(
                  "li",
                  { class: "bubble bot", "data-position": m.position },
                  messageText(m),
                  Array.isArray(m.suggestions) && m.suggestions.length
                    ? el("div", { class: "muted" }, "suggestions: " + m.suggestions.map((s) => s.text).join(", "))
                    : null
                )
              )
            )
      );
      replace(
        childrenPanel,
        el("h2", { id: "children-title" }, "Children"),
        data.inspection.children.length === 0
          ? el("p", { class: "muted" }, "None.")
          : el(
              "ul",
              { id: "children" },
              data.inspection.children.map((c) =>
                el("li", {}, el("a", { href: executionHref(c.id), class: "mono" }, c.id), " ", c.script, " ", statusBadge(c.status), " (line " + c.line + ")")
              )
            )
      );
      drawState();
    }

    let shown = "";
    async function refresh() {
      try {
        const loaded = await load(id);
        if (!scope.alive) return;
        const key = JSON.stringify(loaded);
        if (key === shown) return; // nothing changed: keep the page as the user left it
        shown = key;
        data = loaded;
        draw();
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          replace(header, el("p", { class: "error-text", id: "not-found" }, "There is no execution with the id " + id + "."));
          return;
        }
        if (e instanceof ApiError && e.status === 400) {
          replace(header, el("p", { class: "error-text", id: "not-found" }, e.message));
          return;
        }
        failed(e);
      }
    }

    async function cancel() {
      if (!window.confirm("Cancel execution " + id + "?")) return;
      try {
        await api("/executions/" + encodeURIComponent(id) + "/cancel", { method: "POST", json: { reason: "cancelled from the web console" } });
        refresh();
      } catch (e) {
        failed(e);
      }
    }

    async function retry() {
      try {
        await api("/executions/" + encodeURIComponent(id) + "/retry", { method: "POST" });
        refresh();
      } catch (e) {
        failed(e);
      }
    }

    refresh().then(() => {
      if (data) follow(id, scope, refresh);
    });
  }

  // ---- chat ----

  function renderChat(id, scope) {
    if (!id) {
      renderChatStart(scope);
      return;
    }
    const transcript = el("ol", { class: "transcript", id: "transcript", "aria-live": "polite", "aria-label": "Conversation" });
    const choices = el("div", { class: "choices", id: "choices", role: "group", "aria-label": "Choices" });
    const input = el("input", { id: "chat-input", "aria-label": "Your message", placeholder: "Type a message", autocomplete: "off" });
    const statusLine = el("p", { class: "muted", id: "chat-status" });
    const form = el(
      "form",
      {
        class: "send",
        onsubmit: async (event) => {
          event.preventDefault();
          const text = input.value;
          if (!text) return;
          input.value = "";
          await say(text);
        },
      },
      input,
      el("button", { type: "submit", class: "primary", id: "chat-send" }, "Send")
    );
    const side = el("div", { id: "chat-side" });
    replace(
      main,
      el("h1", {}, "Chat with ", el("span", { id: "chat-script" }, "…"), " ", el("a", { href: executionHref(id), class: "mono", id: "chat-execution" }, id)),
      el(
        "div",
        { class: "chat-layout" },
        el("section", { class: "panel", "aria-label": "Chat" }, transcript, choices, form, statusLine),
        side
      )
    );

    async function say(text) {
      try {
        await sendInput(id, text);
        refresh();
      } catch (e) {
        failed(e);
      }
    }

    function draw(data) {
      document.getElementById("chat-script").textContent = data.execution.script;
      // The transcript: outgoing messages and the inputs the execution received, in event order.
      // A child's lines sort after the parent step that started it, in the child's own order.
      const children = data.inspection.children;
      const startedAt = new Map(children.map((c) => [c.id, c.parentSeq]));
      const lastChild = children.length ? children[children.length - 1].parentSeq : 0;
      const key = (executionId, seq) => (executionId === id ? [seq, 0] : [startedAt.get(executionId) ?? lastChild, seq]);
      const inputText = (e) => (e.payload && typeof e.payload.input === "string" ? e.payload.input : e.summary);
      const items = [];
      data.messages.forEach((m) => {
        // suggestions sent on their own (empty text, no file) are only buttons, not a bubble
        if (messageText(m)) items.push({ key: key(m.executionId, m.seq), who: "bot", text: messageText(m) });
      });
      data.events.filter(isInput).forEach((e) => items.push({ key: key(id, e.seq), who: "user", text: inputText(e) }));
      data.childInputs.forEach((e) => items.push({ key: key(e.executionId, e.seq), who: "user", text: inputText(e) }));
      items.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
      replace(
        transcript,
        items.map((item) => el("li", { class: "bubble " + item.who }, item.text)),
        data.execution.ended ? el("li", { class: "bubble system", id: "chat-ended" }, "The conversation ended (" + data.execution.status + ").") : null
      );
      transcript.scrollTop = transcript.scrollHeight;
      replace(choices, choicesOf(data).map((c) => el("button", { type: "button", class: "choice", onclick: () => say(c.reply) }, c.text)));
      replace(statusLine, "Status: ", statusBadge(data.execution.status), data.execution.waitingFor ? " — waiting for " + data.execution.waitingFor : "");
      input.disabled = data.execution.ended;
      replace(
        side,
        el("section", { class: "panel" }, el("h2", {}, "Source, line " + (data.inspection.currentLine || "—")), sourceView(data.inspection, null)),
        el("section", { class: "panel" }, el("h2", {}, "Timeline"), timelineView(data.events, () => (location.hash = executionHref(id)), null, true))
      );
    }

    let shown = "";
    async function refresh() {
      try {
        const data = await load(id);
        const key = JSON.stringify(data);
        if (!scope.alive || key === shown) return;
        shown = key;
        draw(data);
      } catch (e) {
        failed(e);
      }
    }

    refresh().then(() => follow(id, scope, refresh));
    input.focus();
  }

  function renderChatStart(scope) {
    const select = el("select", { id: "chat-script-select", required: true });
    const idInput = el("input", { id: "chat-open-id", placeholder: "execution id", "aria-label": "Execution id" });
    replace(
      main,
      el("h1", {}, "Chat"),
      el(
        "section",
        { class: "panel" },
        el("h2", {}, "Start a conversation"),
        el(
          "form",
          {
            class: "row",
            onsubmit: async (event) => {
              event.preventDefault();
              try {
                const started = await api("/executions", { method: "POST", json: { script: select.value } });
                location.hash = "#/chat/" + encodeURIComponent(started.id);
              } catch (e) {
                failed(e);
              }
            },
          },
          el("label", {}, "Script or bot", select),
          el("button", { type: "submit", class: "primary", id: "chat-start" }, "Start")
        )
      ),
      el(
        "section",
        { class: "panel" },
        el("h2", {}, "Continue a conversation"),
        el(
          "form",
          {
            class: "row",
            onsubmit: (event) => {
              event.preventDefault();
              if (idInput.value.trim()) location.hash = "#/chat/" + encodeURIComponent(idInput.value.trim());
            },
          },
          idInput,
          el("button", { type: "submit" }, "Open")
        )
      )
    );
    api("/scripts")
      .then((listing) => {
        if (!scope.alive) return;
        const scripts = listing.scripts.filter((s) => s.mode !== "direct");
        const wanted = parseHash().query.get("script");
        replace(select, scripts.map((s) => el("option", { value: s.name, selected: s.name === wanted }, s.name)));
        if (scripts.length === 0) showNotice("No #workflow script in the scripts folder: add one to chat with it.");
      })
      .catch(failed);
  }

  // ---- schedules and bots ----

  /** One table: headers, then rows of cells (strings or nodes). */
  function table(id, headings, rows, empty) {
    return el(
      "div",
      { class: "table-wrap" },
      el(
        "table",
        { id: id },
        el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, h)))),
        el(
          "tbody",
          {},
          rows.length === 0
            ? el("tr", {}, el("td", { colspan: String(headings.length), class: "muted" }, empty))
            : rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c))))
        )
      )
    );
  }

  function scheduleRow(s) {
    return [
      s.script,
      el("code", {}, s.schedule),
      el("code", {}, s.cron),
      el("time", { datetime: s.nextFireAt, class: "next-fire" }, time(s.nextFireAt)),
      s.lastExecutionId
        ? el("a", { href: executionHref(s.lastExecutionId), class: "mono" }, time(s.lastFiredAt))
        : el("span", { class: "muted" }, "not yet"),
      s.lastError ? el("span", { class: "status FAILED", title: s.lastError }, "could not start") : "",
    ];
  }

  const SCHEDULE_HEADINGS = ["Script", "Schedule", "Cron", "Next fire", "Last tick", ""];

  function renderSchedules(scope) {
    const body = el("div", {}, el("p", { class: "muted" }, "Loading…"));
    replace(main, el("h1", {}, "Schedules"), body);
    api("/schedules")
      .then((data) => {
        if (!scope.alive) return;
        replace(
          body,
          el("p", { class: "muted" }, "SET SCHEDULE lines deployed from the scripts folder; times shown in your browser's zone, cron fields read in " + data.zone + "."),
          el("section", { class: "panel" }, table("schedules", SCHEDULE_HEADINGS, data.schedules.map(scheduleRow), "No schedule is deployed: add a SET SCHEDULE line to a script."))
        );
      })
      .catch(failed);
  }

  function botOf(name) {
    const slash = name.indexOf("/");
    return slash > 0 ? name.substring(0, slash) : null;
  }

  function scriptStatus(s) {
    if (!s.check) return el("span", { class: "muted" }, "unreadable");
    if (s.check.compiles) return el("span", { class: "status COMPLETED" }, "compiles");
    const unknown = (s.check.unknownKeywords || []).map((k) => k.name);
    const errors = (s.check.diagnostics || []).filter((d) => d.severity === "error").length;
    return el(
      "span",
      { class: "status FAILED", title: (s.check.diagnostics || []).map((d) => d.text).join("\n") },
      unknown.length ? "unknown: " + unknown.join(", ") : errors + " error(s)"
    );
  }

  function renderBots(scope) {
    const body = el("div", {}, el("p", { class: "muted" }, "Loading…"));
    replace(main, el("h1", {}, "Bots"), body);
    Promise.all([api("/scripts"), api("/schedules")])
      .then(([listing, schedules]) => {
        if (!scope.alive) return;
        const bots = new Map();
        for (const s of listing.scripts) {
          const bot = botOf(s.name);
          if (!bot) continue;
          if (!bots.has(bot)) bots.set(bot, []);
          bots.get(bot).push(s);
        }
        if (bots.size === 0) {
          replace(body, el("section", { class: "panel" }, el("p", { class: "muted" }, "No bot is served: put bot folders (name.gbai/name.gbdialog/*.bas) in the scripts folder.")));
          return;
        }
        replace(
          body,
          [...bots.entries()].map(([bot, scripts]) => {
            const entry = scripts.find((s) => s.name === bot + "/start.bas");
            const chatWith = entry || scripts[0];
            const own = schedules.schedules.filter((s) => s.bot === bot);
            return el(
              "section",
              { class: "panel bot", "data-bot": bot },
              el("h2", {}, bot),
              el(
                "p",
                { class: "row" },
                el("span", {}, "Entry: ", entry ? el("code", {}, entry.name) : el("span", { class: "muted" }, "no start.bas")),
                el("a", { class: "button chat-with", href: "#/chat?script=" + encodeURIComponent(chatWith.name) }, "Chat with this bot")
              ),
              table(null, ["Script", "Status"], scripts.map((s) => [el("code", {}, s.name), scriptStatus(s)]), ""),
              own.length ? [el("h3", {}, "Schedules"), table(null, SCHEDULE_HEADINGS, own.map(scheduleRow), "")] : null
            );
          })
        );
      })
      .catch(failed);
  }

  window.addEventListener("hashchange", route);
  route();
})();
