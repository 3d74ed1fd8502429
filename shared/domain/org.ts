import { z } from 'zod';
import { fiscalYearSchema, idSchema } from './common';

/**
 * 部 and 課. A rename or merge closes a unit (validToFy) and points it to its
 * successor, so past fiscal years keep the names they had.
 */
export const orgUnitSchema = z.object({
  id: idSchema,
  kind: z.enum(['department', 'section']),
  name: z.string(),
  parentId: idSchema.nullable(),
  validFromFy: fiscalYearSchema.nullable(),
  validToFy: fiscalYearSchema.nullable(),
  successorId: idSchema.nullable(),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;
