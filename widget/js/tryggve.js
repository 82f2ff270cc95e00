// Tryggve embed loader. Include with:
//   <script src="https://EDGE/widget/tryggve.js" defer></script>
//   <tryggve-report tenant="demo"></tryggve-report>
//   <tryggve-dialog tenant="demo" dialogue="1"></tryggve-dialog>   (without `dialogue`: a list)
//   <tryggve-walk tenant="demo"></tryggve-walk>                      (safety walks and their logger)
//   <tryggve-survey tenant="demo"></tryggve-survey>                  (the safety survey; view="results": its results)
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
  // What starts a follow-up link's fragment (`#tryggve-followup=…`, from core, written in by the
  // build).
  const FOLLOW_UP_KEY = "__TRYGGVE_FOLLOW_UP_KEY__";
  // What a resident reads if the widget cannot start at all, in each language (`start-failed`
  // in core/locales/, written in by the build).
  const START_FAILED = __TRYGGVE_START_FAILED__;
  // The report form's frame in each language (core/locales/, written in by the build): the
  // heading, the introduction, the map's help, "loading the map", the zoom buttons' names, the
  // language label and the language's own name.
  const FRAME_WORDS = __TRYGGVE_FRAME_WORDS__;
  // Our stylesheet (widget/assets/tryggve.css, minified, written in by the build): carried here
  // rather than fetched, so that the report form's frame is drawn as soon as this script runs.
  // One constructed stylesheet, shared by every element's shadow root; a page's
  // Content-Security-Policy needs no `style-src` exception for it.
  const STYLESHEET = __TRYGGVE_STYLESHEET__;
  let sheet = null;
  function ourStyles() {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLESHEET);
    }
    return sheet;
  }

  // On a slow connection every round trip costs half a second or more. So everything a widget
  // needs is asked for at once, when the first element appears, instead of each piece once the
  // one before it has arrived: the WebAssembly with its JavaScript glue, Leaflet and its
  // stylesheet (the shadow root's link then finds it in the cache) and the configuration.
  // Each element has a WebAssembly module of its own (`tryggve_report`, `tryggve_dialog`,
  // `tryggve_walk`, `tryggve_survey`); the report form's follow-up view is one more
  // (`tryggve_follow`), loaded by the form when a resident opens it.
  const modules = new Map();
  function loadModule(name) {
    if (!modules.has(name)) {
      const wasm = fetch(assets + name + "_bg.wasm");
      modules.set(name, import(assets + name + ".js").then(async (module) => {
        await module.default({ module_or_path: wasm });
        return module;
      }).catch((error) => {
        // Not kept: the next time it is needed (the connection back, say), it is asked for again.
        modules.delete(name);
        throw error;
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

  // A map's glue imports its Leaflet itself (the report form's `leaflet-esm.js`, the walk
  // logger's `leaflet-walk.js`, which adds lines); asked for here at the same time as the glue
  // (the same URL, so the browser loads and runs it once) instead of after it.
  const leaflets = new Map();
  function loadLeaflet(file) {
    if (!leaflets.has(file)) leaflets.set(file, import(assets + file));
    return leaflets.get(file);
  }

  // The element's shadow root, with our stylesheet and, for an element with a map, Leaflet's
  // (a link: the page's cache has it, asked for with the rest). The widget draws itself in it,
  // and waits for Leaflet's stylesheet (`tryggveStyled`) so that no map is laid out without it.
  function prepareRoot(element, leaflet) {
    const root = element.shadowRoot || element.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [ourStyles()];
    root.replaceChildren();
    let styled = Promise.resolve();
    if (leaflet) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = assets + "leaflet.css";
      root.append(link);
      styled = new Promise((resolve) => { link.onload = link.onerror = resolve; });
    }
    element.tryggveStyled = styled;
    return root;
  }

  // The report form's frame, drawn as soon as this script runs (our stylesheet comes with it),
  // a round trip before the configuration and long before the WebAssembly: the heading, the
  // introduction and the map's place at their final size, and below them room for the form's
  // fields (at least what every form has). The widget then draws itself out of sight, inside
  // the same shadow root, and takes the frame's place in one step (`embed::Frame`), so that
  // nothing already on the screen moves. The heading's row keeps the language choice's place
  // whether or not the municipality offers one (tryggve.css, `.report-head`): once the
  // configuration says it does, the choice is shown there, inert until the widget's; nothing
  // moves. Once Leaflet is here too, the frame shows the municipality's map itself (`drawMap`).
  function drawFrame(element, root, language, config, leaflet) {
    const words = FRAME_WORDS[language] || FRAME_WORDS.sv;
    const el = (tag, className, text) => {
      const node = document.createElement(tag);
      if (className) node.className = className;
      if (text) node.textContent = text;
      return node;
    };
    const frame = el("div", "tryggve frame");
    const section = el("section", "report");
    section.lang = language;
    section.dir = language === "ar" ? "rtl" : "ltr";
    section.setAttribute("aria-busy", "true");
    const head = el("div", "report-head");
    head.append(el("h2", "", words.title));
    const status = el("p", "", words.loading);
    status.setAttribute("role", "status");
    const map = el("div", "map map-waiting");
    map.append(status);
    const mapFrame = el("div", "map-frame");
    mapFrame.append(map);
    // The place search's stand-in: its label and an inert field of the same size.
    const search = el("div", "place-search waiting");
    search.setAttribute("aria-hidden", "true");
    const searchField = el("div", "combo");
    const searchInput = el("input");
    searchInput.disabled = true;
    searchField.append(searchInput);
    search.append(el("label", "", words.search), searchField);
    const pinMap = el("div", "pin-map");
    pinMap.append(el("p", "hint", words.mapHelp), search, mapFrame);
    section.append(head, el("p", "intro", words.intro), pinMap, el("div", "form-waiting"));
    frame.append(section);
    root.append(frame);

    const configured = config.then((r) => r.clone().json());
    configured.then((c) => {
      const shown = (c.languages || []).filter((tag) => FRAME_WORDS[tag]);
      if (element.tryggveTakenOver || shown.length < 2) return;
      // The same as the choice that comes, in its place; not a control until then.
      const choice = el("div", "language");
      choice.setAttribute("aria-hidden", "true");
      const select = el("select");
      select.disabled = true;
      select.append(el("option", "", words.name));
      choice.append(el("label", "", words.language), select);
      head.prepend(choice);
    }, () => {});
    drawMap(element, map, language, words, Promise.all([loadLeaflet(leaflet), configured]));
  }

  // The report form's map, drawn in the frame's place for it as soon as Leaflet and the
  // configuration are here, long before the WebAssembly (most of the bytes): the resident sees
  // the municipality's map, and its tiles load meanwhile. With `baseMap` (leaflet-module.js), as
  // the widget draws its maps; the widget then takes this very map over (`LoaderMap` in
  // map_base.rs) instead of drawing another. Until then a click places nothing (the map is not
  // yet the form's), and the frame stays busy. Not drawn once the form has asked for it (it
  // then drew its own: `tryggveMap` is null).
  function drawMap(element, place, language, words, ready) {
    ready.then(([L, config]) => {
      if (element.tryggveTakenOver || element.tryggveMap === null || !config.map) return;
      const canvas = document.createElement("div");
      canvas.className = "map-canvas";
      canvas.dir = "ltr"; // as the widget has it: a map reads the same in every language
      place.append(canvas);
      const { tile_url, attribution, center, zoom, bounds: b } = config.map;
      const map = L.baseMap(canvas, tile_url, attribution, [center.lat, center.lng, zoom],
        [b.south, b.west, b.north, b.east], words.zoomIn, words.zoomOut);
      element.tryggveMap = { map, language };
    }).catch(() => {
      // The widget draws its own map, or says why it cannot.
    });
  }

  // Said inside the element's frame, where the widget would have been, rather than only in the
  // browser's console where no resident looks.
  function showStartFailure(element, language) {
    element.tryggveTakenOver = true;
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
  // function there that draws it; `leaflet` the Leaflet its glue imports, if any; `frame`
  // whether the loader draws the report form's frame while it loads.
  function defineElement(name, module, mount, { leaflet, frame }) {
    if (customElements.get(name)) return;
    customElements.define(name, class extends HTMLElement {
      connectedCallback() {
        if (this.tryggveMounted) return;
        this.tryggveMounted = true;
        this.tryggveTakenOver = false;
        const language = widgetLanguage(this);
        if (language !== "sv") warm("locales/" + language + ".ftl");
        const tenant = this.getAttribute("tenant");
        const root = prepareRoot(this, leaflet);
        if (frame) {
          // Taken (once) by the report widget instead of asking again.
          const config = tenant ? fetch(edge + CONFIG_PATH.replace("{tenant}", encodeURIComponent(tenant))) : Promise.reject();
          if (tenant) this.tryggveConfig = config;
          drawFrame(this, root, language, config, leaflet);
          // A follow-up link opens the follow-up first: its module comes at the same time as
          // the form's instead of after it.
          // (If it fails, the form asks again, and says so if that fails too.)
          if (location.hash.startsWith("#" + FOLLOW_UP_KEY)) loadModule("tryggve_follow").catch(() => {});
        }
        Promise.all([loadModule(module), leaflet ? loadLeaflet(leaflet) : null])
          // `loadLeaflet` and `loadModule` too: the report form loads Leaflet's lines and areas
          // when a layer has them, and the follow-up's module when a resident opens theirs.
          .then(([module]) => module[mount](this, edge, assets, loadLeaflet, loadModule))
          .catch((error) => {
            this.tryggveMounted = false;
            console.error("Tryggve could not start:", error);
            showStartFailure(this, language);
          });
      }
    });
  }

  defineElement("tryggve-report", "tryggve_report", "mount_report", { leaflet: "leaflet-esm.js", frame: true });
  defineElement("tryggve-dialog", "tryggve_dialog", "mount_dialog", { leaflet: null, frame: false });
  defineElement("tryggve-walk", "tryggve_walk", "mount_walk", { leaflet: "leaflet-walk.js", frame: false });
  defineElement("tryggve-survey", "tryggve_survey", "mount_survey", { leaflet: null, frame: false });
})();
