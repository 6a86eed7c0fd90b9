import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentScriptMatch, originMatches, parseOriginPattern, requestUrlRegex } from './origin-pattern.js';

/** @param {string} text */
const pattern = (text) => {
  const parsed = parseOriginPattern(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.pattern;
};

describe('origin patterns', () => {
  it('exactOrigin_matchesOnlyThatSchemeHostAndPort', () => {
    const p = pattern('http://127.0.0.1:3000');
    assert.equal(originMatches(p, 'http://127.0.0.1:3000'), true);
    assert.equal(originMatches(p, 'http://127.0.0.1:3001'), false);
    assert.equal(originMatches(p, 'https://127.0.0.1:3000'), false);
    assert.equal(originMatches(p, 'http://localhost:3000'), false);
  });

  it('defaultPortWrittenOut_isTheOriginWithoutPort', () => {
    const p = pattern('https://api.example.com:443/');
    assert.equal(p.text, 'https://api.example.com');
    assert.equal(originMatches(p, 'https://api.example.com'), true);
    assert.equal(originMatches(p, 'https://api.example.com:8443'), false);
  });

  it('wildcardSubdomains_matchDomainAndSubdomainsOnly', () => {
    const p = pattern('https://*.Example.com');
    assert.equal(originMatches(p, 'https://example.com'), true);
    assert.equal(originMatches(p, 'https://a.b.example.com'), true);
    assert.equal(originMatches(p, 'https://badexample.com'), false);
  });

  it('anyPort_matchesEveryPort', () => {
    const p = pattern('http://localhost:*');
    assert.equal(originMatches(p, 'http://localhost:5173'), true);
    assert.equal(originMatches(p, 'http://localhost'), true);
  });

  it('notAnOrigin_isAProblemWithAnExample', () => {
    for (const text of ['localhost:3000', 'ftp://a.b', 'http://a.b/path', 'http://*', '']) {
      const parsed = parseOriginPattern(text);
      assert.ok('problem' in parsed, text);
      assert.match(parsed.problem, /expected: scheme:\/\/host\[:port\]/);
    }
    const tooBig = parseOriginPattern('http://a.b:70000');
    assert.ok('problem' in tooBig && tooBig.problem.includes('port 70000 (expected: 1..65535 or *)'));
  });

  it('contentScriptMatch_namesAnExplicitPortOnly', () => {
    assert.equal(contentScriptMatch(pattern('http://127.0.0.1:3000')), 'http://127.0.0.1:3000/*');
    assert.equal(contentScriptMatch(pattern('http://localhost:*')), 'http://localhost/*');
    assert.equal(contentScriptMatch(pattern('https://*.example.com')), 'https://*.example.com/*');
  });

  it('requestUrlRegex_matchesRequestsOfTheOriginOnly', () => {
    const exact = new RegExp(requestUrlRegex(pattern('http://127.0.0.1:3000')));
    assert.equal(exact.test('http://127.0.0.1:3000/api?x=1'), true);
    assert.equal(exact.test('http://127.0.0.1:30001/api'), false);
    assert.equal(exact.test('http://127.0.0.1:3000.evil.com/'), false);
    const wildcard = new RegExp(requestUrlRegex(pattern('https://*.example.com')));
    assert.equal(wildcard.test('https://api.example.com/x'), true);
    assert.equal(wildcard.test('https://example.com/x'), true);
    assert.equal(wildcard.test('https://example.com.evil.io/x'), false);
  });
});
