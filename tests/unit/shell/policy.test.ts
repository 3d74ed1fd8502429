import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedDownload,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSender,
  mainWindowOptions,
  resolveAsset,
} from '../../../electron/security/policy';

describe('window security options', () => {
  const opts = mainWindowOptions({ preloadPath: '/app/preload.cjs', devTools: false });
  it('isolates the page from Node and Electron', () => {
    expect(opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
      preload: '/app/preload.cjs',
    });
  });
});

describe('content security policy', () => {
  it('allows nothing remote and no inline or eval script', () => {
    const d = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((x) => [x.split(' ')[0], x.split(' ').slice(1)]),
    );
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('navigation, permissions and IPC senders', () => {
  it('allows only the app’s own pages', () => {
    expect(isAllowedNavigation('app://gyokaku/index.html')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///C:/Windows/system.ini',
      'app://evil/index.html',
      'app://user:pw@gyokaku/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });
  it('allows downloads only of files the app made itself', () => {
    expect(isAllowedDownload('blob:app://gyokaku/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed')).toBe(true);
    expect(isAllowedDownload('https://example.com/file.xlsx')).toBe(false);
    expect(isAllowedDownload('blob:https://evil.example/x')).toBe(false);
    expect(isAllowedDownload('file:///C:/Windows/system.ini')).toBe(false);
  });
  it('grants no permission but writing to the clipboard and to a folder the user picked', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    expect(isPermissionAllowed('fileSystem')).toBe(true);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'hid',
      'serial',
    ]) {
      expect(isPermissionAllowed(p), p).toBe(false);
    }
  });
  it('answers IPC only from the app’s main frame', () => {
    expect(isTrustedSender('app://gyokaku/index.html', true)).toBe(true);
    expect(isTrustedSender('app://gyokaku/index.html', false)).toBe(false);
    expect(isTrustedSender('https://example.com/', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
  it('never resolves a path outside the renderer folder', () => {
    expect(resolveAsset('/app/renderer', '/')).toBe('/app/renderer/index.html');
    expect(resolveAsset('/app/renderer', '/assets/a.js')).toBe('/app/renderer/assets/a.js');
    for (const p of [
      '/../main.cjs',
      '/%2e%2e/x',
      '/a/%2e%2e/%2e%2e/x',
      '/..\\x',
      '/%00',
      '/%E0%A4%A',
    ]) {
      expect(resolveAsset('/app/renderer', p), p).toBeNull();
    }
  });
});
