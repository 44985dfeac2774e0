// The todo web app: plain DOM code over the public API, no build step, no third-party code.
// Every URL is relative to this page (<base>/app/), so it works wherever the API is mounted.
"use strict";

(() => {
  const PAGE_SIZE = 10;
  const TASKS = "../tasks";
  const TOKEN_KEY = "todo.token";

  const $ = (id) => document.getElementById(id);
  const addForm = $("add-form");
  const newTask = $("new-task");
  const tokenForm = $("token-form");
  const tokenInput = $("token");
  const status = $("status");
  const filter = $("filter");
  const list = $("tasks");
  const empty = $("empty");
  const prev = $("prev");
  const next = $("next");
  const page = $("page");
  const left = $("left");
  const completeAll = $("complete-all");
  const clearCompleted = $("clear-completed");

  // Keyset paging: `after` of this page, the `after`s of the pages before it, and of the next one.
  const state = { after: 0, previous: [], next: null };

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  /** Sends a request; a failure throws an Error with the problem's detail and the `status`. */
  async function call(method, url, body, extraHeaders) {
    const headers = Object.assign({}, extraHeaders);
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    if (response.status === 401) {
      tokenForm.hidden = false;
      throw new Error("this server needs an access token" + (token ? ", and that one is not it" : ""));
    }
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail || detail;
      } catch (notJson) {
        // keep the status line
      }
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return response;
  }

  /** The `after` of the next page, from `Link: <...?limit=10&after=42>; rel="next"`. */
  function nextAfter(link) {
    const match = link && link.match(/<([^>]*)>\s*;\s*rel="?next"?/);
    return match ? new URL(match[1], location.href).searchParams.get("after") : null;
  }

  function pageUrl() {
    return TASKS + "?limit=" + PAGE_SIZE + "&after=" + state.after + (filter.value ? "&done=" + filter.value : "");
  }

  /** Shows the current page; `focusId` names the element to focus afterwards, if it still exists. */
  async function load(focusId) {
    list.setAttribute("aria-busy", "true");
    try {
      const response = await call("GET", pageUrl());
      const tasks = await response.json();
      if (tasks.length === 0 && state.previous.length > 0) {
        state.after = state.previous.pop(); // this page emptied: show the one before
        return load(focusId);
      }
      state.next = nextAfter(response.headers.get("Link"));
      render(tasks);
      await count();
    } catch (error) {
      say("Could not load the tasks: " + error.message, true);
    } finally {
      list.removeAttribute("aria-busy");
    }
    const target = focusId && $(focusId);
    if (target && !target.disabled) {
      target.focus();
    } else if (!document.activeElement || document.activeElement === document.body || document.activeElement.disabled) {
      $("list-heading").focus(); // what had focus is gone or disabled now: keep the reader's place
    }
  }

  /** The footer: "N items left", and the set operations enabled where they would change something. */
  async function count() {
    const counts = await (await call("GET", TASKS + "/count")).json();
    left.textContent = counts.open + (counts.open === 1 ? " item left" : " items left");
    completeAll.disabled = counts.open === 0;
    clearCompleted.disabled = counts.done === 0;
  }

  async function markAllComplete() {
    try {
      const result = await (await call("PATCH", TASKS + "?done=false", { done: true })).json();
      await load("complete-all");
      say("Marked " + result.changed + (result.changed === 1 ? " task" : " tasks") + " as complete.");
    } catch (error) {
      say("Could not mark the tasks as complete: " + error.message, true);
    }
  }

  async function clearDone() {
    try {
      const result = await (await call("DELETE", TASKS + "?done=true")).json();
      await load("new-task");
      say("Cleared " + result.deleted + (result.deleted === 1 ? " completed task." : " completed tasks."));
    } catch (error) {
      say("Could not clear the completed tasks: " + error.message, true);
    }
  }

  function render(tasks) {
    list.replaceChildren(...tasks.map(item));
    empty.hidden = tasks.length > 0;
    prev.disabled = state.previous.length === 0;
    next.disabled = state.next === null;
    page.textContent = "Page " + (state.previous.length + 1);
  }

  function button(text, className, type) {
    const element = document.createElement("button");
    element.type = type || "button";
    element.className = className || "";
    element.textContent = text;
    return element;
  }

  function item(task) {
    const li = document.createElement("li");
    li.className = "task" + (task.done ? " done" : "");
    li.dataset.id = task.id;
    const view = document.createElement("div");
    view.className = "view";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = "done-" + task.id;
    box.checked = task.done;
    const label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = task.name; // text, never HTML: a name is whatever the user typed
    const rename = button("Rename", "secondary rename");
    rename.id = "rename-" + task.id;
    const remove = button("Delete", "danger delete");
    remove.id = "delete-" + task.id;
    view.append(box, label, rename, remove);
    li.append(view);
    name(li, task.name);
    return li;
  }

  /** Sets the name shown, and the buttons' accessible names that include it. */
  function name(li, text) {
    li.querySelector(".view label").textContent = text;
    li.querySelector(".rename").setAttribute("aria-label", "Rename " + text);
    li.querySelector(".delete").setAttribute("aria-label", "Delete " + text);
  }

  async function add(event) {
    event.preventDefault();
    const text = newTask.value;
    if (text.trim() === "") {
      newTask.setAttribute("aria-invalid", "true");
      say("Type a name for the new task first.", true);
      newTask.focus();
      return;
    }
    newTask.removeAttribute("aria-invalid");
    try {
      const task = await (await call("POST", TASKS, { name: text, done: false })).json();
      newTask.value = "";
      await load();
      say("Added \u201c" + task.name + "\u201d" + ($("done-" + task.id) ? "." : ", on a later page."));
    } catch (error) {
      say("Could not add the task: " + error.message, true);
    }
    newTask.focus();
  }

  async function toggle(box) {
    const li = box.closest("li");
    try {
      const task = await (await call("PATCH", TASKS + "/" + li.dataset.id, { done: box.checked })).json();
      box.checked = task.done;
      li.classList.toggle("done", task.done);
      say((task.done ? "Done: \u201c" : "Not done: \u201c") + task.name + "\u201d.");
      count().catch(() => {}); // the footer catches up at the next load
    } catch (error) {
      box.checked = !box.checked;
      say("Could not change the task: " + error.message, true);
    }
  }

  /**
   * Renames with `If-Match`: the version read when editing began. Changed in another tab
   * meanwhile, the save is refused (412): the task is shown as it is now and the edit is kept, to
   * save again over it, or cancel.
   */
  async function startRename(li) {
    const id = li.dataset.id;
    const view = li.querySelector(".view");
    let current = view.querySelector("label").textContent;
    let etag = null;
    try {
      const response = await call("GET", TASKS + "/" + id);
      etag = response.headers.get("ETag");
      const task = await response.json();
      current = task.name;
      name(li, task.name);
    } catch (error) {
      say("Could not read the task: " + error.message, true);
      return;
    }
    const form = document.createElement("form");
    const label = document.createElement("label");
    label.htmlFor = "name-" + id;
    label.className = "visually-hidden";
    label.textContent = "New name for " + current;
    const input = document.createElement("input");
    input.id = "name-" + id;
    input.value = current;
    input.autocomplete = "off";
    const cancel = button("Cancel", "secondary");
    form.append(label, input, button("Save", "save", "submit"), cancel);
    view.hidden = true;
    li.append(form);
    input.focus();
    input.select();

    const finish = () => {
      form.remove();
      view.hidden = false;
      $("rename-" + id).focus();
    };
    cancel.addEventListener("click", finish);
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        finish();
        say("Rename cancelled.");
      }
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const task = await (await call("PATCH", TASKS + "/" + id, { name: input.value }, etag ? { "If-Match": etag } : {})).json();
        name(li, task.name);
        finish();
        say("Renamed to \u201c" + task.name + "\u201d.");
      } catch (error) {
        if (error.status === 412) {
          await changedElsewhere(li, input, (latest) => { etag = latest; });
          return;
        }
        input.setAttribute("aria-invalid", "true");
        say("Could not rename the task: " + error.message, true);
        input.focus();
      }
    });
  }

  /** The task changed in another tab: show it as it is now, keep the edit in `input`. */
  async function changedElsewhere(li, input, useEtag) {
    try {
      const response = await call("GET", TASKS + "/" + li.dataset.id);
      useEtag(response.headers.get("ETag"));
      const task = await response.json();
      name(li, task.name);
      const box = li.querySelector("input[type=checkbox]");
      box.checked = task.done;
      li.classList.toggle("done", task.done);
      say("This task was changed in another tab: it is now \u201c" + task.name
        + "\u201d. Your edit is kept: save again to replace it, or cancel.", true);
      input.focus();
    } catch (error) {
      if (error.status === 404) {
        say("This task was deleted in another tab.", true);
        await load("new-task");
      } else {
        say("Could not read the task again: " + error.message, true);
      }
    }
  }

  async function remove(li) {
    const text = li.querySelector(".view label").textContent;
    const neighbour = li.nextElementSibling || li.previousElementSibling;
    try {
      await call("DELETE", TASKS + "/" + li.dataset.id);
      await load(neighbour ? "done-" + neighbour.dataset.id : "new-task");
      say("Deleted \u201c" + text + "\u201d.");
    } catch (error) {
      say("Could not delete the task: " + error.message, true);
    }
  }

  addForm.addEventListener("submit", add);
  list.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox]")) {
      toggle(event.target);
    }
  });
  list.addEventListener("click", (event) => {
    const li = event.target.closest("li");
    if (event.target.matches(".rename")) {
      startRename(li);
    } else if (event.target.matches(".delete")) {
      remove(li);
    }
  });
  completeAll.addEventListener("click", markAllComplete);
  clearCompleted.addEventListener("click", clearDone);
  filter.addEventListener("change", () => {
    state.after = 0;
    state.previous = [];
    load();
  });
  prev.addEventListener("click", () => {
    state.after = state.previous.pop();
    load("prev");
  });
  next.addEventListener("click", () => {
    state.previous.push(state.after);
    state.after = state.next;
    load("next");
  });
  tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
    tokenInput.value = "";
    tokenForm.hidden = true;
    say("");
    load();
  });

  load();
})();
