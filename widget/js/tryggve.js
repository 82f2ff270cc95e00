// Tryggve embed loader. Include with:
//   <script src="https://EDGE/widget/tryggve.js" defer></script>
//   <tryggve-report tenant="demo"></tryggve-report>
// It defines the custom elements and loads the WebAssembly widget once, from the same place
// this script came from. It adds nothing to the host page but the elements' shadow roots and,
// if the page has none, Leaflet's global `L`.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const assets = new URL(".", script.src).href;
  const edge = new URL(script.src).origin;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(tag);
    });
  }

  let widget;
  function loadWidget() {
    if (!widget) {
      widget = (async () => {
        if (!window.L) await loadScript(assets + "leaflet.js");
        const module = await import(assets + "tryggve_widget.js");
        await module.default({ module_or_path: assets + "tryggve_widget_bg.wasm" });
        return module;
      })();
    }
    return widget;
  }

  class TryggveReport extends HTMLElement {
    connectedCallback() {
      if (this.tryggveMounted) return;
      this.tryggveMounted = true;
      loadWidget()
        .then((module) => module.mount_report(this, edge, assets))
        .catch((error) => {
          this.tryggveMounted = false;
          console.error("Tryggve could not start:", error);
        });
    }
  }

  if (!customElements.get("tryggve-report")) customElements.define("tryggve-report", TryggveReport);
})();
