import { exchangeBench } from './exchange-bench';
await exchangeBench((id, label, value, unit, target, better) => console.log(id, label, value.toFixed(2), unit, target, better ?? 'lower'));

console.log('load', (globalThis as any).__load, 'sniff', (globalThis as any).__sniff, 'read', (globalThis as any).__readMs);
