import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, isActive, normaliseSettings } from './settings.js';

describe('settings', () => {
  it('nothingStored_givesDefaultsAndIsInactive', () => {
    const { settings, problems } = normaliseSettings(undefined);
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, origins: [] });
    assert.equal(settings.endpoint, 'http://127.0.0.1:4318');
    assert.equal(settings.apiBase, 'http://127.0.0.1:8080');
    assert.deepEqual(problems, []);
    assert.equal(isActive(settings, problems), false, 'nothing allow-listed: no page is touched');
  });

  it('validSettings_areKeptNormalised', () => {
    const { settings, problems } = normaliseSettings({
      endpoint: 'http://127.0.0.1:4318/', appName: ' shop ', sampleRate: 0.25, testSession: 'run-1',
      origins: [{ origin: 'HTTP://127.0.0.1:3000', formats: ['datadog', 'w3c', 'w3c'], dnr: true }, 'https://api.example.com'],
    });
    assert.deepEqual(problems, []);
    assert.equal(settings.endpoint, 'http://127.0.0.1:4318');
    assert.equal(settings.appName, 'shop');
    assert.deepEqual(settings.origins, [
      { origin: 'http://127.0.0.1:3000', formats: ['datadog', 'w3c'], dnr: true },
      { origin: 'https://api.example.com', formats: ['w3c'], dnr: false },
    ]);
    assert.equal(isActive(settings, problems), true);
  });

  it('badEndpoint_isAProblemAndMakesTheExtensionInactive', () => {
    const { settings, problems } = normaliseSettings({ endpoint: 'not a url', origins: ['http://a.test'] });
    assert.deepEqual(problems, ["endpoint: 'not a url' (expected: an http or https URL, e.g. http://127.0.0.1:4318)"]);
    assert.equal(isActive(settings, problems), false);
  });

  it('badParts_areDroppedWithOneProblemEach', () => {
    const { settings, problems } = normaliseSettings({
      sampleRate: 2, appName: '',
      origins: [{ origin: 'nope' }, { origin: 'http://a.test', formats: ['w3c', 'zipkin'] }, { origin: 'http://a.test' }],
    });
    assert.equal(settings.sampleRate, 1);
    assert.deepEqual(settings.origins, [{ origin: 'http://a.test', formats: ['w3c'], dnr: false }]);
    assert.deepEqual(problems, [
      "origin: 'nope' (expected: scheme://host[:port], e.g. http://127.0.0.1:3000 or https://*.example.com)",
      "format of http://a.test: 'zipkin' (expected one of w3c, b3, b3multi, jaeger, datadog)",
      "origin: 'http://a.test' listed twice (expected: once; the first entry is used)",
      'sampleRate: 2 (expected: 0..1)',
      "appName: '' (expected: a name, e.g. 'tracebridge-extension')",
    ]);
  });

  it('switchedOff_isInactiveWhateverElse', () => {
    const { settings, problems } = normaliseSettings({ enabled: false, origins: ['http://a.test'] });
    assert.equal(isActive(settings, problems), false);
  });
});
