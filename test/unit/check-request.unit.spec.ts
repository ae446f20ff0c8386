import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GuardOptions, HTTP_CONTROLLERS, checkRequest, hostName, routeTable } from '@vm-system/http';

const routes = routeTable(HTTP_CONTROLLERS);
const open: GuardOptions = { auth: 'none', allowedHosts: [], allowedOrigins: [], scheme: 'http' };
const check = (method: string, path: string, headers: Record<string, string>, options = open) =>
  checkRequest({ method, path, headers: { host: '127.0.0.1:3210', ...headers } }, options, '127.0.0.1', routes, (secret) =>
    secret === 'vms_good' ? { tokenId: 't', name: 'n', scopes: ['read'] } : undefined,
  );
const code = (verdict: ReturnType<typeof check>) => ('refusal' in verdict ? verdict.refusal.code : 'ok');

describe('the HTTP guard, as a pure function', () => {
  test('hostName takes the port off and understands IPv6 brackets; garbage is no name', () => {
    assert.equal(hostName('Example.COM:80'), 'example.com');
    assert.equal(hostName('[::1]:3210'), '::1');
    assert.equal(hostName('127.0.0.1'), '127.0.0.1');
    assert.equal(hostName('a:b:c'), undefined);
    assert.equal(hostName(''), undefined);
    assert.equal(hostName(undefined), undefined);
  });

  test('the order is host, origin, content type, token, scope', () => {
    const all = { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'text/plain', 'content-length': '2' };
    assert.equal(code(check('POST', '/api/v1/templates', all)), 'HOST_NOT_ALLOWED');
    assert.equal(code(check('POST', '/api/v1/templates', { ...all, host: 'localhost' })), 'ORIGIN_NOT_ALLOWED');
    assert.equal(code(check('POST', '/api/v1/templates', { ...all, host: 'localhost', origin: 'http://localhost' })), 'UNSUPPORTED_MEDIA_TYPE');
    const auth = { ...open, auth: 'token' as const };
    assert.equal(code(check('POST', '/api/v1/templates', { 'content-type': 'application/json', 'content-length': '2' }, auth)), 'UNAUTHENTICATED');
    assert.equal(code(check('POST', '/api/v1/templates', { 'content-type': 'application/json', 'content-length': '2', authorization: 'Bearer vms_good' }, auth)), 'FORBIDDEN');
    assert.equal(code(check('GET', '/api/v1/templates', { authorization: 'bearer vms_good' }, auth)), 'ok');
    assert.equal(code(check('GET', '/api/v1/health', {}, auth)), 'ok');
    assert.equal(code(check('GET', '/index.html', {}, auth)), 'ok');
  });

  test('paths are matched as Express routes them, regardless of case: no spelling of a route escapes its token or scope', () => {
    const auth = { ...open, auth: 'token' as const };
    const body = { 'content-type': 'application/json', 'content-length': '2' };
    for (const path of ['/API/V1/templates', '/Api/v1/Templates/', '/METRICS', '/Metrics/']) assert.equal(code(check('GET', path, {}, auth)), 'UNAUTHENTICATED', path);
    assert.equal(code(check('POST', '/api/v1/TEMPLATES', { ...body, authorization: 'Bearer vms_good' }, auth)), 'FORBIDDEN');
    assert.equal(code(check('POST', '/API/V1/LEDGER/IMPORT', body)), 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(code(check('GET', '/API/V1/HEALTH', {}, auth)), 'ok');
  });

  test('a chunked body counts as a body; a GET is never asked for a content type', () => {
    assert.equal(code(check('POST', '/api/v1/templates', { 'transfer-encoding': 'chunked' })), 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(code(check('GET', '/api/v1/templates', { 'content-type': 'text/plain' })), 'ok');
    assert.equal(code(check('POST', '/api/v1/sessions/x/close', {})), 'ok');
  });
});
