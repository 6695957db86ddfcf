// Fixes to the theme that need no words of their own (every page loads this file):
// - Material's search dialog has no accessible name; give it the search box's own label (検索).
// - A table that scrolls sideways can be focused, so that the keyboard scrolls it too.
// - A date such as 2026年3月31日 or 7月末 is never broken across two lines (Japanese
//   text may break between any two characters): in the page's text, each is wrapped in
//   <span class="nowrap"> (extra.css). The text itself is unchanged.
// - The theme's skip link (the first Tab stop) goes to a page's form where it has one
//   (an element with data-skip-label, whose words it takes) and puts focus on its first
//   field, instead of on the page's title above the form.
// - Nothing out of sight is a Tab stop: on narrow screens the closed search box (still
//   focusable by the theme's own code, which focuses it as it opens) and the closed
//   navigation drawer (inert); the closed search's result list is hidden by extra.css. The header's two icons that open
//   them become buttons a keyboard can press, named after what they open (the navigation's
//   and the search box's own labels).
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

  function skipToTheForm() {
    var skip = document.querySelector(".md-skip");
    var target = document.querySelector("[data-skip-label]");
    if (!skip || !target || !target.id) return;
    skip.href = "#" + target.id;
    skip.textContent = target.getAttribute("data-skip-label");
    skip.addEventListener("click", function (event) {
      var first = Array.prototype.find.call(target.querySelectorAll("input, select, textarea, button"), function (field) {
        return !field.disabled && field.offsetParent !== null && field.tabIndex >= 0 &&
          (field.type !== "radio" || field.checked || !target.querySelector("input[type=radio][name='" + field.name + "']:checked"));
      });
      if (!first) return;
      event.preventDefault();
      first.scrollIntoView({ block: "center" });
      first.focus({ preventScroll: true });
    });
  }

  // The theme clicks a focused label on Enter; Space is added here, as for any button.
  function headerButtons() {
    var names = { __drawer: ".md-nav--primary", __search: ".md-search__input" };
    document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
      var named = names[label.htmlFor] && document.querySelector(names[label.htmlFor]);
      if (!named || label.hasAttribute("tabindex")) return;
      label.setAttribute("tabindex", "0");
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", named.getAttribute("aria-label") || "");
      label.addEventListener("keydown", function (event) {
        if (event.key !== " ") return;
        event.preventDefault();
        label.click();
      });
    });
    // The drawer opened from its header button: its first link has focus (it was out of the
    // Tab order while closed).
    var drawer = document.getElementById("__drawer");
    if (drawer) drawer.addEventListener("change", function () {
      var opener = document.activeElement;
      if (!drawer.checked || !opener || !opener.matches || !opener.matches(".md-header label[for=__drawer]")) return;
      requestAnimationFrame(function () {
        var first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
        if (first) first.focus();
      });
    });
  }

  function closedPartsOutOfTheTabOrder() {
    var search = document.getElementById("__search"), drawer = document.getElementById("__drawer");
    var input = document.querySelector(".md-search__input");
    var sidebar = document.querySelector(".md-sidebar--primary");
    // the theme's own breakpoints: below them the search box and the drawer are hidden until opened
    var narrowSearch = window.matchMedia("(max-width: 59.984375em)");
    var narrowDrawer = window.matchMedia("(max-width: 76.234375em)");
    function apply() {
      var searching = Boolean(search && search.checked);
      if (input) {
        if (!searching && narrowSearch.matches) input.setAttribute("tabindex", "-1");
        else input.removeAttribute("tabindex");
      }
      if (sidebar) sidebar.inert = Boolean(narrowDrawer.matches && drawer && !drawer.checked);
    }
    [search, drawer].forEach(function (toggle) { if (toggle) toggle.addEventListener("change", apply); });
    [narrowSearch, narrowDrawer].forEach(function (query) { query.addEventListener("change", apply); });
    apply();
  }

  function run() {
    nameSearchDialog();
    skipToTheForm();
    closedPartsOutOfTheTabOrder();
    headerButtons();
    var content = document.querySelector(".md-content");
    if (content) keepDatesWhole(content, "#checker-app");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
