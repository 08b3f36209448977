/* Every page of the site: what the theme leaves out for readers of assistive technology.
 *
 * - The theme marks its search panel role="dialog" without a name (axe-core's aria-dialog-name
 *   rule, serious): it is named "Search", unless the theme names it itself.
 * - A table wider than the screen scrolls inside the theme's wrapper, which a keyboard cannot
 *   reach (axe-core's scrollable-region-focusable, serious): such a wrapper becomes a named
 *   region in the tab order, so arrow keys scroll it. Checked again when the window changes size.
 */
(function () {
  "use strict";
  function nameSearch() {
    var dialogs = document.querySelectorAll('.md-search[role="dialog"]');
    for (var i = 0; i < dialogs.length; i++) {
      if (!dialogs[i].hasAttribute("aria-label") && !dialogs[i].hasAttribute("aria-labelledby")) {
        dialogs[i].setAttribute("aria-label", "Search");
      }
    }
  }
  // The text of the heading a table comes under, for the region's name (every region has its own).
  function headingOf(element) {
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) {
          var copy = before.cloneNode(true);
          var extra = copy.querySelectorAll(".headerlink, .mga-id");
          for (var j = 0; j < extra.length; j++) extra[j].remove();
          return copy.textContent.trim();
        }
      }
    }
    return "";
  }
  function reachScrollingTables() {
    var wrappers = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < wrappers.length; i++) {
      var wrapper = wrappers[i];
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        var heading = headingOf(wrapper);
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", "Table " + (i + 1) + (heading ? " (" + heading + ")" : "") + ", scrolls sideways");
      } else if (wrapper.getAttribute("role") === "region") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    }
  }
  function start() {
    nameSearch();
    reachScrollingTables();
    window.addEventListener("resize", reachScrollingTables);
    // A folded section opened by the reader may hold a table wider than the screen.
    document.addEventListener("toggle", reachScrollingTables, true);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
