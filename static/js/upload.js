// SK and attachment uploads on slow connections: show each chosen file (name, size, thumbnail) and an
// upload progress bar. Without JavaScript the form posts normally; the server checks every file anyway.
(function () {
  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1).replace(".", ",") + " MB" : Math.ceil(bytes / 1024) + " KB";
  }

  function describe(input, list) {
    list.replaceChildren();
    for (const file of input.files) {
      const item = document.createElement("li");
      item.className = "d-flex align-items-center gap-2 mb-1";
      if (file.type.startsWith("image/")) {
        const thumb = document.createElement("img");
        thumb.src = URL.createObjectURL(file);
        thumb.alt = "";
        thumb.width = 48;
        thumb.height = 48;
        thumb.className = "upload-thumb border";
        item.append(thumb);
      }
      const text = document.createElement("span");
      text.textContent = file.name + " (" + size(file.size) + ")";
      item.append(text);
      list.append(item);
    }
  }

  function enhance(form) {
    const input = form.querySelector("input[type=file]");
    if (!input || !window.FormData) return;
    const list = document.createElement("ul");
    list.className = "list-unstyled mt-2 upload-list";
    list.setAttribute("aria-live", "polite");
    input.after(list);
    input.addEventListener("change", () => describe(input, list));

    const status = document.createElement("div");
    status.className = "mt-2";
    status.setAttribute("role", "status");
    form.append(status);

    form.addEventListener("submit", (event) => {
      if (!input.files.length) return; // nothing to show progress for: post normally
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.innerHTML =
        '<div class="progress" role="progressbar" aria-label="Unggahan" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0">' +
        '<div class="progress-bar" style="width: 0%">0%</div></div>';
      const bar = status.querySelector(".progress-bar");
      const request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.upload.addEventListener("progress", (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.round((100 * e.loaded) / e.total);
        bar.style.width = percent + "%";
        bar.textContent = percent + "%";
        status.firstChild.setAttribute("aria-valuenow", String(percent));
      });
      request.addEventListener("load", () => {
        const landed = new URL(request.responseURL || window.location.href);
        if (landed.pathname !== new URL(form.action || window.location.href).pathname) {
          window.location.assign(landed.href); // saved: the server redirected to the new SK
        } else {
          // Refused: show the server's answer (every typed value is kept there, files must be chosen again).
          document.open();
          document.write(request.responseText);
          document.close();
        }
      });
      request.addEventListener("error", () => {
        button.disabled = false;
        status.innerHTML =
          '<div class="alert alert-danger" role="alert">Koneksi terputus; berkas belum terkirim. Isian Anda masih ada — coba lagi.</div>';
      });
      request.send(new FormData(form));
    });
  }

  const start = () => document.querySelectorAll("form[data-upload]").forEach(enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
