/* dondoc task list: suggest communiqués in the filter as one types (the archive's are never all listed).
   Without this script the field still works: the server reads a typed number or "15-TB/TU (01/07/2025)". */
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null, last = null;

  function fill(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.label;  // what the form sends: the server reads the label back
      option.textContent = item.title;
      list.appendChild(option);
    });
  }

  function suggest() {
    var text = input.value.trim();
    if (text === last) return;
    last = text;
    fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), {
      credentials: "same-origin", headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : { results: [] };
    }).then(function (data) {
      if (text === last) fill(data.results);
    }).catch(function () { /* no suggestions: typing still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });
  input.addEventListener("focus", suggest);
})();
