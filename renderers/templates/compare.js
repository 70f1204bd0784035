/* travaux comparison: move between changes (buttons, n/j and p/k) and filter.
   The filters are classes on <body>, so what is hidden on screen is hidden in
   print too; the print-only line #_state says which filters were on. */
(function () {
  "use strict";
  var body = document.body;
  var pos = document.getElementById("_pos");
  var state = document.getElementById("_state");
  var bar = document.querySelector(".bar");
  var current = null;

  function stops() {
    var all = document.querySelectorAll(".chg[id]");
    var hideEd = body.classList.contains("hide-editorial");
    var out = [];
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (hideEd && el.classList.contains("ed")) { continue; }
      if (el.getClientRects().length === 0) { continue; }   // inside something hidden
      out.push(el);
    }
    return out;
  }

  function mark(el, on) {
    var same = document.querySelectorAll('.chg[data-c="' + el.getAttribute("data-c") + '"]');
    for (var i = 0; i < same.length; i++) {
      same[i].classList.toggle(same[i] === el ? "current" : "partner", on);
    }
  }

  function label(index, total) {
    pos.textContent = total === 0 ? "No changes shown"
      : index < 0 ? total + (total === 1 ? " change" : " changes")
      : "Change " + (index + 1) + " of " + total;
  }

  function firstAfterView(list, delta) {
    var top = bar ? bar.getBoundingClientRect().bottom + 1 : 0;
    if (delta > 0) {
      for (var i = 0; i < list.length; i++) {
        if (list[i].getBoundingClientRect().top > top) { return i; }
      }
      return list.length - 1;
    }
    for (var j = list.length - 1; j >= 0; j--) {
      if (list[j].getBoundingClientRect().top < top) { return j; }
    }
    return 0;
  }

  function go(delta) {
    var list = stops();
    if (list.length === 0) { label(-1, 0); return; }
    var i = current ? list.indexOf(current) : -1;
    i = i < 0 ? firstAfterView(list, delta) : Math.max(0, Math.min(list.length - 1, i + delta));
    if (current) { mark(current, false); }
    current = list[i];
    mark(current, true);
    current.scrollIntoView({ block: "center" });
    current.focus({ preventScroll: true });
    label(i, list.length);
  }

  function applyFilters(initial) {
    var u = document.getElementById("_f-unchanged").checked;
    var e = document.getElementById("_f-editorial").checked;
    body.classList.toggle("hide-unchanged", u);
    body.classList.toggle("hide-editorial", e);
    var parts = [];
    parts.push(u ? "unchanged provisions hidden" : "unchanged provisions shown");
    parts.push(e ? "editorial-only changes hidden (editorial marks removed)" : "editorial changes marked");
    state.textContent = "Filters: " + parts.join("; ") + ".";
    if (initial === true && !u && !e) { return; }   // opening must not force a layout of it all
    var list = stops();
    if (current && list.indexOf(current) < 0) { mark(current, false); current = null; }
    label(current ? list.indexOf(current) : -1, list.length);
  }

  document.getElementById("_next").addEventListener("click", function () { go(1); });
  document.getElementById("_prev").addEventListener("click", function () { go(-1); });
  document.getElementById("_f-unchanged").addEventListener("change", applyFilters);
  document.getElementById("_f-editorial").addEventListener("change", applyFilters);
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) { return; }
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && t.type !== "checkbox")) { return; }
    if (ev.key === "n" || ev.key === "j") { go(1); ev.preventDefault(); }
    else if (ev.key === "p" || ev.key === "k") { go(-1); ev.preventDefault(); }
  });
  body.classList.add("js");
  applyFilters(true);   // a reloaded page may come back with boxes ticked
}());
