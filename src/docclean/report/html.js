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
  // Big batches: a file's side-by-side table is kept as text until the file is opened.
  function render(section) {
    var slot = section && section.querySelector(".sbs-slot");
    if (!slot) return;
    var src = document.getElementById(slot.getAttribute("data-rows"));
    if (!src) return;
    var holder = document.createElement("div");
    holder.innerHTML = src.textContent;
    slot.parentNode.replaceChild(holder.firstChild, slot);
    src.parentNode.removeChild(src);
  }
  document.addEventListener("toggle", function (ev) {
    if (ev.target.open && ev.target.classList.contains("file")) render(ev.target);
  }, true);
  var opened = document.querySelectorAll("details.file[open]");
  for (var k = 0; k < opened.length; k++) render(opened[k]);
  // In big batches an inserted span has no tooltip of its own: each change is one
  // <del> in the raw cell and one <ins> in the clean cell, in the same order.
  document.addEventListener("mouseover", function (ev) {
    var t = ev.target;
    if (t.tagName !== "INS" || t.hasAttribute("title") || !t.classList.contains("c")) return;
    var row = t.closest("tr");
    var cells = row ? row.querySelectorAll("td.t") : [];
    if (cells.length !== 2) return;
    var ins = cells[1].querySelectorAll("ins.c");
    var del = cells[0].querySelectorAll("del.c");
    var i = Array.prototype.indexOf.call(ins, t);
    if (i >= 0 && del[i]) t.setAttribute("title", del[i].getAttribute("title") || "");
  });
  // Following a link into a collapsed file (index, duplicate, flag) opens it first.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var section = document.getElementById(id.split("-")[0]);
    if (section && section.tagName === "DETAILS") {
      section.open = true;
      render(section);
    }
    var el = document.getElementById(id);
    if (el) el.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", openTarget);
  if (location.hash) openTarget();
})();
