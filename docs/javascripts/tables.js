/*
 * Long tables and lists that readers can sort and filter. Without JavaScript every table and list is
 * shown in full, in the order the site wrote it (newest first where that matters), so nothing depends
 * on this file. Sorting is tablesort's (docs/javascripts/tablesort.min.js, MIT, as in Material's own
 * documentation); this file adds keyboard access to the column headings and a filter box.
 */
(function () {
  "use strict";

  // A filter is offered only where scanning by eye is slow.
  var FILTER_FROM_ROWS = 8;

  function makeHeadingsKeyboardSortable(table) {
    // Tablesort listens for clicks on a heading; a button inside it gives keyboard and screen-reader
    // users the same action (Enter or Space clicks the button, and the click reaches the heading).
    table.querySelectorAll("thead th").forEach(function (heading) {
      if (heading.getAttribute("data-sort-method") === "none" || heading.querySelector("button")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (heading.firstChild) {
        button.appendChild(heading.firstChild);
      }
      button.setAttribute("title", "Sort by this column");
      heading.appendChild(button);
    });
  }

  function itemsOf(container) {
    if (container.tBodies) {
      return container.tBodies.length ? Array.prototype.slice.call(container.tBodies[0].rows) : [];
    }
    return Array.prototype.slice.call(container.children);
  }

  function addFilter(container) {
    var items = itemsOf(container);
    if (items.length < FILTER_FROM_ROWS || container.getAttribute("data-filter-ready")) {
      return;
    }
    container.setAttribute("data-filter-ready", "1");
    var noun = container.tBodies ? "rows" : "entries";
    var wrapper = document.createElement("div");
    wrapper.className = "list-filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "list-filter-input";
    label.appendChild(document.createTextNode("Filter these " + items.length + " " + noun + ": "));
    label.appendChild(input);
    var status = document.createElement("span");
    status.className = "list-filter-status";
    status.setAttribute("role", "status");
    wrapper.appendChild(label);
    wrapper.appendChild(status);
    var anchor = container.closest(".table-scroll, .relation-table-wrapper") || container;
    anchor.parentNode.insertBefore(wrapper, anchor);
    var texts = items.map(function (item) { return item.textContent.toLowerCase(); });
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, number) {
        var matches = words.every(function (word) { return texts[number].indexOf(word) !== -1; });
        item.hidden = !matches;
        if (matches) {
          shown += 1;
        }
      });
      status.textContent = words.length ? shown + " of " + items.length + " " + noun + " shown" : "";
    });
  }

  function initialise() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      if (table.getAttribute("data-sort-ready") || !table.tHead || typeof Tablesort !== "function") {
        return;
      }
      table.setAttribute("data-sort-ready", "1");
      makeHeadingsKeyboardSortable(table);
      new Tablesort(table);
    });
    document.querySelectorAll("table.filterable, ol.filterable").forEach(addFilter);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initialise);
  } else {
    initialise();
  }
}());
