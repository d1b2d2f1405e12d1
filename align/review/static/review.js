// The review page: shows the units side by side, sends each edit to the server, renders the state it
// returns. The server checks every edit; this page holds no state of its own beyond the view (the
// current unit, the selected sentences, the filter).
"use strict";

const page = {
  doc: null,        // {src: {name, lang, sentences, paras}, tgt: {...}, outdir}
  state: null,      // {revision, units, edited, can_undo, can_redo, threshold, at, focus}
  current: null,    // id of the current unit
  selected: {src: null, tgt: null},  // selected sentence index per side, within the current unit
  focus: null,      // the sentence last selected: {side, index}
  onlyDoubtful: true,
  busy: false,
  savedRevision: null,
};

const $ = (id) => document.getElementById(id);

function setStatus(message, isError = false) {
  const status = $("status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

async function call(method, path, body) {
  const options = {method, headers: {}, credentials: "same-origin"};
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let data;
  try {
    data = await response.json();
  } catch (err) {
    data = {ok: false, error: `${response.status} ${response.statusText}`};
  }
  if (!response.ok || !data.ok) {
    const error = new Error(data.error || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

async function load() {
  const data = await call("GET", "/api/review");
  page.doc = data.document;
  $("names").textContent = `${data.document.src.name} ↔ ${data.document.tgt.name}`;
  $("src-head").textContent = `${data.document.src.name} (${data.document.src.lang})`;
  $("tgt-head").textContent = `${data.document.tgt.name} (${data.document.tgt.lang})`;
  applyState(data.state, data.state.at);
  $("threshold").value = data.state.threshold.toFixed(3);
  if (page.savedRevision === null) page.savedRevision = data.state.revision;
  setStatus(`${data.state.units.length} units; review kept in ${data.document.outdir}`);
}

function unitIndex(id) {
  return page.state.units.findIndex((unit) => unit.id === id);
}

function currentUnit() {
  const k = unitIndex(page.current);
  return k < 0 ? null : page.state.units[k];
}

function threshold() {
  const value = parseFloat($("threshold").value);
  return Number.isFinite(value) ? value : page.state.threshold;
}

function isDoubtful(unit) {
  return !unit.reviewed && unit.score < threshold();
}

function applyState(state, preferred) {
  const oldIndex = page.state && page.current !== null ? Math.max(unitIndex(page.current), 0) : 0;
  const first = page.current === null;
  page.state = state;
  const units = state.units;
  let target = [preferred, page.current].find((id) => id !== null && id !== undefined && unitIndex(id) >= 0);
  if (target === undefined && units.length) {
    const doubt = units.find((unit) => !unit.reviewed && unit.score < state.threshold);
    target = first && doubt ? doubt.id : units[Math.min(oldIndex, units.length - 1)].id;
  }
  if (target !== page.current) {
    page.selected = {src: null, tgt: null};
    page.focus = null;
  }
  page.current = target === undefined ? null : target;
  render();
}

function text(side, index) {
  const edited = page.state.edited[side][String(index)];
  return edited === undefined ? page.doc[side].sentences[index] : edited;
}

function scoreColour(score) {
  return `hsl(${Math.round(score * 120)}, 70%, 45%)`;
}

function sideCell(unit, side) {
  const cell = document.createElement("td");
  cell.className = side;
  cell.lang = page.doc[side].lang;
  if (!unit[side].length) {
    const none = document.createElement("span");
    none.className = "none";
    none.textContent = "— unaligned —";
    cell.appendChild(none);
    return cell;
  }
  for (const index of unit[side]) {
    const span = document.createElement("span");
    span.className = "sent";
    span.dataset.side = side;
    span.dataset.index = String(index);
    span.textContent = text(side, index);
    if (page.state.edited[side][String(index)] !== undefined) {
      span.classList.add("edited");
      span.title = `was: ${page.doc[side].sentences[index]}`;
    }
    if (unit.id === page.current && page.selected[side] === index) span.classList.add("selected");
    cell.appendChild(span);
  }
  return cell;
}

function startsParagraph(unit) {
  for (const side of ["src", "tgt"]) {
    const first = unit[side][0];
    if (first !== undefined && first > 0 && page.doc[side].paras[first] !== page.doc[side].paras[first - 1]) return true;
  }
  return false;
}

function render() {
  const rows = $("rows");
  const fragment = document.createDocumentFragment();
  let hidden = 0;
  const flushHidden = () => {
    if (!hidden) return;
    const row = document.createElement("tr");
    row.className = "hidden-run";
    const cell = document.createElement("td");
    cell.colSpan = 4;
    cell.textContent = `… ${hidden} unit${hidden === 1 ? "" : "s"} scoring at least ${threshold().toFixed(3)}`;
    row.appendChild(cell);
    fragment.appendChild(row);
    hidden = 0;
  };
  page.state.units.forEach((unit, k) => {
    if (page.onlyDoubtful && unit.score >= threshold() && unit.id !== page.current) {
      hidden += 1;
      return;
    }
    flushHidden();
    const row = document.createElement("tr");
    row.className = "unit";
    row.dataset.id = String(unit.id);
    row.classList.toggle("current", unit.id === page.current);
    row.classList.toggle("reviewed", unit.reviewed);
    row.classList.toggle("doubtful", isDoubtful(unit));
    row.classList.toggle("para-break", startsParagraph(unit));
    const num = document.createElement("td");
    num.className = "num";
    num.textContent = String(k + 1);
    const score = document.createElement("td");
    score.className = "score";
    const shown = unit.reviewed ? 1 : unit.score;
    score.textContent = unit.reviewed ? "1.00" : unit.score.toFixed(2);
    score.style.borderLeftColor = scoreColour(shown);
    score.style.color = scoreColour(shown);
    score.title = `aligner's score ${unit.score.toFixed(4)}${unit.reviewed ? "; checked" : ""}`;
    row.append(num, score, sideCell(unit, "src"), sideCell(unit, "tgt"));
    fragment.appendChild(row);
  });
  flushHidden();
  rows.replaceChildren(fragment);
  const toCheck = page.state.units.filter(isDoubtful).length;
  $("counter").textContent = `${toCheck} unit${toCheck === 1 ? "" : "s"} to check`;
  $("undo").disabled = !page.state.can_undo;
  $("redo").disabled = !page.state.can_redo;
  $("save").textContent = page.state.revision === page.savedRevision ? "Save" : "Save*";
  document.body.dataset.revision = String(page.state.revision);  // lets tests wait for a change
  const current = rows.querySelector("tr.current");
  if (current) current.scrollIntoView({block: "nearest"});
}

function visibleUnits() {
  return page.state.units.filter((unit) => !page.onlyDoubtful || unit.score < threshold() || unit.id === page.current);
}

function go(step) {
  const visible = visibleUnits();
  const k = visible.findIndex((unit) => unit.id === page.current);
  const next = visible[Math.min(Math.max(k + step, 0), visible.length - 1)];
  if (next) select(next.id);
}

function select(id, sentence = null) {
  if (id !== page.current) {
    page.selected = {src: null, tgt: null};
    page.focus = null;
  }
  page.current = id;
  if (sentence) {
    page.selected[sentence.side] = page.selected[sentence.side] === sentence.index ? null : sentence.index;
    page.focus = page.selected[sentence.side] === null ? null : sentence;
  }
  if (!markSelection()) render();
}

// Moves the marks of the current unit and the selected sentences without rebuilding the rows (so
// a double click lands on the sentence its first click selected); false when the unit has no row.
function markSelection(block = "nearest") {
  const rows = $("rows");
  const target = rows.querySelector(`tr.unit[data-id="${page.current}"]`);
  if (!target) return false;
  rows.querySelectorAll("tr.unit.current").forEach((row) => row.classList.remove("current"));
  rows.querySelectorAll(".sent.selected").forEach((span) => span.classList.remove("selected"));
  target.classList.add("current");
  for (const side of ["src", "tgt"]) {
    if (page.selected[side] === null) continue;
    const span = target.querySelector(`.sent[data-side="${side}"][data-index="${page.selected[side]}"]`);
    if (span) span.classList.add("selected");
  }
  target.scrollIntoView({block});
  return true;
}

function nextDoubtful() {
  const units = page.state.units;
  const start = unitIndex(page.current);
  for (let step = 1; step <= units.length; step += 1) {
    const unit = units[(start + step + units.length) % units.length];
    if (isDoubtful(unit)) {
      page.current = unit.id;
      page.selected = {src: null, tgt: null};
      page.focus = null;
      if (!markSelection("center")) render();
      setStatus(`unit ${unitIndex(unit.id) + 1}: score ${unit.score.toFixed(3)}`);
      return;
    }
  }
  setStatus("no unit left to check below this score");
}

function cycleSentence(step) {
  const unit = currentUnit();
  if (!unit) return;
  const sentences = [...unit.src.map((index) => ({side: "src", index})), ...unit.tgt.map((index) => ({side: "tgt", index}))];
  const k = page.focus ? sentences.findIndex((s) => s.side === page.focus.side && s.index === page.focus.index) : -1;
  const next = sentences[(k + step + sentences.length) % sentences.length];
  page.selected = {src: null, tgt: null};
  page.selected[next.side] = next.index;
  page.focus = next;
  if (!markSelection()) render();
}

async function send(path, body = {}) {
  if (page.busy) return;
  page.busy = true;
  try {
    const data = await call("POST", path, {...body, revision: page.state.revision,
                                           view: {at: page.current, threshold: threshold()}});
    if (path === "/api/save") page.savedRevision = data.state.revision;
    applyState(data.state, path === "/api/save" ? null : data.state.focus);
    setStatus(data.message);
  } catch (err) {
    setStatus(err.message, true);
    if (err.status === 409) {
      await load().catch(() => {});
      setStatus(err.message, true);
    }
  } finally {
    page.busy = false;
  }
}

function needFocus() {
  if (!page.focus || !currentUnit()) {
    setStatus("select a sentence first (click it, or ← / →)", true);
    return null;
  }
  return page.focus;
}

function splitPoint(unit, side) {
  const chosen = page.selected[side];
  if (chosen !== null && unit[side].includes(chosen)) return unit[side].indexOf(chosen);
  return Math.min(1, unit[side].length);
}

const actions = {
  "confirm": () => {
    const unit = currentUnit();
    if (unit) send("/api/edit", {op: "confirm", unit: unit.id, reviewed: !unit.reviewed});
  },
  "merge-next": () => page.current !== null && send("/api/edit", {op: "merge", unit: page.current, direction: "next"}),
  "merge-previous": () => page.current !== null && send("/api/edit", {op: "merge", unit: page.current, direction: "previous"}),
  "split": () => {
    const unit = currentUnit();
    if (unit) send("/api/edit", {op: "split", unit: unit.id, src_at: splitPoint(unit, "src"), tgt_at: splitPoint(unit, "tgt")});
  },
  "move-previous": () => move("previous"),
  "move-next": () => move("next"),
  "unalign": () => {
    const focus = needFocus();
    if (focus) send("/api/edit", {op: "unalign", unit: page.current, side: focus.side, sentence: focus.index});
  },
  "edit": () => editText(),
};

function move(direction) {
  const focus = needFocus();
  if (!focus) return;
  const sentences = currentUnit()[focus.side];
  const end = direction === "previous" ? sentences[0] : sentences[sentences.length - 1];
  if (focus.index !== end) {
    setStatus(`only the ${direction === "previous" ? "first" : "last"} sentence of a side can move ${direction === "previous" ? "up" : "down"}`, true);
    return;
  }
  send("/api/edit", {op: "move", unit: page.current, side: focus.side, direction});
}

function editText() {
  const focus = needFocus();
  if (!focus) return;
  const span = document.querySelector(`tr.current .sent[data-side="${focus.side}"][data-index="${focus.index}"]`);
  if (!span) return;
  const editor = document.createElement("textarea");
  editor.className = "editor";
  editor.value = text(focus.side, focus.index);
  span.replaceWith(editor);
  editor.focus();
  editor.addEventListener("keydown", (event) => {
    event.stopPropagation();
    if (event.key === "Escape") {
      render();
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      send("/api/edit", {op: "text", side: focus.side, sentence: focus.index, text: editor.value});
    }
  });
  editor.addEventListener("blur", () => { if (editor.isConnected) render(); });
}

function onKey(event) {
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl && event.key.toLowerCase() === "s") {
    event.preventDefault();
    send("/api/save");
    return;
  }
  if (typing) {
    if (event.key === "Escape" || event.key === "Enter") target.blur();
    return;
  }
  if (ctrl && event.key.toLowerCase() === "z") {
    event.preventDefault();
    send(event.shiftKey ? "/api/redo" : "/api/undo");
    return;
  }
  if (ctrl && event.key.toLowerCase() === "y") {
    event.preventDefault();
    send("/api/redo");
    return;
  }
  if (ctrl || event.altKey) return;
  const keys = {
    "j": () => go(1), "ArrowDown": () => go(1), "k": () => go(-1), "ArrowUp": () => go(-1),
    "ArrowRight": () => cycleSentence(1), "ArrowLeft": () => cycleSentence(-1),
    "n": nextDoubtful, "c": actions.confirm, "m": actions["merge-next"], "M": actions["merge-previous"],
    "s": actions.split, "[": actions["move-previous"], "]": actions["move-next"], "x": actions.unalign,
    "e": actions.edit, "z": () => send("/api/undo"), "y": () => send("/api/redo"),
    "f": () => $("threshold").focus(), "a": () => { $("only-doubtful").click(); },
  };
  const run = keys[event.key];
  if (run) {
    event.preventDefault();
    run();
  }
}

function init() {
  document.addEventListener("keydown", onKey);
  $("rows").addEventListener("click", (event) => {
    const row = event.target.closest("tr.unit");
    if (!row) return;
    const sentence = event.target.closest(".sent");
    select(Number(row.dataset.id), sentence ? {side: sentence.dataset.side, index: Number(sentence.dataset.index)} : null);
  });
  $("rows").addEventListener("dblclick", (event) => {
    const sentence = event.target.closest(".sent");
    if (!sentence) return;
    const id = Number(sentence.closest("tr.unit").dataset.id);
    page.current = id;
    page.selected = {src: null, tgt: null};
    page.selected[sentence.dataset.side] = Number(sentence.dataset.index);
    page.focus = {side: sentence.dataset.side, index: Number(sentence.dataset.index)};
    if (!markSelection()) render();
    editText();
  });
  document.querySelectorAll("#toolbar button[data-action]").forEach((button) => {
    button.addEventListener("click", () => actions[button.dataset.action]());
  });
  $("next-doubtful").addEventListener("click", nextDoubtful);
  $("undo").addEventListener("click", () => send("/api/undo"));
  $("redo").addEventListener("click", () => send("/api/redo"));
  $("save").addEventListener("click", () => send("/api/save"));
  $("only-doubtful").addEventListener("change", (event) => {
    page.onlyDoubtful = event.target.checked;
    render();
  });
  $("threshold").addEventListener("input", () => render());
  load().catch((err) => setStatus(err.message, true));
}

document.addEventListener("DOMContentLoaded", init);
