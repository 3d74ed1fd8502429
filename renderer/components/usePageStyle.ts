import { useEffect } from 'react';

/**
 * Page rules (@page size, margins, running header and footer) for the screen
 * being shown. Added as a constructed stylesheet through the CSSOM: the
 * strict CSP allows no inline <style>, and only the report on screen may say
 * how paper looks.
 */
export function usePageStyle(css: string): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [css]);
}
