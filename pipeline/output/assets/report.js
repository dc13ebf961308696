(function () {
  "use strict";
  var box = document.getElementById("filter");
  if (!box) { return; }
  var inputs = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]:not([name=terms])"));
  var terms = box.querySelector("input[name=terms]");
  function hidden() {
    var h = {};
    inputs.forEach(function (i) { if (!i.checked) { h[i.value] = true; } });
    return h;
  }
  function apply() {
    var h = hidden();
    document.querySelectorAll("main [data-cat]").forEach(function (el) {
      el.classList.toggle("off", h[el.getAttribute("data-cat")] === true);
    });
    document.querySelectorAll("tr[data-cats]").forEach(function (tr) {
      var cats = tr.getAttribute("data-cats").split(" ").filter(Boolean);
      tr.hidden = cats.length ? cats.every(function (c) { return h[c] === true; }) : h["clean"] === true;
    });
    box.setAttribute("data-hidden", Object.keys(h).sort().join(" "));
    var n = document.querySelectorAll("tr[data-cats][hidden]").length;
    document.getElementById("filter-status").textContent = n ? n + " rows hidden" : "";
  }
  var m = /^#(?:.*&)?hide=([^&]*)/.exec(location.hash);
  if (m) {
    var h = decodeURIComponent(m[1]).split(",");
    inputs.forEach(function (i) { if (h.indexOf(i.value) >= 0) { i.checked = false; } });
  }
  box.addEventListener("change", function () {
    if (terms) { document.body.classList.toggle("all-terms", terms.checked); }
    apply();
    var off = Object.keys(hidden()).sort();
    try {
      history.replaceState(null, "", off.length ? "#hide=" + off.join(",") : location.pathname + location.search);
    } catch (e) { /* some file:// contexts refuse; the filter still works */ }
  });
  box.hidden = false;
  apply();
})();
