/* vecdoc offline search. The index (search-index.js) is loaded on first
   use through a <script> tag, so it works from file:// with no fetch.
   Queries are folded like the index: lowercase, Vietnamese diacritics
   removed (cosin finds côsin, nhung finds nhúng); a query word matches
   index words it starts. Results: page and section, snippet with the
   matched words highlighted. Keyboard: "/" or Ctrl-K focuses the box,
   arrows move, Enter opens, Escape closes. */
(function () {
  "use strict";
  var html = document.documentElement;
  var root = html.getAttribute("data-root") || "";
  var input, box, loading = false, active = -1, results = [];

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }
  function terms(s) {
    var out = [], re = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu, m;
    while ((m = re.exec(fold(s))) !== null) out.push(m[0]);
    return out;
  }
  function load(then) {
    if (window.VECDOC_SEARCH) { then(); return; }
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "_vecdoc/search-index.js";
    s.onload = function () { loading = false; then(); };
    document.head.appendChild(s);
  }
  /* Index terms that start with q: binary search in the sorted list. */
  function prefixRange(list, q) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < q) lo = mid + 1; else hi = mid; }
    var end = lo;
    while (end < list.length && list[end].lastIndexOf(q, 0) === 0) end++;
    return [lo, end];
  }
  function search(q) {
    var ix = window.VECDOC_SEARCH, qs = terms(q), scores = null;
    if (!ix || qs.length === 0) return [];
    var nsec = ix.sections.length;
    qs.forEach(function (t) {
      var r = prefixRange(ix.terms, t), here = {};
      for (var i = r[0]; i < r[1]; i++) {
        var p = ix.postings[i], idf = Math.log(1 + nsec / (p.length / 2));
        var exact = ix.terms[i] === t ? 2 : 1;
        for (var k = 0; k < p.length; k += 2)
          here[p[k]] = (here[p[k]] || 0) + p[k + 1] * idf * exact;
      }
      if (scores === null) scores = here;
      else {
        var both = {};
        Object.keys(scores).forEach(function (s) {
          if (here[s] !== undefined) both[s] = scores[s] + here[s];
        });
        scores = both;
      }
    });
    return Object.keys(scores || {}).map(function (s) { return [+s, scores[s]]; })
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .slice(0, 12).map(function (x) { return x[0]; });
  }
  function highlight(el, text, qs) {
    var re = /[^\s.,;:!?()"'«»]+|[\s.,;:!?()"'«»]+/g, m;
    while ((m = re.exec(text)) !== null) {
      var w = m[0], f = fold(w), hit = qs.some(function (q) { return f.indexOf(q) === 0; });
      if (hit) { var mk = document.createElement("mark"); mk.textContent = w; el.appendChild(mk); }
      else el.appendChild(document.createTextNode(w));
    }
  }
  function render(q) {
    var ix = window.VECDOC_SEARCH, qs = terms(q);
    results = search(q);
    active = -1;
    box.textContent = "";
    if (q.trim() === "") { box.hidden = true; return; }
    box.hidden = false;
    if (results.length === 0) {
      var none = document.createElement("p");
      none.className = "search-none";
      none.textContent = box.getAttribute("data-none") || "—";
      box.appendChild(none);
      return;
    }
    results.forEach(function (si, n) {
      var sec = ix.sections[si], page = ix.pages[sec[0]];
      var a = document.createElement("a");
      a.href = root + page[0] + (sec[1] ? "#" + sec[1] : "");
      a.className = "search-hit";
      a.id = "search-hit-" + n;
      a.setAttribute("role", "option");
      var t = document.createElement("span");
      t.className = "search-title";
      t.textContent = page[1] + (sec[2] !== page[1] ? " › " + sec[2] : "");
      var sn = document.createElement("span");
      sn.className = "search-snippet";
      highlight(sn, sec[3], qs);
      a.appendChild(t); a.appendChild(sn);
      box.appendChild(a);
    });
  }
  function move(d) {
    var hits = box.querySelectorAll(".search-hit");
    if (hits.length === 0) return;
    active = (active + d + hits.length) % hits.length;
    hits.forEach(function (h, i) { h.classList.toggle("active", i === active); });
    input.setAttribute("aria-activedescendant", hits[active].id);
    hits[active].scrollIntoView({ block: "nearest" });
  }
  function start() {
    input = document.getElementById("search-input");
    box = document.getElementById("search-results");
    if (!input || !box) return;
    input.addEventListener("focus", function () { load(function () { if (input.value) render(input.value); }); });
    input.addEventListener("input", function () { load(function () { render(input.value); }); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { move(1); e.preventDefault(); }
      else if (e.key === "ArrowUp") { move(-1); e.preventDefault(); }
      else if (e.key === "Enter") {
        var hits = box.querySelectorAll(".search-hit");
        var h = hits[active >= 0 ? active : 0];
        if (h) { window.location.href = h.href; e.preventDefault(); }
      } else if (e.key === "Escape") { box.hidden = true; input.blur(); }
    });
    document.addEventListener("keydown", function (e) {
      var tag = (document.activeElement || {}).tagName;
      if ((e.key === "/" && tag !== "INPUT" && tag !== "TEXTAREA") ||
          (e.key === "k" && (e.ctrlKey || e.metaKey))) {
        input.focus(); e.preventDefault();
      }
    });
    document.addEventListener("click", function (e) {
      if (!box.contains(e.target) && e.target !== input) box.hidden = true;
    });
    var form = input.form;
    if (form) form.addEventListener("submit", function (e) { e.preventDefault(); });
  }
  window.vecdocSearch = search; /* for tests */
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
