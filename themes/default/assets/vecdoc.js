/* vecdoc theme script: the sidebar from the shared course tree (nav.js,
   loaded once and cached), the phone menu toggle. Pages stay fully
   readable without it. No network access of any kind. */
(function () {
  "use strict";
  var html = document.documentElement;
  var root = html.getAttribute("data-root") || "";
  var here = html.getAttribute("data-page") || "";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function link(item) {
    var a = el("a", null, item.title);
    a.href = root + item.href;
    if (item.href === here) a.setAttribute("aria-current", "page");
    return a;
  }
  function sidebar() {
    var nav = window.VECDOC_NAV, side = document.getElementById("sidebar");
    if (!nav || !side) return;
    side.textContent = "";
    var ul = el("ul", "tree");
    var home = el("li", "tree-home");
    home.appendChild(link({ title: nav.title, href: nav.home }));
    ul.appendChild(home);
    nav.pages.forEach(function (p) {
      var li = el("li"); li.appendChild(link(p)); ul.appendChild(li);
    });
    nav.modules.forEach(function (m) {
      var li = el("li", "tree-module"), det = el("details");
      var sum = el("summary", null, m.title), inner = el("ul");
      var open = m.href === here;
      /* A link inside <summary> would be a control inside a control:
         the module page is the first entry of the list instead. */
      det.appendChild(sum);
      var first = el("li", "tree-intro");
      first.appendChild(link(m));
      inner.appendChild(first);
      m.pages.forEach(function (p) {
        var pl = el("li"); pl.appendChild(link(p)); inner.appendChild(pl);
        if (p.href === here) open = true;
      });
      det.appendChild(inner);
      det.open = open;
      li.appendChild(det);
      ul.appendChild(li);
    });
    side.appendChild(ul);
  }
  function menu() {
    var b = document.querySelector(".menu-toggle");
    if (!b) return;
    b.addEventListener("click", function () {
      var open = html.classList.toggle("menu-open");
      b.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  function start() { sidebar(); menu(); }
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", start);
  else start();
})();
