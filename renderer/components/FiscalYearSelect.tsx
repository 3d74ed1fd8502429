import { fiscalYearsBetween, formatFiscalYear } from '../../shared/fiscal-year';
import { usePdcaStore } from '../stores/pdca-store';

/** The PDCA year, in 和暦, shared by the PDCA grid, the dashboard and the exchange. */
export function FiscalYearSelect({
  firstFy,
  lastFy,
  stacked = true,
}: {
  firstFy: number;
  lastFy: number;
  stacked?: boolean;
}) {
  const fiscalYear = usePdcaStore((s) => s.fiscalYear);
  return (
    <label className={stacked ? 'stacked' : undefined}>
      年度
      <select
        aria-label="年度"
        value={fiscalYear}
        onChange={(e) => void usePdcaStore.getState().setYear(Number(e.target.value))}
      >
        {fiscalYearsBetween(firstFy, lastFy).map((fy) => (
          <option key={fy} value={fy}>
            {formatFiscalYear(fy)}
          </option>
        ))}
      </select>
    </label>
  );
}
