// Tryggve embed loader. Include with:
//   <script src="https://EDGE/widget/tryggve.js" defer></script>
//   <tryggve-report tenant="demo"></tryggve-report>
//   <tryggve-dialog tenant="demo" dialogue="1"></tryggve-dialog>   (without `dialogue`: a list)
// It defines the custom elements and loads the WebAssembly widget once, from the same place
// this script came from. It adds nothing to the host page but the elements' shadow roots: the
// report form's Leaflet is a module of its own, so a page's global `L` is neither read nor
// written (a page may have another Leaflet, with its plugins, or any other `L`).
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const assets = new URL(".", script.src).href;
  const edge = new URL(script.src).origin;
  // The configuration's path, written in by the build from the API's table in core.
  const CONFIG_PATH = "__TRYGGVE_CONFIG_PATH__";
  // What a resident reads if the widget cannot start at all, in each language (`start-failed`
  // in core/locales/, written in by the build).
  const START_FAILED = __TRYGGVE_START_FAILED__;

  // On a slow connection every round trip costs half a second or more. So everything a widget
  // needs is asked for at once, when the first element appears, instead of each piece once the
  // one before it has arrived: the WebAssembly with its JavaScript glue, Leaflet, the
  // stylesheets (the shadow root's links then find them in the cache) and the configuration.
  // Each element has a WebAssembly module of its own (`tryggve_report`, `tryggve_dialog`).
  const modules = new Map();
  function loadModule(name) {
    if (!modules.has(name)) {
      const wasm = fetch(assets + name + "_bg.wasm");
      modules.set(name, import(assets + name + ".js").then(async (module) => {
        await module.default({ module_or_path: wasm });
        return module;
      }));
    }
    return modules.get(name);
  }

  const warmed = new Set();
  function warm(file) {
    if (warmed.has(file)) return;
    warmed.add(file);
    fetch(assets + file).then((r) => r.arrayBuffer()).catch(() => {});
  }

  // The language the widget will speak, chosen as `locale_for` in the widget does: the element's
  // `lang`, else the page's, else the browser's, the first we speak (else Swedish). Only Swedish
  // is compiled into the widget; another language's words are a file of their own.
  const SPOKEN = ["sv", "en", "fi", "ar"];
  function widgetLanguage(element) {
    const tags = [element.getAttribute("lang"), document.documentElement.getAttribute("lang"), navigator.language];
    const primary = tags.map((tag) => (tag || "").split(/[-_]/)[0].trim().toLowerCase());
    return primary.find((tag) => SPOKEN.includes(tag)) || "sv";
  }

  // The report form's glue imports Leaflet itself; asked for here at the same time as the glue
  // (the same URL, so the browser loads and runs it once) instead of after it.
  let leaflet;
  function loadLeaflet() {
    if (!leaflet) leaflet = import(assets + "leaflet-esm.js");
    return leaflet;
  }

  // Said inside the element's frame, where the widget would have been, rather than only in the
  // browser's console where no resident looks.
  function showStartFailure(element, language) {
    const root = element.shadowRoot || element.attachShadow({ mode: "open" });
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.lang = language;
    message.dir = language === "ar" ? "rtl" : "ltr";
    message.textContent = START_FAILED[language] || START_FAILED.sv;
    // Through the CSSOM, which a page's Content-Security-Policy allows (a style attribute it may not).
    Object.assign(message.style, { margin: "0", padding: "1rem", border: "2px solid #a4262c", borderRadius: "4px", background: "#fff", color: "#1a1a1a", font: "1rem/1.5 system-ui, sans-serif" });
    root.replaceChildren(message);
  }

  // One element class per widget; `module` names its WebAssembly module and `mount` the
  // function there that draws it.
  function defineElement(name, module, mount, needsMap) {
    if (customElements.get(name)) return;
    customElements.define(name, class extends HTMLElement {
      connectedCallback() {
        if (this.tryggveMounted) return;
        this.tryggveMounted = true;
        warm("tryggve.css");
        const language = widgetLanguage(this);
        if (language !== "sv") warm("locales/" + language + ".ftl");
        const tenant = this.getAttribute("tenant");
        if (needsMap) {
          warm("leaflet.css");
          // Taken (once) by the report widget instead of asking again.
          if (tenant) this.tryggveConfig = fetch(edge + CONFIG_PATH.replace("{tenant}", encodeURIComponent(tenant)));
        }
        Promise.all([loadModule(module), needsMap ? loadLeaflet() : null])
          .then(([module]) => module[mount](this, edge, assets))
          .catch((error) => {
            this.tryggveMounted = false;
            console.error("Tryggve could not start:", error);
            showStartFailure(this, language);
          });
      }
    });
  }

  defineElement("tryggve-report", "tryggve_report", "mount_report", true);
  defineElement("tryggve-dialog", "tryggve_dialog", "mount_dialog", false);
})();
