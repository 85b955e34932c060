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
      var bySentence = event.submitter && event.submitter.classList.contains("split-sentence");
      if (!input.value && !bySentence) {
        event.preventDefault();
        alert("Đặt con trỏ vào chỗ cần tách trong ô nội dung, hoặc gõ số thứ tự ký tự.");
      }
    });
  });

  // A suggested unit fills the unit box it stands under.
  document.querySelectorAll("button.fill-unit").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.getElementById(button.dataset.target);
      if (box) { box.value = button.dataset.name; box.dispatchEvent(new Event("input")); box.focus(); }
    });
  });

  // Save all: every card whose fields were changed is sent, one after another, then the page is read again.
  function changed(form) {
    return Array.prototype.some.call(form.elements, function (el) {
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.tagName === "SELECT") {
        return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      if (el.type === "hidden" || el.type === "submit" || el.tagName === "BUTTON") return false;
      return el.value !== el.defaultValue;
    });
  }
  var saveAll = document.getElementById("save-all");
  if (saveAll && window.fetch && window.FormData) {
    document.getElementById("save-all-box").hidden = false;
    var statusLine = document.getElementById("save-all-status");
    saveAll.addEventListener("click", function () {
      var forms = Array.prototype.filter.call(document.querySelectorAll("form.directive-form"), changed);
      if (!forms.length) { statusLine.textContent = "Chưa có ý nào được sửa."; return; }
      saveAll.disabled = true;
      var failed = [];
      forms.reduce(function (chain, form, i) {
        return chain.then(function () {
          statusLine.textContent = "Đang lưu " + (i + 1) + "/" + forms.length + "…";
          var data = new FormData(form);
          data.append("action", "save");
          // getAttribute: the form's "action" property is its button named "action"
          return fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" })
            .then(function (r) { if (!r.ok) failed.push(form); }, function () { failed.push(form); });
        });
      }, Promise.resolve()).then(function () {
        if (failed.length) {
          saveAll.disabled = false;
          statusLine.textContent = "Chưa lưu được " + failed.length + " ý (xem ô báo lỗi sau khi bấm “Lưu” ở từng ý).";
          failed.forEach(function (f) { f.closest(".directive-card").classList.add("border-danger"); });
        } else {
          location.reload();
        }
      });
    });
  }

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
