/** A call to the browser host's API with the run's token, as the page makes it. */
export async function hostApi<T>(
  origin: string,
  token: string,
  channel: string,
  data: unknown,
): Promise<T> {
  const res = await fetch(`${origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gyokaku-token': token },
    body: JSON.stringify(data),
  });
  const env = (await res.json()) as { ok: boolean; value: T };
  if (!env.ok) throw new Error(`${channel} failed`);
  return env.value;
}
