/* dondoc bulk import: send the chosen files one by one and show how far it has got. */
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  if (!form || !window.fetch || !window.FormData) return;  // without them the form posts all files at once
  var input = form.querySelector("input[type=file]");
  var bar = document.getElementById("bulk-bar");
  var status = document.getElementById("bulk-status");
  var table = document.getElementById("bulk-results");
  var body = table.querySelector("tbody");
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var LABELS = { imported: "Đã nhập", duplicate: "Trùng", refused: "Không nhập được" };

  function row(result) {
    var tr = document.createElement("tr");
    tr.className = "bulk-" + result.status;
    var name = document.createElement("td");
    name.textContent = result.name;
    var what = document.createElement("td");
    what.textContent = (LABELS[result.status] || result.status) + ": " + result.message;
    (result.warnings || []).forEach(function (w) {
      var div = document.createElement("div");
      div.className = "text-warning-emphasis";
      div.textContent = w;
      what.appendChild(div);
    });
    var link = document.createElement("td");
    if (result.url) {
      var a = document.createElement("a");
      a.href = result.url;
      a.textContent = result.status === "imported" ? "Duyệt" : "Xem";
      link.appendChild(a);
    }
    tr.appendChild(name); tr.appendChild(what); tr.appendChild(link);
    body.appendChild(tr);
    table.hidden = false;
  }

  function progress(done, total) {
    var pct = total ? Math.round(100 * done / total) : 100;
    bar.style.width = pct + "%";
    bar.textContent = pct + "%";
    bar.setAttribute("aria-valuenow", String(pct));
    status.textContent = done < total ? "Đang nhập tệp " + (done + 1) + "/" + total + "…" :
      "Đã xử lý " + total + "/" + total + " tệp.";
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return;  // the server says what is missing
    event.preventDefault();
    form.querySelector("button[type=submit]").disabled = true;
    document.getElementById("bulk-progress").hidden = false;
    body.innerHTML = "";
    var done = 0;
    progress(0, files.length);
    files.reduce(function (chain, file) {
      return chain.then(function () {
        var data = new FormData();
        data.append("files", file, file.name);
        return fetch(form.getAttribute("action") || window.location.href, {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "Accept": "application/json", "X-CSRFToken": token }
        }).then(function (response) {
          return response.json().catch(function () {
            return { status: "refused", message: "Máy chủ báo lỗi (" + response.status + ")." };
          });
        }, function () {
          return { status: "refused", message: "Mất kết nối tới máy chủ; tệp chưa được nhập." };
        }).then(function (result) {
          result.name = result.name || file.name;
          row(result);
          done += 1;
          progress(done, files.length);
        });
      });
    }, Promise.resolve()).then(function () {
      form.querySelector("button[type=submit]").disabled = false;
      input.value = "";
    });
  });
})();
