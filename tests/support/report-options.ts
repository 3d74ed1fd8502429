import type { ReportOptions } from '../../shared/reports/model';
import { DEFAULT_PAGE } from '../../shared/reports/model';

/**
 * A report of plan 1 for a year as the 委員会資料 screen first offers it:
 * every priority, section and item, the round of the year's end, the kind's
 * default paper and no running header — with what a test changes on top.
 */
export const reportOpts = (
  kind: ReportOptions['kind'],
  fiscalYear: number,
  extra: Partial<ReportOptions> = {},
): ReportOptions => ({
  kind,
  planId: 1,
  fiscalYear,
  roundId: null,
  priorityIds: [],
  sectionIds: [],
  itemIds: [],
  ...DEFAULT_PAGE[kind],
  documentNo: '',
  meeting: '',
  meetingDate: '',
  marking: '',
  ...extra,
});
