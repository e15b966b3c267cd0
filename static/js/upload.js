// SK and attachment uploads on slow connections: check each chosen file against the server's limits
// before anything is sent (size, type, count: read from the input's data- attributes, which the server
// renders from its settings), reduce large phone photos in the browser, show each file (name, size,
// thumbnail) and an upload progress bar. Without JavaScript the form posts normally; the server
// checks every file anyway, whatever this script let through.
(function () {
  const NAME_TYPES = { ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png" };
  const REDUCIBLE = ["image/jpeg", "image/png"];

  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1).replace(".", ",") + " MB" : Math.ceil(bytes / 1024) + " KB";
  }

  // Fill "%(name)s" placeholders of a message rendered by the server.
  function fill(template, values) {
    return (template || "").replace(/%\((\w+)\)[sd]/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  function typeOf(file) {
    if (file.type) return file.type;
    const dot = file.name.lastIndexOf(".");
    return dot >= 0 ? NAME_TYPES[file.name.slice(dot).toLowerCase()] || "" : "";
  }

  function limits(input) {
    const data = input.dataset;
    return {
      maxBytes: Number(data.maxBytes) || Infinity,
      maxFiles: Number(data.maxFiles) || Infinity,
      types: data.types ? data.types.split(",") : null,
      reducePx: Number(data.reducePx) || 0,
      quality: Number(data.reduceQuality) || 0.85,
    };
  }

  // A JPEG or PNG photo whose long side exceeds `longSide` is redrawn at that size as a JPEG (EXIF
  // rotation applied, metadata dropped); anything else, or a photo the browser cannot decode, is kept.
  async function reduced(file, longSide, quality) {
    if (!longSide || !REDUCIBLE.includes(typeOf(file)) || !window.createImageBitmap) return file;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch (error) {
      return file; // not decodable here: the server gives the reason
    }
    const long = Math.max(bitmap.width, bitmap.height);
    if (long <= longSide) {
      bitmap.close();
      return file;
    }
    const scale = longSide / long;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff"; // a transparent PNG becomes white paper, not black
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
    if (!blob) return file;
    // The server refuses a name that promises another type than the content, so a PNG becomes .jpg.
    const name = file.name.replace(/\.(png|jpe?g)$/i, "") + ".jpg";
    return new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
  }

  function describe(files, list, notes) {
    list.replaceChildren();
    files.forEach((file, index) => {
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
      if (notes[index]) {
        const note = document.createElement("span");
        note.className = "small text-body-secondary";
        note.dataset.testid = "reduced";
        note.textContent = notes[index];
        item.append(note);
      }
      list.append(item);
    });
  }

  function enhance(form) {
    const input = form.querySelector("input[type=file]");
    if (!input || !window.FormData) return;
    const messages = input.dataset;
    const problems = document.createElement("div");
    problems.className = "invalid-feedback d-block";
    problems.setAttribute("role", "alert");
    problems.dataset.testid = "upload-problems";
    const list = document.createElement("ul");
    list.className = "list-unstyled mt-2 upload-list";
    list.setAttribute("aria-live", "polite");
    // "Checking the photos…" is a status, not one of the chosen files: it stays out of the list.
    const checking = document.createElement("p");
    checking.className = "small text-body-secondary mb-0";
    checking.setAttribute("role", "status");
    checking.dataset.testid = "upload-checking";
    input.after(problems, list, checking);

    function refuse(lines) {
      // Only the file choice is undone; everything else typed in the form stays as it is.
      input.value = "";
      input.classList.add("is-invalid");
      list.replaceChildren();
      checking.textContent = "";
      problems.replaceChildren(
        ...lines.map((line) => {
          const p = document.createElement("p");
          p.className = "mb-1";
          p.textContent = line;
          return p;
        }),
      );
    }

    function tooLarge(files, rules) {
      const over = files.filter((file) => file.size > rules.maxBytes);
      if (over.length) {
        refuse(
          over.map((file) =>
            fill(messages.msgFile, { name: file.name, reason: fill(messages.msgTooLarge, { size: size(file.size) }) }),
          ),
        );
      }
      return over.length > 0;
    }

    // Everything that can be decided without decoding a photo is decided at once, before any await.
    async function prepare() {
      const files = Array.from(input.files);
      const rules = limits(input);
      input.classList.remove("is-invalid");
      problems.replaceChildren();
      if (files.length > rules.maxFiles) {
        refuse([fill(messages.msgTooMany, { count: files.length })]);
        return;
      }
      const wrongType = files.filter((file) => rules.types && !rules.types.includes(typeOf(file)));
      if (wrongType.length) {
        refuse(wrongType.map((file) => fill(messages.msgFile, { name: file.name, reason: messages.msgType })));
        return;
      }
      // A photo too large may still fit once reduced; anything else too large is refused now.
      if (tooLarge(files.filter((file) => !(rules.reducePx && REDUCIBLE.includes(typeOf(file)))), rules)) return;
      describe(files, list, []);
      if (!rules.reducePx || !files.some((file) => REDUCIBLE.includes(typeOf(file)))) return;
      checking.textContent = messages.msgBusy || "";
      const ready = [];
      const notes = [];
      for (const file of files) {
        const smaller = await reduced(file, rules.reducePx, rules.quality);
        ready.push(smaller);
        notes.push(smaller === file ? "" : fill(messages.msgReduced, { before: size(file.size), after: size(smaller.size) }));
      }
      checking.textContent = "";
      if (tooLarge(ready, rules)) return;
      if (ready.some((file, index) => file !== files[index])) {
        const transfer = new DataTransfer(); // the reduced photos are what the form sends, by script or not
        ready.forEach((file) => transfer.items.add(file));
        input.files = transfer.files;
      }
      describe(ready, list, notes);
    }

    let preparing = Promise.resolve();
    input.addEventListener("change", () => {
      delete input.dataset.prepared;
      // data-prepared marks that the checks (and any reduction) are done: what the list shows is what is sent.
      preparing = prepare().finally(() => (input.dataset.prepared = "1"));
    });

    const status = document.createElement("div");
    status.className = "mt-2";
    status.setAttribute("role", "status");
    form.append(status);

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      await preparing.catch(() => {}); // photos still being reduced are sent once they are ready
      if (!input.files.length) {
        form.submit(); // nothing to show progress for: post normally
        return;
      }
      status.innerHTML =
        '<div class="progress" role="progressbar" aria-label="Unggahan" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0">' +
        '<div class="progress-bar" style="width: 0%">0%</div></div>';
      const bar = status.querySelector(".progress-bar");
      const request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      // The server then answers a save with {"redirect": url} instead of a redirect: following it
      // inside this request would use up the success message the next page shows.
      request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      request.upload.addEventListener("progress", (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.round((100 * e.loaded) / e.total);
        bar.style.width = percent + "%";
        bar.textContent = percent + "%";
        status.firstChild.setAttribute("aria-valuenow", String(percent));
      });
      request.addEventListener("load", () => {
        if ((request.getResponseHeader("Content-Type") || "").startsWith("application/json")) {
          const target = new URL(JSON.parse(request.responseText).redirect, window.location.href);
          if (target.origin === window.location.origin) {
            window.location.assign(target.href); // saved: the next page shows the success message
            return;
          }
        }
        // Refused: show the server's answer (every typed value is kept there, files must be chosen again).
        document.open();
        document.write(request.responseText);
        document.close();
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
