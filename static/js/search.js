/* Suggestions for search fields that carry data-autocomplete-url (progressive enhancement:
   without this script the field is a plain GET form). ARIA 1.2 combobox with a listbox popup;
   arrows move, Enter opens the highlighted page, Escape closes. */
(function () {
    "use strict";
    if (window.networkSearchAutocomplete) { return; }
    window.networkSearchAutocomplete = true;

    var counter = 0;

    function setUp(input) {
        counter += 1;
        var listId = "autocomplete-" + counter;
        var list = document.createElement("ul");
        var status = document.createElement("div");
        var items = [];
        var active = -1;
        var timer = null;
        var lastQuery = "";
        var controller = null;

        list.id = listId;
        list.className = "autocomplete";
        list.setAttribute("role", "listbox");
        list.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        input.parentNode.appendChild(list);
        input.parentNode.appendChild(status);
        if (input.labels && input.labels[0]) { list.setAttribute("aria-label", input.labels[0].textContent.trim()); }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            items.forEach(function (item, position) { item.setAttribute("aria-selected", position === index ? "true" : "false"); });
            active = index;
            if (index >= 0) { input.setAttribute("aria-activedescendant", items[index].id); }
            else { input.removeAttribute("aria-activedescendant"); }
        }

        function render(results) {
            list.textContent = "";
            items = results.map(function (result, position) {
                var item = document.createElement("li");
                var title = document.createElement("span");
                var type = document.createElement("span");
                item.id = listId + "-" + position;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                item.dataset.url = result.url;
                title.textContent = result.title;
                type.className = "autocomplete__type";
                type.textContent = result.type;
                item.appendChild(title);
                item.appendChild(type);
                item.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.assign(result.url); });
                list.appendChild(item);
                return item;
            });
            status.textContent = results.length ? (input.dataset.autocompleteStatus || "") : "";
            if (results.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
            } else {
                close();
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) { return; }
            lastQuery = query;
            if (query.length < 2) { render([]); return; }
            if (controller) { controller.abort(); }
            controller = window.AbortController ? new AbortController() : null;
            var url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query);
            fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) { if (input.value.trim() === query) { render(data.results || []); } })
                .catch(function () { /* suggestions are optional: the form still works */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, 150);
        });
        input.addEventListener("keydown", function (event) {
            if (list.hidden || !items.length) { return; }
            if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
            else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
            else if (event.key === "Escape") { event.preventDefault(); close(); }
            else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.assign(items[active].dataset.url); }
        });
        input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    }

    function start() {
        Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete-url]"), setUp);
    }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
    else { start(); }
}());
