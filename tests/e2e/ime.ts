import type { Page } from '@playwright/test';

/**
 * Japanese input as Chromium's IME delivers it, through the DevTools protocol:
 * a composition (kana) is shown, Enter confirms the conversion (keyCode 229
 * while composing, so the grid must not act on it), and the converted text is
 * inserted.
 */
export async function imeStart(page: Page, kana: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', {
    text: kana,
    selectionStart: kana.length,
    selectionEnd: kana.length,
  });
  return {
    async confirm(converted: string) {
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'rawKeyDown',
        key: 'Enter',
        code: 'Enter',
        windowsVirtualKeyCode: 229,
        nativeVirtualKeyCode: 229,
      });
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        key: 'Enter',
        code: 'Enter',
        windowsVirtualKeyCode: 13,
        nativeVirtualKeyCode: 13,
      });
      await cdp.send('Input.insertText', { text: converted });
    },
  };
}
