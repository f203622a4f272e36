// Helpers for the finance and water tests: applying for a service (form,
// preview, submit), the bank's camt.054 file for payments, dimosctl for
// the departments' commands, and reading a request's fee off its page.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CONFIG } from './stack.mjs';
import { sqlValue } from './db.mjs';
import { localDay } from './dates.mjs';

export const IBAN = 'GR2301102500000025004012340';

// Fills a service's form and submits it: { id, preview, res } (res is the
// answer to "submit"; preview the preview page).
export async function submit(c, code, fields, files = []) {
  const r = await c.postMultipart(`/services/${code}/new`, { action: 'preview', ...fields }, files);
  assert.equal(r.status, 303, `${code}: ${r.status}\n${r.body.slice(0, 3000)}`);
  const id = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  const preview = await c.get(`/requests/${id}/preview`);
  const res = await c.post(`/requests/${id}/submit`, {}, preview.body);
  return { id, preview, res };
}

export const status = (id) => sqlValue('SELECT status FROM requests WHERE id = ?', id);

// dimosctl plugin <name> args...: { code, out, err }.
export function dimosctl(...args) {
  const r = spawnSync(`${process.env.DIMOS_BUILD_DIR}/core/dimosctl`, ['-c', CONFIG, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Runs fn with a temporary folder, removed afterwards.
export function withDir(fn) {
  const dir = mkdtempSync(`${tmpdir()}/dimos-money-`);
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const xmlText = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// A bank notification (ISO 20022 camt.054.001.08) of credits to the
// municipality's account: [{ rf, amount: '12.50', ref, payer }].
export function camt054(credits, { iban = IBAN, booked = localDay(), msg = `T-${Date.now()}` } = {}) {
  const entries = credits.map((c) => `
    <Ntry>
      <Amt Ccy="EUR">${c.amount}</Amt>
      <CdtDbtInd>CRDT</CdtDbtInd>
      <Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>${booked}</Dt></BookgDt>
      <NtryDtls><TxDtls>
        <Refs><AcctSvcrRef>${xmlText(c.ref)}</AcctSvcrRef></Refs>
        <Amt Ccy="EUR">${c.amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <RltdPties><Dbtr><Pty><Nm>${xmlText(c.payer ?? 'ΠΛΗΡΩΤΗΣ ΔΟΚΙΜΗΣ')}</Nm></Pty></Dbtr></RltdPties>
        <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${xmlText(c.rf)}</Ref></CdtrRefInf></Strd></RmtInf>
      </TxDtls></NtryDtls>
    </Ntry>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>${msg}</MsgId><CreDtTm>${booked}T18:00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>${msg}-N</Id>
      <Acct><Id><IBAN>${iban}</IBAN></Id></Acct>${entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}

// Imports a bank file with dimosctl; returns its answer.
export function importPayments(xml, name = 'payments.xml') {
  return withDir((dir) => {
    writeFileSync(`${dir}/${name}`, xml);
    return dimosctl('plugin', 'finance', 'payments', `${dir}/${name}`);
  });
}

// The RF codes a page shows, compact ("RF92 5105 ..." -> "RF925105...").
export const rfCodes = (html) => [...html.matchAll(/RF\d\d(?: ?[0-9A-Z]{1,4})+/g)].map((m) => m[0].replace(/ /g, ''));

export function execOk(cmd, args) {
  return execFileSync(cmd, args, { encoding: 'utf8' });
}

// A file's bytes and the request's document: one copy, in documents.mjs.
export { bytes, documentOf } from './documents.mjs';
