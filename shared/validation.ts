import { z } from 'zod';

// Validation messages reach staff: zod speaks Japanese in both processes.
z.config(z.locales.ja());

export interface Issue {
  path: string;
  message: string;
}

export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** One line for a message box: the first problem, and how many more there are. */
export function summarizeIssues(issues: Issue[]): string {
  if (issues.length === 0) return '';
  const first = issues[0]!;
  const head = first.path ? `${first.path}: ${first.message}` : first.message;
  return issues.length > 1 ? `${head}（ほか${issues.length - 1}件）` : head;
}
