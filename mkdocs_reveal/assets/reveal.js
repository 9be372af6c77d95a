/* mkdocs-reveal: a live countdown on the stamps of parts that are not out yet.
 *
 * Progressive enhancement only. The page already says when each part is due; this script adds
 * the time left, in the page's language. No sealed content is on the page, so nothing here can
 * show it early.
 *
 * Only stamps of a build whose clock is the real time count down (they carry
 * `data-reveal-locale`). A build with a pinned clock shows one moment, and its stamps already
 * say how far that moment is from the reveal: the script leaves them alone, whatever the
 * reader's own clock says.
 *
 * Once the instant has passed, this page is older than the reveal. The script asks the site's
 * `reveal.json` when the published build was made: if that build is newer than the instant, the
 * part is out and a reload shows it; if not, the part is on its way, and the stamp counts down
 * to the latest moment the scheduled deploy publishes it (the instant plus `cron_interval`). */
(function () {
  "use strict";

  if (window.mkdocsReveal || typeof Intl === "undefined" || !Intl.RelativeTimeFormat) {
    return; // already running (scripts can be evaluated twice), or a browser without Intl
  }

  var PENDING = "time.reveal-stamp.is-sealed[data-reveal-locale]:not(.is-due)";
  var SECOND = 1000;
  var MINUTE = 60 * SECOND;
  var HOUR = 60 * MINUTE;
  var DAY = 24 * HOUR;
  var CHECK_EVERY = MINUTE; // how often to ask reveal.json while a part is on its way
  // This file is assets/mkdocs-reveal/reveal.js; the manifest is at the site's root.
  var script = document.currentScript;
  var manifest = script && script.src ? new URL("../../reveal.json", script.src).href : null;
  var formats = {};
  var timer = null;
  var published = null; // what reveal.json said: { built: ms, interval: ms }, NaN where unknown
  var asking = false;
  var askedAt = -Infinity;

  /** The relative-time format for a stamp's space-separated language tags, made once. */
  function formatFor(tags) {
    if (!formats[tags]) {
      var wanted = tags.split(/\s+/).filter(Boolean);
      try {
        formats[tags] = new Intl.RelativeTimeFormat(wanted, { numeric: "always" });
      } catch (error) {
        // A malformed tag: fall back to the browser's own language rather than to nothing.
        formats[tags] = new Intl.RelativeTimeFormat(undefined, { numeric: "always" });
      }
    }
    return formats[tags];
  }

  /** The time left as one [value, unit] pair, precise enough for a badge. */
  function timeLeft(ms) {
    if (ms >= 2 * DAY) return [Math.round(ms / DAY), "day"];
    if (ms >= HOUR) return [Math.round(ms / HOUR), "hour"];
    if (ms >= MINUTE) return [Math.ceil(ms / MINUTE), "minute"];
    return [Math.ceil(ms / SECOND), "second"];
  }

  /** Put a text in the stamp's countdown part (made on first use), or remove the part. */
  function showLeft(stamp, text) {
    var part = stamp.querySelector(".reveal-stamp-countdown");
    if (text === null) {
      if (part) part.parentNode.removeChild(part);
      return;
    }
    if (!part) {
      part = document.createElement("span");
      part.className = "reveal-stamp-countdown";
      stamp.appendChild(document.createTextNode(" "));
      stamp.appendChild(part);
    }
    if (part.textContent !== text) part.textContent = text;
  }

  /** Say the time until `at` in the stamp's language. */
  function inWords(stamp, ms) {
    var tags = stamp.getAttribute("data-reveal-locale") || document.documentElement.lang || "";
    var left = timeLeft(ms);
    return formatFor(tags).format(left[0], left[1]);
  }

  /** Set the stamp's state label from one of its data attributes. */
  function label(stamp, attribute) {
    var element = stamp.querySelector(".reveal-stamp-label");
    var words = stamp.getAttribute(attribute);
    if (element && words && element.textContent !== words) element.textContent = words;
  }

  /** A newer build has the part: say it is out and offer to fetch the page again. */
  function markDue(stamp) {
    stamp.classList.remove("is-soon");
    stamp.classList.add("is-due");
    label(stamp, "data-reveal-due");
    showLeft(stamp, null);
    var preview = stamp.closest(".reveal-preview");
    if (preview) preview.classList.add("is-due");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reveal-stamp-reload";
    button.textContent = stamp.getAttribute("data-reveal-reload") || "Reload";
    button.addEventListener("click", function () {
      window.location.reload();
    });
    stamp.insertAdjacentElement("afterend", button);
  }

  /** The instant has passed but the site is not rebuilt yet: the part is on its way. */
  function markSoon(stamp, now, at) {
    stamp.classList.add("is-soon");
    label(stamp, "data-reveal-soon");
    var latest = published ? at + published.interval : NaN;
    showLeft(stamp, latest > now ? inWords(stamp, latest - now) : null);
  }

  /** Ask reveal.json when the published build was made (at most once a minute). */
  function ask(now) {
    if (!manifest || asking || now - askedAt < CHECK_EVERY) return;
    asking = true;
    askedAt = now;
    fetch(manifest, { cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .catch(function () {
        return {};
      })
      .then(function (data) {
        var minutes = Number(data && data.cron_interval);
        published = {
          built: Date.parse((data && data.generated) || ""),
          interval: minutes > 0 ? minutes * MINUTE : NaN,
        };
        asking = false;
        tick();
      });
  }

  /** Bring one stamp up to date; true while it still needs the timer. */
  function update(stamp, now) {
    var at = Date.parse(stamp.getAttribute("datetime"));
    if (isNaN(at)) return false;
    if (now < at) {
      showLeft(stamp, inWords(stamp, at - now));
      return true;
    }
    if (published && published.built >= at) {
      markDue(stamp);
      return false;
    }
    markSoon(stamp, now, at);
    ask(now);
    return true;
  }

  /** Update every pending stamp on the page; tick each second only while one is pending. */
  function tick() {
    var stamps = document.querySelectorAll(PENDING);
    var now = Date.now();
    var pending = false;
    for (var i = 0; i < stamps.length; i++) {
      if (update(stamps[i], now)) pending = true;
    }
    if (pending && timer === null) {
      timer = window.setInterval(tick, SECOND);
    } else if (!pending && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  }

  window.mkdocsReveal = { tick: tick };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material's instant navigation swaps pages without loading scripts again.
    window.document$.subscribe(tick);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tick);
  } else {
    tick();
  }
})();
