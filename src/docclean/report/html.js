// docclean HTML report: inlined into the page; works offline, and the page reads fine without it.
(function () {
  "use strict";
  var body = document.body;
  function files() { return document.querySelectorAll("details.file"); }
  document.addEventListener("click", function (ev) {
    var act = ev.target && ev.target.getAttribute && ev.target.getAttribute("data-act");
    if (!act) return;
    var all = files();
    for (var i = 0; i < all.length; i++) {
      if (all[i].style.display !== "none") all[i].open = act === "expand";
    }
  });
  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t.hasAttribute("data-body-class")) {
      body.classList.toggle(t.getAttribute("data-body-class"), t.checked);
    } else if (t.hasAttribute("data-stage")) {
      body.classList.toggle("hide-" + t.getAttribute("data-stage"), !t.checked);
    }
  });
  var search = document.getElementById("file-filter");
  if (search) {
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      var rows = document.querySelectorAll("table.summary tbody tr");
      for (var i = 0; i < rows.length; i++) {
        var hit = !q || rows[i].getAttribute("data-name").toLowerCase().indexOf(q) !== -1;
        rows[i].style.display = hit ? "" : "none";
        var sec = document.getElementById(rows[i].getAttribute("data-file"));
        if (sec) sec.style.display = hit ? "" : "none";
      }
    });
  }
  // Following a link into a collapsed file (index, duplicate, flag) opens it first.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    while (el) {
      if (el.tagName === "DETAILS") el.open = true;
      el = el.parentElement;
    }
    if (id && document.getElementById(id)) document.getElementById(id).scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", openTarget);
  if (location.hash) openTarget();
})();
