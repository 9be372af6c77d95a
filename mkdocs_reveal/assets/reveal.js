/* mkdocs-reveal: progressive enhancement for reveal stamps (no sealed content exists here). */
(function () {
  "use strict";
})();
