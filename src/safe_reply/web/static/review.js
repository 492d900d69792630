// The review's keyboard and reveal handling. Served by the review server itself (no CDN, no build step).
// Queue: c = confirmed, f = false positive, s = skip, j/k = next/previous, n = note, o = open the record.
(function () {
  "use strict";
  const csrf = () => (document.querySelector('meta[name="csrf"]') || {}).content || "";

  function rows() { return Array.from(document.querySelectorAll("[data-item]")); }
  function selected() { return document.querySelector("[data-item].selected"); }
  function select(row) {
    rows().forEach((r) => r.classList.remove("selected"));
    if (row) { row.classList.add("selected"); row.scrollIntoView({ block: "nearest" }); }
  }
  function move(step) {
    const all = rows(); const at = all.indexOf(selected());
    select(all[Math.min(Math.max(at + step, 0), all.length - 1)]);
  }
  function label(value) {
    const row = selected(); if (!row) return;
    const form = row.querySelector("form.label-form");
    const button = form.querySelector('button[value="' + value + '"]');
    form.requestSubmit(button);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.matches("input, textarea, select")) {
      if (target.classList.contains("note") && (event.key === "Escape" || event.key === "Enter")) {
        event.preventDefault(); target.blur();  // back to one-key mode; the note goes with the next label
      }
      return;
    }
    if (!rows().length) return;
    const actions = {
      c: () => label("confirmed"), f: () => label("false_positive"), s: () => move(1), j: () => move(1),
      ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
      n: () => { const row = selected(); if (row) row.querySelector("input.note").focus(); },
      o: () => { const row = selected(); if (row) window.location = row.querySelector("a.open").href; },
    };
    const action = actions[event.key];
    if (action) { event.preventDefault(); action(); }
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button.mask");
    if (!button || button.disabled || button.classList.contains("revealed")) return;
    const body = new FormData(); body.append("csrf", csrf()); body.append("start", button.dataset.start);
    const status = document.getElementById("reveal-status");
    fetch("/records/" + button.dataset.record + "/reveal", { method: "POST", body: body, credentials: "same-origin" })
      .then((response) => response.json().then((data) => ({ ok: response.ok, data: data })))
      .then(({ ok, data }) => {
        if (ok) { button.textContent = data.term; button.classList.add("revealed"); status.textContent = "Aufgedeckt und protokolliert / revealed and recorded"; }
        else { status.textContent = data.error; status.classList.add("error"); }
      });
  });
})();
