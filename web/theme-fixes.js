// Fixes to the theme that need no words of their own (every page loads this file):
// - Material's search dialog has no accessible name; give it the search box's own label (検索).
// - A table that scrolls sideways can be focused, so that the keyboard scrolls it too.
// - A date such as 2026年3月31日 or 7月末 is never broken across two lines (Japanese
//   text may break between any two characters): in the page's text, each is wrapped in
//   <span class="nowrap"> (extra.css). The text itself is unchanged.
// The checker calls window.refreshPageFixes(element) on what it fills in.
(function () {
  var DATE = /(\d{4}年(度)?)?\d{1,2}(-\d{1,2})?月(\d{1,2}日|末)?|\d{4}年度?/g;

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "");
    }
  }

  // `skip`: parts left alone (the checker's own, filled in later, calls this on its result).
  function keepDatesWhole(root, skip) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        if (!parent || parent.closest("script, style, pre, code, textarea, .nowrap" + (skip ? ", " + skip : ""))) return NodeFilter.FILTER_REJECT;
        DATE.lastIndex = 0;
        return DATE.test(node.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.data, parts = document.createDocumentFragment(), last = 0, match;
      DATE.lastIndex = 0;
      while ((match = DATE.exec(text))) {
        parts.append(text.slice(last, match.index));
        var span = document.createElement("span");
        span.className = "nowrap";
        span.textContent = match[0];
        parts.append(span);
        last = match.index + match[0].length;
      }
      parts.append(text.slice(last));
      node.replaceWith(parts);
    });
  }


  // A table that scrolls sideways can be scrolled with the keyboard too (focusable), and
  // only such a one: a table that fits is no stop for the Tab key.
  function scrollableByKeyboard() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.setAttribute("tabindex", "0");
      else wrap.removeAttribute("tabindex");
    });
  }
  var resizing = null;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(scrollableByKeyboard, 200); });
  window.addEventListener("load", scrollableByKeyboard);

  // For what a page fills in after loading (the checker's result).
  window.refreshPageFixes = function (root) {
    keepDatesWhole(root);
    scrollableByKeyboard();
  };

  function run() {
    nameSearchDialog();
    var content = document.querySelector(".md-content");
    if (content) keepDatesWhole(content, "#checker-app");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
