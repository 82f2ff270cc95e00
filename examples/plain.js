// The host page may listen to the widget's events, e.g. for its own statistics. (A file of its
// own rather than inline, so that the copy the edge serves under /examples/ runs under a CSP
// that forbids inline script.)
document.querySelector("tryggve-report").addEventListener("tryggve:report-submitted", (event) => {
  document.getElementById("host-log").textContent = "Tack! Ärende " + event.detail.case_number;
});
