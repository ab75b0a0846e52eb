// bilingual review: the document page's edits, by mouse and keyboard. No build step, no library.
// Every edit is a POST of JSON to the API; the server saves the pins, re-aligns, and this page
// then swaps in the rows it renders (one rendering path: the server's templates).
"use strict";

(function () {
  const name = document.body.dataset.name;
  let current = 0;          // index of the selected bead
  let splitting = null;     // {index, zh, en} while choosing a split point
  let busy = false;

  const main = () => document.getElementById("doc");
  const rows = () => Array.from(document.querySelectorAll("tr.bead"));
  const ids = (text) => (text ? text.split(",").map(Number) : []);

  function status(text, isError) {
    const el = document.getElementById("status");
    el.textContent = text;
    el.classList.toggle("error", Boolean(isError));
  }

  function select(index, scroll) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((row, k) => row.classList.toggle("current", k === current));
    if (scroll !== false) {
      all[current].scrollIntoView({ block: "nearest" });
      all[current].focus({ preventScroll: true });
    }
  }

  async function refresh() {
    const response = await fetch(`/documents/${encodeURIComponent(name)}/rows`, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`reloading the rows failed (${response.status})`);
    const holder = document.createElement("div");
    holder.innerHTML = await response.text();
    const fresh = holder.querySelector("#doc");
    if (fresh) main().replaceWith(fresh);
    splitting = null;
    select(current, false);
  }

  async function edit(op, extra) {
    if (busy) return;
    busy = true;
    const body = Object.assign({ version: Number(main().dataset.version), op: op, bead: current }, extra || {});
    status("saving…");
    try {
      const response = await fetch(`/api/documents/${encodeURIComponent(name)}/edits`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (response.ok) {
        status(`${op}: saved`);
        await refresh();
      } else if (response.status === 409) {
        await refresh();
        status(`${answer.error} (the page now shows the current state)`, true);
      } else {
        status(answer.error || `the edit failed (${response.status})`, true);
      }
    } catch (error) {
      status(String(error), true);
    } finally {
      busy = false;
    }
  }

  function queue(step, uncertainOnly) {
    const all = rows();
    for (let k = current + step; k >= 0 && k < all.length; k += step) {
      const row = all[k];
      const wanted = uncertainOnly ? row.dataset.uncertain === "true" : row.dataset.verified !== "true";
      if (wanted) { select(k); return; }
    }
    status(step > 0 ? "no further bead to review" : "no earlier bead to review");
  }

  function showSplit() {
    const row = rows()[splitting.index];
    row.classList.add("splitting");
    for (const side of ["zh", "en"]) {
      row.querySelectorAll(`.cut[data-side="${side}"]`).forEach((cut) => {
        cut.classList.toggle("chosen", Number(cut.dataset.at) === splitting[side]);
      });
      row.querySelectorAll(`td.${side} .sent`).forEach((sent) => {
        sent.classList.toggle("second", Number(sent.dataset.id) >= splitting[side]);
      });
    }
    status("split: choose where the second part starts on each side (click ✂, or z / e), Enter to apply, Esc to cancel");
  }

  function startSplit() {
    const row = rows()[current];
    const zh = ids(row.dataset.zh), en = ids(row.dataset.en);
    const point = (list, whole) => (list.length > 1 ? list[1] : list.length ? (whole ? list[list.length - 1] + 1 : list[0]) : 0);
    splitting = { index: current, zh: point(zh, true), en: point(en, false) };
    showSplit();
  }

  function cycle(side) {
    const list = ids(rows()[splitting.index].dataset[side]);
    if (!list.length) return;
    const points = list.concat([list[list.length - 1] + 1]);
    splitting[side] = points[(points.indexOf(splitting[side]) + 1) % points.length];
    showSplit();
  }

  function endSplit() {
    rows().forEach((row) => row.classList.remove("splitting"));
    splitting = null;
    status("");
  }

  function act(action, side) {
    if (action === "merge-next") return edit("merge");
    if (action === "split") {
      if (splitting && splitting.index === current) {
        const chosen = { zh: splitting.zh, en: splitting.en };
        endSplit();
        return edit("split", chosen);
      }
      endSplit();
      return startSplit();
    }
    if (action === "move-up" || action === "move-down") {
      return edit("move", { side: side, direction: action === "move-up" ? "up" : "down" });
    }
    if (action === "verify") {
      const verified = rows()[current].dataset.verified === "true";
      return edit(verified ? "unverify" : "verify");
    }
    if (action === "undo" || action === "redo") return edit(action);
    if (action === "next") return queue(1, false);
    if (action === "prev") return queue(-1, false);
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("button, tr.bead");
    if (!target) return;
    const row = target.closest("tr.bead");
    if (row) {
      if (splitting && Number(row.dataset.index) !== splitting.index) endSplit();
      select(Number(row.dataset.index), false);
    }
    if (target.classList.contains("cut") && splitting) {
      splitting[target.dataset.side] = Number(target.dataset.at);
      showSplit();
      return;
    }
    if (target.dataset.action) act(target.dataset.action, target.dataset.side);
  });

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.metaKey || event.ctrlKey) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") {
        event.preventDefault();
        act(event.shiftKey ? "redo" : "undo");
      }
      return;
    }
    if (event.target.closest && event.target.closest("input, textarea, select, summary")) return;
    if (splitting) {
      if (event.key === "z") return cycle("zh");
      if (event.key === "e") return cycle("en");
      if (event.key === "Enter") { event.preventDefault(); return act("split"); }
      if (event.key === "Escape") return endSplit();
    }
    const keys = {
      n: () => queue(1, false), p: () => queue(-1, false),
      N: () => queue(1, true), P: () => queue(-1, true),
      j: () => select(current + 1), k: () => select(current - 1),
      ArrowDown: () => select(current + 1), ArrowUp: () => select(current - 1),
      m: () => act("merge-next"), s: () => act("split"), v: () => act("verify"),
      u: () => act("undo"), r: () => act("redo"),
      "[": () => act("move-up", "zh"), "]": () => act("move-down", "zh"),
      "{": () => act("move-up", "en"), "}": () => act("move-down", "en"),
    };
    const run = keys[event.key];
    if (run) { event.preventDefault(); run(); }
  });

  select(0, false);
})();
