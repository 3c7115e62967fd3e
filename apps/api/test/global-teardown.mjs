export default async function globalTeardown() {
  await globalThis.__FOLIO_TEST_PG__?.stop();
}
