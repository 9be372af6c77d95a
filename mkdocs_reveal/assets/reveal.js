/* mkdocs-reveal: a live countdown on the stamps of parts that are not out yet.
 *
 * Progressive enhancement only. The page already says when each part is due; this script adds
 * the time left, in the page's language, and once the moment has passed it says the part is out
 * and offers a reload. No sealed content is on the page, so nothing here can show it early:
 * a reload fetches whatever the latest build published. */
(function () {
  "use strict";

  if (window.mkdocsReveal || typeof Intl === "undefined" || !Intl.RelativeTimeFormat) {
    return; // already running (scripts can be evaluated twice), or a browser without Intl
  }

  var PENDING = "time.reveal-stamp.is-sealed[datetime]:not(.is-due)";
  var SECOND = 1000;
  var MINUTE = 60 * SECOND;
  var HOUR = 60 * MINUTE;
  var DAY = 24 * HOUR;
  var formats = {};
  var timer = null;

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

  /** Put a text in the stamp's countdown part, made on first use. */
  function showLeft(stamp, text) {
    var part = stamp.querySelector(".reveal-stamp-countdown");
    if (!part) {
      part = document.createElement("span");
      part.className = "reveal-stamp-countdown";
      stamp.appendChild(document.createTextNode(" "));
      stamp.appendChild(part);
    }
    if (part.textContent !== text) part.textContent = text;
  }

  /** The moment has passed: say the part is out and offer to fetch the page again. */
  function markDue(stamp) {
    stamp.classList.add("is-due");
    var label = stamp.querySelector(".reveal-stamp-label");
    var due = stamp.getAttribute("data-reveal-due");
    if (label && due) label.textContent = due;
    var left = stamp.querySelector(".reveal-stamp-countdown");
    if (left) left.parentNode.removeChild(left);
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

  /** Bring one stamp up to date; true while it is still counting down. */
  function update(stamp, now) {
    var at = Date.parse(stamp.getAttribute("datetime"));
    if (isNaN(at)) return false;
    if (now >= at) {
      markDue(stamp);
      return false;
    }
    var tags = stamp.getAttribute("data-reveal-locale") || document.documentElement.lang || "";
    var left = timeLeft(at - now);
    showLeft(stamp, formatFor(tags).format(left[0], left[1]));
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
