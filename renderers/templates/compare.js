/* travaux comparison: move between changes (buttons, n/j and p/k), filter, fold,
   list the changes.  The filters are classes on <body>, so what is hidden on
   screen is hidden in print too; the print-only line #_state says which were on.
   Speed on big pages: the changes are indexed once (document order), whether a
   change is a stop is decided from classes (never from layout), and the first
   change below the viewport is found by bisection, so a key press lays out a
   few rows, not the page (sections use content-visibility: auto). */
(function () {
  "use strict";
  var body = document.body;
  var pos = document.getElementById("_pos");
  var state = document.getElementById("_state");
  var bar = document.querySelector(".bar");
  var kindBox = document.getElementById("_kind");
  var panel = document.getElementById("_panel");
  var panelList = document.getElementById("_panel-l");
  var listButton = document.getElementById("_list");
  var current = null;
  var kind = "";
  var landed = null;

  // Every change once, in reading order; front matter differences are not stops.
  var index = [];
  (function () {
    var all = document.querySelectorAll("main .chg[id]");
    for (var i = 0; i < all.length; i++) {
      if (!all[i].closest(".frontm")) { index.push(all[i]); }
    }
  }());

  function isStop(el) {
    if (el.classList.contains("ed") && (body.classList.contains("hide-editorial")
        || body.classList.contains("sub-only"))) { return false; }
    if (kind && (" " + (el.getAttribute("data-k") || "").replace(/, /g, " ") + " ")
        .indexOf(" " + kind + " ") < 0) { return false; }
    return true;
  }

  function stops() { return index.filter(isStop); }

  function rowOf(el) { return el.closest(".r") || el.closest(".prov"); }

  function citeOf(el) {
    var row = rowOf(el);
    var links = row ? row.querySelectorAll(".cite .perma") : [];
    var link = links.length ? links[links.length - 1] : null;
    if (link) { return link.textContent; }
    var sec = el.closest(".prov");
    var h = sec ? sec.querySelector("h2 .perma") : null;
    return h ? h.textContent : "";
  }

  function mark(el, on) {       // the change and its other half, in the same row (never a page-wide query)
    var row = rowOf(el) || document;
    var same = row.querySelectorAll('.chg[data-c="' + el.getAttribute("data-c") + '"]');
    for (var i = 0; i < same.length; i++) {
      same[i].classList.toggle(same[i] === el ? "current" : "partner", on);
    }
  }

  function label(i, list) {
    if (list.length === 0) { pos.textContent = "No changes shown"; return; }
    if (i < 0) { pos.textContent = list.length + (list.length === 1 ? " change" : " changes"); return; }
    var el = list[i];
    var k = (el.getAttribute("data-k") || "").split(", ")[0].replace(/_/g, " ").toUpperCase();
    pos.textContent = "Change " + (i + 1) + " of " + list.length + (k ? " \u00b7 " + k : "")
      + " \u00b7 " + citeOf(el);
  }

  // The top of what is readable: under the toolbar once it is stuck to the top.
  function barBottom() {
    if (!bar) { return 0; }
    var r = bar.getBoundingClientRect();
    return r.top <= 1 ? r.bottom : 0;
  }

  function onScreen(el) {
    var r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > barBottom() && r.top < window.innerHeight;
  }

  // The first stop at or below the top of the view (delta > 0), or the last above it.
  // Positions of rows not laid out yet (content-visibility) are estimates that move
  // as rows get laid out, so the row at the top of the view is found by hit testing
  // and the stops around it by document order (bisection), which never moves.
  function fromView(list, delta) {
    var main = document.getElementById("_main");
    var top = barBottom() + 2;
    var box = main.getBoundingClientRect();
    if (box.top > top) { return delta > 0 ? 0 : 0; }             // the view is above the comparison
    var at = document.elementFromPoint(box.left + Math.min(40, box.width / 4), top);
    var row = at && main.contains(at) ? (at.closest(".r, .fold, .prov, .frontm") || at) : null;
    if (!row) { return delta > 0 ? list.length - 1 : list.length - 1; }
    var lo = 0, hi = list.length;
    while (lo < hi) {              // first stop inside or after the row at the top
      var mid = (lo + hi) >> 1;
      var el = list[mid];
      if (row.contains(el) || row.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) { hi = mid; }
      else { lo = mid + 1; }
    }
    while (lo < list.length && row.contains(list[lo]) && list[lo].getBoundingClientRect().bottom < top) { lo++; }
    return delta > 0 ? Math.min(lo, list.length - 1) : Math.max(lo - 1, 0);
  }

  function show(el) {
    var hidden = el.closest("[hidden]");
    if (hidden) { hidden.removeAttribute("hidden"); }
    var row = el.closest("[data-run]");
    if (row && body.classList.contains("changes-only")) { openRun(row.getAttribute("data-run"), true); }
  }

  function goTo(list, i) {
    if (current) { mark(current, false); }
    current = list[i];
    show(current);
    mark(current, true);
    current.scrollIntoView({ block: "center" });
    current.focus({ preventScroll: true });
    label(i, list);
  }

  function go(delta) {
    var list = stops();
    if (list.length === 0) { label(-1, list); return; }
    var i = current ? list.indexOf(current) : -1;
    if (i >= 0 && !onScreen(current)) { i = -1; }      // scrolled away: start from the view
    i = i < 0 ? fromView(list, delta) : Math.max(0, Math.min(list.length - 1, i + delta));
    goTo(list, i);
  }

  // Big pages: the rows of unchanged runs come as data (#_lazy) and are made here,
  // a slice at a time after the page has opened, all at once before printing or
  // when a link points into them.  Text goes in with textContent: never markup.
  var lazyData = document.getElementById("_lazy");
  var lazy = lazyData ? JSON.parse(lazyData.textContent) : [];
  var lazyAt = 0;
  var sbs = body.classList.contains("sbs");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function perma(cite, id, own) {
    var a = el("a", "perma", cite);
    a.href = "#" + id;
    a.title = own ? "Permalink (old numbering)" : "Permalink";
    if (own) { a.id = id; }
    return a;
  }

  function citeLine(parts) {
    var d = el("div", "cite");
    for (var i = 0; i < parts.length; i++) {
      d.appendChild(typeof parts[i] === "string" ? document.createTextNode(parts[i]) : parts[i]);
    }
    return d;
  }

  function makeRow(r) {   // [id, old_id, kind, old cite, old text, new cite, new text, link]
    var row = el(sbs ? "tr" : "div", "r k-" + r[2] + (r[2] === "unchanged" ? " same" : ""));
    if (r[0]) { row.id = r[0]; }
    var badge = r[2] !== "unchanged" ? el("span", "badge k-" + r[2], r[2]) : null;
    if (sbs) {
      var a = el("td", "old"), b = el("td", "new");
      a.appendChild(citeLine([r[1] ? perma(r[3], r[1], true) : perma(r[3], r[7], false)]));
      a.appendChild(el("div", "txt", r[4]));
      b.appendChild(citeLine(badge ? [perma(r[5], r[7], false), " ", badge] : [perma(r[5], r[7], false)]));
      b.appendChild(el("div", "txt", r[6]));
      row.appendChild(a);
      row.appendChild(b);
    } else {
      var parts = r[1] ? [perma(r[3], r[1], true), " \u2192 ", perma(r[5], r[7], false)]
        : [perma(r[3] === r[5] ? r[5] : r[3] + " \u2192 " + r[5], r[7], false)];
      if (badge) { parts.push(" ", badge); }
      row.appendChild(citeLine(parts));
      row.appendChild(el("div", "txt", r[6]));
    }
    return row;
  }

  function materialise(entry) {
    var fold = document.querySelector('.fold[data-fold="' + entry[0] + '"]');
    if (!fold || fold.classList.contains("done")) { return; }
    var frag = document.createDocumentFragment();
    for (var i = 0; i < entry[1].length; i++) {
      var row = makeRow(entry[1][i]);
      row.setAttribute("data-run", entry[0]);
      if (fold.classList.contains("open")) { row.classList.add("open"); }
      frag.appendChild(row);
    }
    fold.parentNode.insertBefore(frag, fold.nextSibling);
    fold.classList.add("done");
  }

  function materialiseAll() {
    for (; lazyAt < lazy.length; lazyAt++) { materialise(lazy[lazyAt]); }
  }

  function materialiseSome() {
    var until = performance.now() + 12;       // leave the rest of the frame to the reader
    while (lazyAt < lazy.length && performance.now() < until) { materialise(lazy[lazyAt++]); }
    if (lazyAt < lazy.length) { setTimeout(materialiseSome, 0); }
  }

  function openRun(n, open) {
    for (var k = 0; k < lazy.length; k++) {
      if (String(lazy[k][0]) === String(n)) { materialise(lazy[k]); break; }
    }
    var rows = document.querySelectorAll('[data-run="' + n + '"], [data-fold="' + n + '"]');
    for (var i = 0; i < rows.length; i++) { rows[i].classList.toggle("open", open); }
    var b = document.querySelector('.fold[data-fold="' + n + '"] .show');
    if (b) { b.textContent = open ? "hide" : "show"; b.setAttribute("aria-expanded", String(open)); }
  }

  function describe() {
    var parts = [];
    if (body.classList.contains("changes-only")) { parts.push("unchanged paragraphs folded"); }
    if (body.classList.contains("sub-only")) { parts.push("substantive changes only"); }
    parts.push(body.classList.contains("hide-unchanged") ? "unchanged provisions hidden" : "unchanged provisions shown");
    parts.push(body.classList.contains("hide-editorial")
      ? "editorial-only changes hidden (editorial marks removed)" : "editorial changes marked");
    if (kind) { parts.push("only rows with a " + kind.replace(/_/g, " ") + " change"); }
    state.textContent = "Filters: " + parts.join("; ") + ".";
  }

  function applyFilters(initial) {
    var boxes = [["_f-changes", "changes-only"], ["_f-substantive", "sub-only"],
                 ["_f-unchanged", "hide-unchanged"], ["_f-editorial", "hide-editorial"]];
    var any = false;
    for (var b = 0; b < boxes.length; b++) {
      var on = document.getElementById(boxes[b][0]).checked;
      body.classList.toggle(boxes[b][1], on);
      any = any || on;
    }
    describe();
    if (initial === true && !any) { return; }
    var list = stops();
    if (current && list.indexOf(current) < 0) { mark(current, false); current = null; }
    label(current ? list.indexOf(current) : -1, list);
    if (!panel.hidden) { fillPanel(); }
  }

  function setKind(k) {
    var chips = document.querySelectorAll(".kindf-b[data-kind]");
    if (kind) { body.classList.remove("f-" + kind); }
    kind = kind === k ? "" : k;
    if (kind) { body.classList.add("f-" + kind); body.classList.add("kind-filter"); }
    else { body.classList.remove("kind-filter"); }
    for (var i = 0; i < chips.length; i++) {
      chips[i].setAttribute("aria-pressed", String(chips[i].getAttribute("data-kind") === kind));
    }
    kindBox.hidden = !kind;
    kindBox.textContent = kind ? "Kind: " + kind.replace(/_/g, " ") : "";
    if (kind) {
      var x = document.createElement("button");
      x.type = "button";
      x.textContent = "\u00d7";
      x.setAttribute("aria-label", "Show every kind");
      x.addEventListener("click", function () { setKind(kind); });
      kindBox.appendChild(x);
    }
    applyFilters();
  }

  function fillPanel() {
    var list = stops();
    var frag = document.createDocumentFragment();
    var max = Math.min(list.length, 5000);    // a list longer than this is not read
    for (var i = 0; i < max; i++) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + list[i].id;
      a.setAttribute("data-i", String(i));
      var k = document.createElement("b");
      k.textContent = (list[i].getAttribute("data-k") || "").replace(/_/g, " ");
      var c = document.createElement("span");
      c.className = "pc";
      c.textContent = citeOf(list[i]);
      var w = document.createElement("span");
      w.className = "pw";
      var words = list[i].textContent.replace(/\s+/g, " ").trim();
      w.textContent = words.length > 70 ? words.slice(0, 69) + "\u2026" : words;
      a.appendChild(document.createTextNode((i + 1) + " "));
      a.appendChild(k);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(c);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(w);
      li.appendChild(a);
      frag.appendChild(li);
    }
    if (list.length > max) {
      var more = document.createElement("li");
      more.textContent = "\u2026 " + (list.length - max) + " more: use n/p or a filter";
      frag.appendChild(more);
    }
    panelList.textContent = "";
    panelList.appendChild(frag);
  }

  function togglePanel(open) {
    panel.hidden = !open;
    body.classList.toggle("panel-open", open);
    listButton.setAttribute("aria-expanded", String(open));
    if (open) { fillPanel(); }
  }

  function land() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id && !document.getElementById(id) && lazyAt < lazy.length) { materialiseAll(); }
    var el = id ? document.getElementById(id) : null;
    if (landed) { landed.classList.remove("landed"); landed = null; }
    if (!el) { return; }
    show(el);
    landed = el.closest(".r, .prov, .frontm") || el;
    landed.classList.add("landed");
  }

  document.getElementById("_next").addEventListener("click", function () { go(1); });
  document.getElementById("_prev").addEventListener("click", function () { go(-1); });
  ["_f-changes", "_f-substantive", "_f-unchanged", "_f-editorial"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", applyFilters);
  });
  listButton.addEventListener("click", function () { togglePanel(panel.hidden); });
  document.getElementById("_panel-x").addEventListener("click", function () { togglePanel(false); });
  panelList.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-i]");
    if (!a) { return; }
    ev.preventDefault();
    goTo(stops(), +a.getAttribute("data-i"));
  });
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var chip = t.closest(".kindf-b[data-kind]");
    if (chip) { setKind(chip.getAttribute("data-kind")); return; }
    var b = t.closest(".fold .show");
    if (b) { openRun(b.getAttribute("data-run"), b.getAttribute("aria-expanded") !== "true"); return; }
    if (t.id === "_front-b") {
      var c = document.getElementById("_front-c");
      var open = c.hasAttribute("hidden");
      if (open) { c.removeAttribute("hidden"); } else { c.setAttribute("hidden", "until-found"); }
      t.textContent = open ? "hide" : "show";
      t.setAttribute("aria-expanded", String(open));
    }
  });
  var front = document.getElementById("_front-c");
  if (front) {     // find-in-page opened it: say so on the button
    front.addEventListener("beforematch", function () {
      var t = document.getElementById("_front-b");
      t.textContent = "hide";
      t.setAttribute("aria-expanded", "true");
    });
  }
  window.addEventListener("hashchange", land);
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) { return; }
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && t.type !== "checkbox")) { return; }
    if (ev.key === "n" || ev.key === "j") { go(1); ev.preventDefault(); }
    else if (ev.key === "p" || ev.key === "k") { go(-1); ev.preventDefault(); }
  });
  window.addEventListener("beforeprint", materialiseAll);
  body.classList.add("js");
  applyFilters(true);   // a reloaded page may come back with boxes ticked
  if (location.hash) { land(); }
  if (lazy.length) { setTimeout(materialiseSome, 0); }
}());
