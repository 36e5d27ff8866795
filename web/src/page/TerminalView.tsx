// The terminal: xterm.js showing the console, sized to its box. Output
// comes from the ConsoleSink (bytes, UTF-8 decoded by xterm, a character may
// span chunks); every key the terminal encodes goes out as UTF-8 bytes
// (onInput). The shell does its own echo and line editing, so xterm only
// draws. The terminal takes focus when it opens and when clicked; resizing
// the window refits it (one ResizeObserver, no timers). The cursor does not
// blink: a blinking cursor would wake the page twice a second forever.
import { useEffect, useRef } from "react";
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import type { ConsoleSink } from "./console";
import { isExportShortcut } from "./exportLog";

const theme = {
  background: "#14171c",
  foreground: "#d9dee7",
  cursor: "#e6c07b",
  cursorAccent: "#14171c",
  selectionBackground: "#3a4356",
  black: "#1c2027",
  red: "#e06c75",
  green: "#98c379",
  yellow: "#e5c07b",
  blue: "#61afef",
  magenta: "#c678dd",
  cyan: "#56b6c2",
  white: "#d9dee7",
  brightBlack: "#5c6370",
  brightRed: "#ef8a91",
  brightGreen: "#b5e08f",
  brightYellow: "#f0d49a",
  brightBlue: "#8cc6f7",
  brightMagenta: "#dc9ff0",
  brightCyan: "#7fd1db",
  brightWhite: "#ffffff",
};

interface Props {
  sink: ConsoleSink;
  onInput: (bytes: Uint8Array) => void;
  // false while something covers the terminal (input is then not taken)
  active: boolean;
}

export function TerminalView({ sink, onInput, active }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const input = useRef(onInput);
  input.current = onInput;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const t = new Terminal({
      fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", "Menlo", "Consolas", monospace',
      fontSize: 15,
      lineHeight: 1.2,
      cursorBlink: false,
      convertEol: true, // the shell ends lines with \n alone
      scrollback: 5000,
      theme,
      allowProposedApi: false,
      // Console text is text: a hyperlink a process prints (OSC 8) is shown,
      // never opened.
      linkHandler: { activate: () => {} },
    });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(el);
    fit.fit();
    term.current = t;

    const enc = new TextEncoder();
    t.attachCustomKeyEventHandler((e) => !isExportShortcut(e));
    const data = t.onData((s) => input.current(enc.encode(s)));
    const binary = t.onBinary((s) => input.current(Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff)));
    sink.attach((b) => t.write(b));

    let frame = 0;
    const refit = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fit.fit());
    });
    refit.observe(el);
    t.focus();

    return () => {
      refit.disconnect();
      cancelAnimationFrame(frame);
      sink.detach();
      data.dispose();
      binary.dispose();
      t.dispose();
      term.current = null;
    };
  }, [sink]);

  useEffect(() => {
    const t = term.current;
    if (!t) return;
    t.options.disableStdin = !active;
    if (active) t.focus();
    else t.blur();
  }, [active]);

  return (
    <div
      className="terminal"
      ref={box}
      data-testid="terminal"
      onMouseDown={() => active && term.current?.focus()}
    />
  );
}
