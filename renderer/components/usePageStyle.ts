import { useLayoutEffect } from 'react';

/**
 * Page rules (@page size, margins, running header and footer) for the screen
 * being shown. Added as a constructed stylesheet through the CSSOM: the
 * strict CSP allows no inline <style>, and only the report on screen may say
 * how paper looks. A layout effect: the rules are in force when the render
 * that asks for them is committed, before any frame (a hidden print window
 * prints right after its render and may never draw a frame).
 */
export function usePageStyle(css: string): void {
  useLayoutEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [css]);
}
