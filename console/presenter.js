// The presenter view for the big screen in a dialogue's room: the resident widget's
// `<tryggve-dialog view="presenter">` for the dialogue named in the address. It shows only what
// every participant sees (published questions), so it needs no login and can run on the room's
// own computer. Runs before the widget's loader (both deferred, in order).
(() => {
  "use strict";
  const params = new URLSearchParams(location.search);
  const element = document.createElement("tryggve-dialog");
  element.setAttribute("tenant", params.get("tenant") || "");
  element.setAttribute("dialogue", params.get("dialogue") || "");
  element.setAttribute("view", "presenter");
  if (params.get("lang")) element.setAttribute("lang", params.get("lang"));
  document.getElementById("presenter").append(element);
})();
