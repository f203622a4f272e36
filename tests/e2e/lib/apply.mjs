// Applying for a service as a citizen does in the browser without
// JavaScript: the form posted with "preview" (a draft, 303 to its
// preview), then submitted from the preview.
import assert from 'node:assert/strict';
import { fieldErrors } from './client.mjs';

// The draft's id, after the form with fields and files was previewed.
export async function preview(c, code, fields, files = []) {
  const r = await c.postMultipart(`/services/${code}/new`, { action: 'preview', ...fields }, files,
    `/services/${code}/new`);
  assert.equal(r.status, 303, `${code}: ${r.status} ${JSON.stringify(fieldErrors(r.body))}`);
  const m = r.location.match(/^\/requests\/(\d+)\/preview$/);
  assert.ok(m, r.location);
  return Number(m[1]);
}

// The submitted request's id.
export async function apply(c, code, fields, files = []) {
  const id = await preview(c, code, fields, files);
  const r = await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  assert.equal(r.status, 303, `${code}: ${r.status} ${JSON.stringify(fieldErrors(r.body))}`);
  assert.equal(r.location, `/requests/${id}?submitted=1`);
  return id;
}
