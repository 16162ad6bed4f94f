/*
 * quartier.js - Quartier's page: one terminal (xterm.js) on a WebSocket to
 * quartierd.  The page sends "i" and the keys, "r" and "COLS ROWS" for a
 * new size; the server sends the terminal's output.  Nothing is kept in
 * the browser: the font is fitted to the window at each load.
 */
"use strict";

(function () {
	/* node-xterm's modules, from /xterm/xterm.js, loaded as CommonJS. */
	var loaded = {};

	function resolve(from, name) {
		var parts = from.split("/").slice(0, -1);
		name.split("/").forEach(function (p) {
			if (p === "..")
				parts.pop();
			else if (p !== ".")
				parts.push(p);
		});
		return parts.join("/").replace(/\.js$/, "");
	}

	function load(name) {
		var module;

		if (loaded[name])
			return loaded[name].exports;
		if (!quartierModules[name])
			throw new Error("no module " + name);
		module = { exports: {} };
		loaded[name] = module;
		quartierModules[name](function (dep) {
			return load(resolve(name, dep));
		}, module, module.exports);
		return module.exports;
	}

	/* The first of French or English the browser names; neither: the
	 * server's default_language. */
	var lang = ((navigator.languages || [navigator.language || ""])
	    .filter(function (l) {
		return /^(fr|en)/i.test(l);
	    })[0] || "").slice(0, 2).toLowerCase();
	var english = lang === "en";
	var said = english ? {
		closed: "The connection is closed. Reload the page to come back.",
		failed: "Cannot reach Quartier. Reload the page to try again."
	} : {
		closed: "La connexion est fermée. Rechargez la page pour revenir.",
		failed: "Impossible de joindre Quartier. Rechargez la page pour " +
		    "réessayer."
	};
	if (lang)
		document.documentElement.lang = lang;

	var Terminal = load("public/Terminal").Terminal;
	var fit = load("addons/fit");
	var box = document.getElementById("terminal");
	var size = 16;
	var term = new Terminal({ fontSize: size, cursorBlink: true,
	    rendererType: "canvas" });
	var socket, opened = false;

	term.open(box);
	/* The screen, for tests and for the browser's console. */
	window.quartierTerminal = term;

	/* The font fitted to the window: the largest that gives 80x24. */
	function fitted() {
		var g;

		for (size = 32; size > 6; size--) {
			term.setOption("fontSize", size);
			g = fit.proposeGeometry(term);
			if (g && g.cols >= 80 && g.rows >= 24)
				break;
		}
		g = fit.proposeGeometry(term);
		if (g && g.cols > 0 && g.rows > 0)
			term.resize(Math.max(g.cols, 80), Math.max(g.rows, 24));
	}

	fitted();
	socket = new WebSocket((location.protocol === "https:" ? "wss://" :
	    "ws://") + location.host + "/session?cols=" + term.cols +
	    "&rows=" + term.rows + (lang ? "&lang=" + lang : ""),
	    "quartier");
	socket.binaryType = "arraybuffer";
	var decoder = new TextDecoder("utf-8");

	socket.onopen = function () {
		opened = true;
		term.focus();
	};
	socket.onmessage = function (ev) {
		term.write(decoder.decode(new Uint8Array(ev.data),
		    { stream: true }));
	};
	socket.onclose = function () {
		term.write("\r\n" + (opened ? said.closed : said.failed) + "\r\n");
		term.setOption("disableStdin", true);
	};
	term.on("data", function (data) {
		if (socket.readyState === WebSocket.OPEN)
			socket.send("i" + data);
	});
	term.on("resize", function (s) {
		if (socket.readyState === WebSocket.OPEN)
			socket.send("r" + s.cols + " " + s.rows);
	});
	window.addEventListener("resize", fitted);
	/* Closing the tab ends the session at once. */
	window.addEventListener("pagehide", function () {
		socket.close();
	});
})();
