// The start-up status shared by the checker and roster pages: how much of the runtime has
// arrived (a bar and a line beside the page's button, read out in steps by a live region),
// the watchdog, and the failure box with its 「もう一度試す」 button. On the checker page a
// request that waits for the runtime (a shared link, or 確認する pressed early) also says so
// in the banner at the top of the checker (checker-boot.js words it), which stays in view.
//
// Failure is declared only when the worker says so (an error was thrown) or when nothing
// at all has arrived for data-give-up-after seconds: a slow connection that still brings
// bytes is never a failure.

export function startupStatus(app, engine, { onReady, control }) {
  const byId = (id) => document.getElementById(id);
  const status = byId("checker-status");
  const bar = byId("checker-progress");
  const amount = byId("checker-progress-text");
  const progressLine = bar.parentElement;
  const failed = byId("checker-failed");
  let said = "", wasReady = false, waiting = false;

  const say = (name, values) => {
    const text = name ? engine.fill(status.dataset[name], values || {}) : "";
    if (text !== said) { said = text; status.textContent = text; }
  };

  function render(state) {
    failed.hidden = !state.failed;
    status.hidden = Boolean(state.failed);
    if (control) control.disabled = Boolean(state.failed);
    if (state.failed) {
      progressLine.hidden = true;
      // a request was waiting (perhaps from the top of the page): the failure is where it looks
      if (engine.waiting && !failed.contains(document.activeElement)) {
        failed.scrollIntoView({ block: "start" });
        failed.focus({ preventScroll: true });
      }
      return;
    }
    if (state.ready) {
      bar.value = 100;
      progressLine.hidden = true;
      if (!wasReady) { wasReady = true; say("ready"); onReady(); }
      return;
    }
    const now = engine.progress();
    progressLine.hidden = false;
    bar.value = now.done ? 100 : now.percent;
    amount.textContent = engine.fill(amount.dataset.text, now);
    // The live region speaks in steps of a tenth; the bar and the figures move with every chunk.
    const name = now.done ? "starting" : waiting ? "waiting" : "loading";
    say(name, { percent: Math.floor(now.percent / 10) * 10 });
  }

  engine.listen(render);
  setInterval(() => {
    const state = engine.state;
    const limit = Number(app.dataset.giveUpAfter) * 1000;
    if (!state.ready && !state.failed && Date.now() - state.lastActivity > limit) engine.fail();
  }, 1000);
  byId("checker-retry").addEventListener("click", () => {
    wasReady = false;
    engine.start();
    status.focus({ preventScroll: true });
  });

  return {
    say,
    // Nothing to say beside the button (a result or the errors are shown).
    clear: () => say(""),
    // A request waits for the runtime: say so beside the button and in the banner at the
    // top, with the progress. `link`: the request came with the page (a shared link).
    waiting(on, link = false) {
      waiting = on;
      engine.waiting = on ? (link || engine.waiting === "link" ? "link" : "waiting") : null;
      engine.waitingSay();
      render(engine.state);
    },
  };
}
