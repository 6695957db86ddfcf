// The start-up status shared by the checker and roster pages: how much of the runtime has
// arrived (a bar and a line beside the page's button, read out in steps by a live region),
// the watchdog, and the failure box with its 「もう一度試す」 button.
//
// Failure is declared only when the worker says so (an error was thrown) or when nothing
// at all has arrived for data-give-up-after seconds: a slow connection that still brings
// bytes is never a failure.

const MB = 1024 * 1024;

export function startupStatus(app, engine, { onReady, control }) {
  const byId = (id) => document.getElementById(id);
  const status = byId("checker-status");
  const bar = byId("checker-progress");
  const amount = byId("checker-progress-text");
  const progressLine = bar.parentElement;
  const failed = byId("checker-failed");
  const total = Number(app.dataset.runtimeBytes) || 0;
  let said = "", wasReady = false, waiting = false;

  const say = (name, values) => {
    const text = engine.fill(status.dataset[name], values || {});
    if (text !== said) { said = text; status.textContent = text; }
  };

  function render(state) {
    failed.hidden = !state.failed;
    status.hidden = Boolean(state.failed);
    if (control) control.disabled = Boolean(state.failed);
    if (state.failed) { progressLine.hidden = true; return; }
    if (state.ready) {
      progressLine.hidden = true;
      if (!wasReady) { wasReady = true; say("ready"); onReady(); }
      return;
    }
    const received = Math.min(state.received || 0, total);
    const percent = total ? Math.floor((received / total) * 100) : 0;
    progressLine.hidden = false;
    bar.value = percent;
    amount.textContent = engine.fill(amount.dataset.text, { received: (received / MB).toFixed(1), total: (total / MB).toFixed(1) });
    // The live region speaks in steps of a tenth; the bar and the figures move with every chunk.
    const name = received >= total && total ? "starting" : waiting ? "waiting" : "loading";
    say(name, { percent: Math.floor(percent / 10) * 10 });
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
    // A request waits for the runtime: say so beside the button, with the progress.
    waiting(on) { waiting = on; render(engine.state); },
  };
}
