// The site's own scripts already use the global name `L`: here a small library of the site's,
// as another Leaflet version with its plugins would. Tryggve neither reads nor replaces it; the
// site's code keeps working beside the widget. (A file of its own rather than inline, so that
// the copy the edge serves under /examples/ runs under a CSP that forbids inline script.)
window.L = {
  version: "0.7.7-exempelby",
  Map: function () { throw new Error("not the Leaflet Tryggve uses"); },
  marker: function () { throw new Error("not the Leaflet Tryggve uses"); },
  greet: function (name) { return "Hej " + name; },
};
window.siteL = window.L;
window.addEventListener("load", function () {
  document.getElementById("site-check").textContent = window.L.greet("från sidans egen L");
});
