/* dondoc review page: selection → offsets into communique.text, links between marks and cards. */
(function () {
  "use strict";

  // Python indexes strings by code point, JavaScript by UTF-16 unit: count code points.
  function cpLength(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xDC00 || c > 0xDFFF) n++;  // skip the low half of a surrogate pair
    }
    return n;
  }

  // Offset of a DOM boundary point within the source pane: the length of every text node
  // before it. The server escapes the text so the pane's text nodes spell communique.text.
  function offsetIn(root, node, offset) {
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return cpLength(range.toString());
  }

  var source = document.getElementById("source-text");
  var spanForm = document.getElementById("span-form");

  function onSelection() {
    if (!source || !spanForm) return;
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var range = sel.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) { return; }
    var start = offsetIn(source, range.startContainer, range.startOffset);
    var end = offsetIn(source, range.endContainer, range.endOffset);
    var text = range.toString();
    if (!text.trim() || end <= start) { spanForm.hidden = true; return; }
    spanForm.querySelector("[name=start]").value = start;
    spanForm.querySelector("[name=end]").value = end;
    spanForm.querySelector("[name=selected_text]").value = text;
    var preview = text.replace(/\s+/g, " ").trim();
    document.getElementById("selection-preview").textContent =
      preview.length > 160 ? preview.slice(0, 80) + " … " + preview.slice(-60) : preview;
    spanForm.hidden = false;
  }

  if (source) {
    source.addEventListener("mouseup", function () { setTimeout(onSelection, 0); });
    source.addEventListener("keyup", onSelection);
    source.addEventListener("click", function (event) {
      var mark = event.target.closest("mark.directive");
      if (!mark || !window.getSelection().isCollapsed) return;
      focusDirective(mark.dataset.directive, "card");
    });
  }

  function focusDirective(id, scrollTo) {
    document.querySelectorAll("mark.directive.current, .directive-card.current").forEach(function (el) {
      el.classList.remove("current");
    });
    var mark = document.getElementById("d-" + id);
    var card = document.getElementById("card-" + id);
    if (mark) mark.classList.add("current");
    if (card) card.classList.add("current");
    var target = scrollTo === "card" ? card : mark;
    if (target) target.scrollIntoView({ behavior: "smooth", block: "center" });
  }

  document.querySelectorAll(".directive-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      focusDirective(link.dataset.directive, "mark");
    });
  });

  // Split: an empty position means "where the caret is in the text box".
  document.querySelectorAll("form.split-form").forEach(function (form) {
    var textarea = document.getElementById(form.dataset.textarea);
    var input = form.querySelector(".split-at");
    if (textarea) {
      var remember = function () {
        if (textarea.selectionStart > 0) form.dataset.caret = cpLength(textarea.value.slice(0, textarea.selectionStart));
      };
      textarea.addEventListener("keyup", remember);
      textarea.addEventListener("mouseup", remember);
      textarea.addEventListener("select", remember);
    }
    form.addEventListener("submit", function (event) {
      if (textarea && textarea.value !== textarea.defaultValue) {
        event.preventDefault();
        alert("Nội dung ý này đã sửa mà chưa lưu. Hãy bấm “Lưu” trước khi tách.");
        return;
      }
      if (!input.value && form.dataset.caret) input.value = form.dataset.caret;
      if (!input.value) {
        event.preventDefault();
        alert("Đặt con trỏ vào chỗ cần tách trong ô nội dung, hoặc gõ số thứ tự ký tự.");
      }
    });
  });

  var publish = document.getElementById("publish-form");
  if (publish) {
    publish.addEventListener("submit", function (event) {
      if (!window.confirm(publish.dataset.confirm)) event.preventDefault();
    });
  }

  // Come back to the card that was just edited.
  if (location.hash.indexOf("#card-") === 0) {
    focusDirective(location.hash.slice(6), "card");
  }
})();
