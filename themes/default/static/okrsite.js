/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  // Open <details> that contain the #target so deep links to check-ins and tasks show them.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    while (el) { if (el.tagName === "DETAILS") el.open = true; el = el.parentElement; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  // Diagram: pointing at or focusing a bar highlights its dependency arrows (and stubs) and the
  // bars at their other ends. Arrows name their ends in classes: rmd-from-ID rmd-to-ID.
  function named(el, prefix) {
    return Array.prototype.filter.call(el.classList, function (c) { return c.indexOf(prefix) === 0; })
      .map(function (c) { return c.slice(prefix.length); });
  }
  var lit = [];
  function light(bar) {
    lit.forEach(function (el) { el.classList.remove("rmd-hl"); });
    lit = [];
    if (!bar) return;
    var svg = bar.ownerSVGElement, id = named(bar, "rmd-m-")[0];
    if (!svg || !id) return;
    var key = CSS.escape(id);
    svg.querySelectorAll(".rmd-from-" + key + ", .rmd-to-" + key).forEach(function (arrow) {
      lit.push(arrow);
      named(arrow, "rmd-from-").concat(named(arrow, "rmd-to-")).forEach(function (other) {
        svg.querySelectorAll(".rmd-m-" + CSS.escape(other)).forEach(function (b) { lit.push(b); });
      });
    });
    if (lit.length) lit.push(bar);
    lit.forEach(function (el) { el.classList.add("rmd-hl"); });
  }
  var litBy = "";
  function onPoint(event) {
    var bar = event.target.closest ? event.target.closest("svg.rmd .rmd-bar") : null;
    var by = event.type === "mouseover" ? "mouse" : "focus";
    if (bar) { light(bar); litBy = by; }
    else if (lit.length && litBy === by) light(null);
  }
  document.addEventListener("mouseover", onPoint);
  document.addEventListener("focusin", onPoint);
  // Roadmap filters: with JavaScript, type and status chips filter in place and combine.
  var filters = document.querySelector(".filters");
  if (!filters || !document.body.classList.contains("roadmap")) return;
  var chosen = {};
  function apply() {
    document.querySelectorAll("tr[data-type]").forEach(function (row) {
      var show = Object.keys(chosen).every(function (dim) { return row.dataset[dim] === chosen[dim]; });
      row.hidden = !show;
    });
    // Bars carry their type and status as classes (rmd-t-epic, rmd-s-done): dim the others.
    document.querySelectorAll("svg .rmd-bar").forEach(function (bar) {
      var show = Object.keys(chosen).every(function (dim) {
        return bar.classList.contains((dim === "type" ? "rmd-t-" : "rmd-s-") + chosen[dim]);
      });
      bar.style.opacity = show ? "" : "0.15";
    });
    filters.querySelectorAll("a.chip[data-dimension]").forEach(function (chip) {
      var on = chosen[chip.dataset.dimension] === chip.dataset.value;
      if (on) chip.setAttribute("aria-current", "true"); else chip.removeAttribute("aria-current");
    });
  }
  filters.addEventListener("click", function (event) {
    var chip = event.target.closest("a.chip[data-dimension]");
    // Teams are lanes, not bar properties: their chips stay plain links to the team's variant.
    if (!chip || chip.dataset.dimension === "team" || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var dim = chip.dataset.dimension;
    chosen[dim] = chosen[dim] === chip.dataset.value ? undefined : chip.dataset.value;
    if (chosen[dim] === undefined) delete chosen[dim];
    apply();
  });
})();
