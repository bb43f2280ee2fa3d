// Browser tests of hopstep's public pages: headless Debian Chromium, driven by playwright-core,
// against a real hopstep-api with the demo data. They check the board's sections and the job
// page's fields, and click Apply through to a loopback stand-in for the ATS's form. They prove
// that an injected script never runs and validate the JSON-LD with two independent checkers.
// They run axe-core, compare the page with the console's own preview widget, and take the
// screenshots in docs/.
//
// Environment: HOPSTEP_API_BINARY and HOPSTEP_PREVIEW_PROBE (set by ctest), HOPSTEP_SCREENSHOT_DIR
// (where the PNG files go; ctest's default is build/screenshots), HOPSTEP_REQUIRE_WEB_TESTS=1
// (fail instead of skip when the npm packages or Chromium are missing).

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { HopstepService, atsHost, chromiumArguments, chromiumPath, probePreview, startAtsStandIn }
  from './hopstep.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const skipCode = 77;

function skipOrFail(reason) {
  if (process.env.HOPSTEP_REQUIRE_WEB_TESTS === '1') {
    console.error(`web tests cannot run: ${reason}`);
    process.exit(1);
  }
  console.log(`Skipping the web tests: ${reason}`);
  process.exit(skipCode);
}

if (!existsSync(path.join(here, 'node_modules', 'playwright-core')))
  skipOrFail(`the npm packages are not installed; run "npm ci" in ${here}`);
if (!existsSync(chromiumPath))
  skipOrFail(`${chromiumPath} is missing; install Debian's chromium package`);
const apiBinary = process.env.HOPSTEP_API_BINARY;
const probeBinary = process.env.HOPSTEP_PREVIEW_PROBE;
if (!apiBinary || !existsSync(apiBinary))
  skipOrFail('HOPSTEP_API_BINARY does not name the hopstep-api program; run the test with ctest');

const { chromium } = await import('playwright-core');
const { default: AxeBuilder } = await import('@axe-core/playwright');
const { default: StructuredDataValidator } = await import('@adobe/structured-data-validator');
const { default: WebAutoExtractor } = await import('@marbec/web-auto-extractor');
const require = createRequire(import.meta.url);
const { structuredDataTest } = require('structured-data-testing-tool');
const { Google } = require('structured-data-testing-tool/presets');

const screenshotDir = process.env.HOPSTEP_SCREENSHOT_DIR
  || process.env.HOPSTEP_DEFAULT_SCREENSHOT_DIR || path.join(tmpdir(), 'hopstep-screenshots');
const wide = { viewport: { width: 1280, height: 900 } };
const phone = {
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
};

// Realistic jobs for the screenshots, besides the demo data.
const clinicalLead = {
  title: 'Registered Nurse – Clinical Lead (Days)',
  description:
    '<p>Lead the day shift at Evergreen Richmond, a 60-bed residential aged care home in inner '
    + 'Melbourne. You will guide a team of enrolled nurses and personal care workers, oversee '
    + 'clinical care plans and be the first point of contact for residents’ families and GPs.</p>'
    + '<h3>What you will do</h3><ul><li>Assess residents and keep care plans current</li>'
    + '<li>Manage medication, wound care and clinical incidents</li>'
    + '<li>Mentor graduate nurses and support the care team on the floor</li></ul>'
    + '<h3>What you bring</h3><ul><li>Current AHPRA registration as a Registered Nurse</li>'
    + '<li>At least two years of aged care or hospital experience</li>'
    + '<li>NDIS Worker Screening Check or willingness to obtain one</li></ul>'
    + '<p>Monday to Friday, 7:00 am to 3:30 pm, with salary packaging and paid training.</p>',
  providerId: 'f9dda16b-4d42-4b63-9455-3ffd49ac8738',
  facilityId: 'cbb456a2-787c-4f54-a8d6-96361736ce74',
  category: 'Registered Nurse',
  workTypes: ['FULL_TIME'],
  salaryMin: 98000,
  salaryMax: 110000,
  salaryType: 'ANNUAL',
  location: { suburb: 'Richmond', state: 'VIC', postcode: '3121' },
  applyUrl: 'https://clientats.com/evergreen/jobs/rn-clinical-lead/apply',
};

const moreJobs = [
  ['Evergreen Residential Care', {
    ...clinicalLead,
    title: 'Enrolled Nurse – Aged Care',
    description: '<p>Join the nursing team at Evergreen Geelong caring for 48 residents. '
      + 'Administer medications, support residents’ daily care and work alongside our RNs.</p>'
      + '<p>AHPRA registration as an Enrolled Nurse (medication endorsed) required.</p>',
    facilityId: '5d0f6a7e-2c3b-4e1f-9a8d-7b6c5e4f3a21',
    category: 'Enrolled Nurse',
    workTypes: ['PART_TIME'],
    salaryMin: 38, salaryMax: 42, salaryType: 'HOURLY',
    location: { suburb: 'Geelong', state: 'VIC', postcode: '3220' },
    applyUrl: 'https://clientats.com/evergreen/jobs/en-geelong/apply',
  }],
  ['Banksia Disability Services', {
    ...clinicalLead,
    title: 'Support Worker – Community Access',
    description: '<p>Support adults with intellectual disability to take part in their '
      + 'community: shopping, appointments, sport and social outings around Parramatta.</p>'
      + '<p>Driver licence and NDIS Worker Screening Check required; Certificate III or IV in '
      + 'Disability welcome.</p>',
    providerId: '0b7e4c3a-1d2f-4e5a-8b9c-6d7e8f9a0b1c',
    facilityId: '8e2a4b6c-9d1f-4a3e-b5c7-d9e1f3a5b7c9',
    category: 'Support Worker',
    workTypes: ['CASUAL', 'PART_TIME'],
    salaryMin: 36.5, salaryMax: 40.2, salaryType: 'HOURLY',
    location: { suburb: 'Parramatta', state: 'NSW', postcode: '2150' },
    applyUrl: 'https://clientats.com/banksia/jobs/sw-community/apply',
  }],
  ['Evergreen Residential Care', {
    ...clinicalLead,
    title: 'Aged Care Assistant – Weekends',
    description: '<p>Help residents with showering, dressing, meals and activities on Saturday '
      + 'and Sunday shifts. Certificate III in Individual Support preferred.</p>',
    category: 'Aged Care Assistant',
    workTypes: ['CASUAL'],
    salaryMin: 31, salaryMax: 34, salaryType: 'HOURLY',
    applyUrl: 'https://clientats.com/evergreen/jobs/aca-weekends/apply',
  }],
];

describe('public pages in Chromium', () => {
  let service;
  let ats;
  let browser;
  let workDirectory;
  let categories;
  let clinicalLeadId;
  const offLoopback = [];

  async function openPage(options = wide) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    // The network is closed: anything but hopstep and the ATS stand-in is a test failure.
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1' && url.hostname !== atsHost)
        offLoopback.push(request.url());
    });
    return { context, page };
  }

  async function screenshot(page, name) {
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
  }

  async function seriousViolations(page) {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at `
        + violation.nodes.map((node) => node.target.join(' ')).join(', '));
  }

  before(async () => {
    workDirectory = await mkdtemp(path.join(tmpdir(), 'hopstep-web-probe-'));
    ats = await startAtsStandIn();
    service = new HopstepService(apiBinary);
    await service.start();
    clinicalLeadId = await service.createJob('Evergreen Residential Care', clinicalLead);
    for (const [provider, job] of moreJobs)
      await service.createJob(provider, job);
    categories = (await service.admin('/admin/categories')).items;
    browser = await chromium.launch({
      executablePath: chromiumPath, headless: true, args: chromiumArguments(ats.port),
    });
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
    await ats?.close();
    if (workDirectory)
      await rm(workDirectory, { recursive: true, force: true });
    assert.deepEqual(offLoopback, [], 'Chromium requested hosts other than loopback');
  });

  test('board lists sections in category order, newest first', async () => {
    const { context, page } = await openPage(wide);
    const response = await page.goto(service.url('/jobs'));
    assert.equal(response.status(), 200);
    assert.equal(await page.textContent('h1'), 'Care jobs across Australia');

    const sections = await page.$$eval('section.board-section', (elements) => elements.map(
      (section) => ({
        name: section.querySelector('.section-name').textContent,
        titles: [...section.querySelectorAll('.job-summary-title a')].map((a) => a.textContent),
        posted: [...section.querySelectorAll('.job-summary-posted time')]
          .map((time) => time.getAttribute('datetime')),
      })));
    const positions = new Map(categories.map((category) => [category.name, category.position]));
    const order = sections.map((section) => positions.get(section.name));
    assert.ok(order.every((position) => position !== undefined), JSON.stringify(sections));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    for (const section of sections) {
      assert.deepEqual(section.posted, [...section.posted].sort().reverse(), section.name);
    }
    const names = sections.map((section) => section.name);
    for (const expected of ['Registered Nurse', 'Enrolled Nurse', 'Personal Care Worker',
      'Aged Care Assistant', 'Support Worker', 'Disability Support Worker', 'Administration'])
      assert.ok(names.includes(expected), `no ${expected} section in ${names}`);
    const nurses = sections.find((section) => section.name === 'Registered Nurse').titles;
    assert.deepEqual(nurses, ['Registered Nurse – Clinical Lead (Days)',
      'Registered Nurse – Night Shift']);
    // The demo's pending job is never listed.
    assert.ok(!sections.some((section) => section.titles.includes('Cook')));

    const summary = page.locator('li.job-summary', { hasText: 'Clinical Lead' });
    // Each fact carries a label for screen readers only.
    assert.equal(await summary.locator('.fact-pay').textContent(), 'Pay: $98,000 – $110,000 per year');
    assert.equal(await summary.locator('.fact-location').textContent(), 'Location: Richmond VIC 3121');
    assert.match(await summary.locator('.job-summary-employer').innerText(),
      /Evergreen Residential Care · Evergreen Richmond/);
    await screenshot(page, 'public-board.png');
    await context.close();
  });

  test('filters work with JavaScript off', async () => {
    const { context, page } = await openPage({ ...wide, javaScriptEnabled: false });
    await page.goto(service.url('/jobs'));
    await page.selectOption('#filter-state', 'nsw');
    await page.selectOption('#filter-work-type', 'casual');
    await Promise.all([page.waitForURL(/state=nsw/), page.click('button[type=submit]')]);
    assert.match(page.url(), /workType=casual/);
    assert.equal(await page.textContent('h1'), 'Casual care jobs in New South Wales');
    const locations = await page.$$eval('.fact-location', (elements) => elements.map((e) => e.textContent));
    assert.ok(locations.length >= 2);
    assert.ok(locations.every((location) => location.includes('NSW')), locations.join('; '));
    assert.equal(await page.locator('#filter-state').inputValue(), 'nsw');
    await context.close();
  });

  test('job page shows the fields and the same as the console preview', async () => {
    const { context, page } = await openPage(wide);
    const response = await page.goto(service.url(`/jobs/${clinicalLeadId}`));
    assert.equal(response.status(), 200);
    const field = (selector) => page.locator(`.job ${selector}`).innerText();
    const fields = {
      title: await field('.job-title'),
      provider: await field('.job-provider'),
      facility: await field('.job-facility'),
      category: await field('.job-category'),
      pay: await field('.job-pay'),
      workTypes: await field('.job-work-types'),
      location: await field('.job-location'),
      applyUrl: await field('.apply-url'),
    };
    assert.deepEqual(fields, {
      title: 'Registered Nurse – Clinical Lead (Days)',
      provider: 'Evergreen Residential Care',
      facility: 'Evergreen Richmond',
      category: 'Registered Nurse',
      pay: '$98,000 – $110,000 per year',
      workTypes: 'Full time',
      location: 'Richmond VIC 3121',
      applyUrl: 'https://clientats.com/evergreen/jobs/rn-clinical-lead/apply',
    });
    const description = await field('.job-description');
    assert.match(description, /Current AHPRA registration as a Registered Nurse/);
    for (const selector of ['.job-title', '.job-pay', '.job-description', '.apply-now'])
      assert.ok(await page.locator(selector).first().isVisible(), selector);
    assert.equal(await page.locator('.apply-now').innerText(), 'Apply on clientats.com');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'public-job-wide.png');

    // The console's preview widget, given the admin API's copy of the same job, shows every
    // field the page shows, in the same order, and links Apply straight to the ATS.
    const job = await service.admin(`/admin/jobs/${clinicalLeadId}`);
    const facilities = await service.admin(`/admin/facilities?providerId=${job.providerId}`);
    const preview = await probePreview(probeBinary, workDirectory, job, facilities,
      { items: categories }, path.join(screenshotDir, 'console-preview.png'));
    const pageText = (await page.locator('.job').innerText()).replace(/\s+/g, ' ');
    const previewText = preview.text.replace(/\s+/g, ' ');
    let position = -1;
    for (const [name, value] of Object.entries(fields)) {
      const found = previewText.indexOf(value, position + 1);
      assert.ok(found > position, `${name} "${value}" is missing or out of order in the preview`);
      position = found;
      assert.ok(pageText.includes(value), `${name} missing from the page text`);
    }
    for (const line of description.split('\n').map((text) => text.trim()).filter(Boolean))
      assert.ok(previewText.includes(line.replace(/\s+/g, ' ')), `preview lacks "${line}"`);
    assert.deepEqual(preview.links, [clinicalLead.applyUrl]);
    assert.deepEqual(preview.checks.filter((check) => check.result !== 'Pass'), []);
    await context.close();
  });

  test('job page on a phone keeps Apply in reach', async () => {
    const { context, page } = await openPage(phone);
    await page.goto(service.url(`/jobs/${clinicalLeadId}`));
    const apply = page.locator('.apply-now');
    assert.ok(await apply.isVisible());
    const box = await apply.boundingBox();
    assert.ok(box.y + box.height <= 844, `Apply ends below the screen: ${JSON.stringify(box)}`);
    assert.ok(box.y > 600, `Apply is not at the bottom of the screen: ${JSON.stringify(box)}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 390, `the page is ${overflow} px wide at 390 px`);
    assert.deepEqual(await seriousViolations(page), []);
    // What the phone shows first: the fixed Apply bar would float mid-page in a full-page shot.
    await page.screenshot({ path: path.join(screenshotDir, 'public-job-phone.png') });

    await page.goto(service.url('/jobs'));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390);
    assert.deepEqual(await seriousViolations(page), []);
    await page.setViewportSize({ width: 390, height: 1400 });
    await page.screenshot({ path: path.join(screenshotDir, 'public-board-phone.png') });
    await context.close();
  });

  test('Apply lands on the ATS form and is counted', async () => {
    const id = await service.createJob('Evergreen Residential Care', {
      ...clinicalLead,
      title: 'Personal Care Worker – Apply Test',
      category: 'Personal Care Worker',
      applyUrl: `http://${atsHost}/jobs/4471/apply`,
    });
    const { context, page } = await openPage(wide);
    await page.goto(service.url(`/jobs/${id}`));
    await Promise.all([
      page.waitForURL(`http://${atsHost}/jobs/4471/apply`),
      page.click('.apply-now'),
    ]);
    assert.equal(await page.textContent('#ats-form-heading'), 'Application form for job 4471');
    const arrival = ats.requests.find((request) => request.url === '/jobs/4471/apply');
    assert.ok(arrival, JSON.stringify(ats.requests));
    // strict-origin-when-cross-origin: the ATS receives hopstep's origin, not the page's URL.
    assert.equal(arrival.referer, `${service.origin}/`);
    assert.equal((await service.admin(`/admin/jobs/${id}`)).applyClicks, 1);

    // The Apply link inside the job card goes the same way.
    await page.goto(service.url(`/jobs/${id}`));
    await Promise.all([page.waitForURL(/ats\.clientats\.com/), page.click('a.apply-link')]);
    assert.equal((await service.admin(`/admin/jobs/${id}`)).applyClicks, 2);
    await context.close();
  });

  test('a closed job offers no Apply and Apply refuses', async () => {
    const id = await service.createJob('Evergreen Residential Care', {
      ...clinicalLead, title: 'Registered Nurse – Closed Role', applyUrl: `http://${atsHost}/jobs/9/apply`,
    });
    await service.setStatus('Evergreen Residential Care', id, 'CLOSED');
    const { context, page } = await openPage(wide);
    const response = await page.goto(service.url(`/jobs/${id}`));
    assert.equal(response.status(), 200);
    assert.match(await page.locator('p.job-closed').innerText(), /This job is no longer open/);
    assert.equal(await page.locator('a[href$="/apply"]').count(), 0);
    assert.equal(await page.locator('script[type="application/ld+json"]').count(), 0);
    assert.equal(await page.getAttribute('meta[name=robots]', 'content'), 'noindex, follow');
    assert.deepEqual(await seriousViolations(page), []);

    const refused = await page.goto(service.url(`/jobs/${id}/apply`));
    assert.equal(refused.status(), 410);
    assert.equal(new URL(page.url()).hostname, '127.0.0.1');
    assert.match(await page.textContent('h1'), /Applications for this job have closed/);
    assert.ok(!ats.requests.some((request) => request.url === '/jobs/9/apply'));
    assert.deepEqual(await seriousViolations(page), []);
    await context.close();
  });

  test('injected script never runs', async () => {
    const id = await service.createJob('Evergreen Residential Care', {
      ...clinicalLead,
      title: 'Nurse &lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;',
      description: '<p>Caring role with day shifts and a supportive team.</p>'
        + '<script>window.pwned = 1; alert("script")</script>'
        + '<img src="x" onerror="window.pwned = 2; alert(\'img\')">'
        + '<p onclick="window.pwned = 3">Click &lt;/script&gt;&lt;script&gt;alert(4)&lt;/script&gt;</p>'
        + '<a href="javascript:window.pwned=5">a link</a>'
        + '<svg onload="window.pwned = 6"></svg><iframe srcdoc="<script>parent.pwned=7</script>"></iframe>',
    });
    const { context, page } = await openPage(wide);
    const events = [];
    page.on('console', (message) => events.push(`console ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => events.push(`error: ${error.message}`));
    page.on('dialog', async (dialog) => {
      events.push(`dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    for (const target of [`/jobs/${id}`, '/jobs', '/jobs?category=registered-nurse']) {
      await page.goto(service.url(target));
      await page.locator('a', { hasText: 'a link' }).click({ timeout: 1000 }).catch(() => {});
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate(() => window.pwned), undefined, target);
      const scripts = await page.$$eval('script', (elements) => elements.map((e) => e.type));
      assert.ok(scripts.every((type) => type === 'application/ld+json'), scripts.join(','));
    }
    assert.deepEqual(events, []);
    await page.goto(service.url(`/jobs/${id}`));
    assert.match(await page.textContent('h1'), /<\/script><script>window\.pwned=1<\/script>/);
    const data = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
    assert.equal(data.title, 'Nurse </script><script>window.pwned=1</script>');

    // The Content-Security-Policy is a second wall: a script added to the page is refused.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.cspBypassed = true';
      document.body.append(script);
    });
    assert.equal(await page.evaluate(() => window.cspBypassed), undefined);
    assert.ok(events.some((event) => /Content Security Policy/.test(event)), events.join('\n'));
    await context.close();
  });

  test('JSON-LD validates with independent checkers', async () => {
    const { context, page } = await openPage(wide);
    await page.goto(service.url(`/jobs/${clinicalLeadId}`));
    // The data block is parsed although scripts are forbidden.
    const inPage = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
    assert.equal(inPage['@type'], 'JobPosting');
    assert.equal(inPage.baseSalary.value.unitText, 'YEAR');
    const html = await (await fetch(service.url(`/jobs/${clinicalLeadId}`))).text();

    // Adobe's validator applies Google's rich result rules for JobPosting.
    const extracted = new WebAutoExtractor({ addLocation: true, embedSource: ['rdfa', 'microdata'] })
      .parse(html);
    assert.equal(extracted.jsonld.JobPosting.length, 1);
    const issues = await new StructuredDataValidator().validate(extracted);
    const errors = issues.filter((issue) => issue.severity === 'ERROR');
    assert.deepEqual(errors.map((issue) => issue.issueMessage), []);
    // Left out on purpose: the Open API has no closing date, and the jobs are on site.
    const expectedWarnings = ['applicantLocationRequirements', 'jobLocationType', 'validThrough'];
    const warnings = issues.filter((issue) => issue.severity === 'WARNING')
      .flatMap((issue) => issue.fieldNames);
    assert.deepEqual(warnings.filter((name) => !expectedWarnings.includes(name)), []);

    // structured-data-testing-tool, with its Google preset and Google's required properties.
    const jobPosting = {
      name: 'Google JobPosting',
      description: 'Properties Google requires or uses for job postings',
      tests: [
        { test: 'JobPosting', type: 'jsonld' },
        { test: 'JobPosting[*].title', type: 'jsonld' },
        { test: 'JobPosting[*].description', type: 'jsonld' },
        { test: 'JobPosting[*].datePosted', type: 'jsonld' },
        { test: 'JobPosting[*].hiringOrganization.name', type: 'jsonld' },
        { test: 'JobPosting[*].jobLocation.address.addressCountry', type: 'jsonld', expect: 'AU' },
        { test: 'JobPosting[*].baseSalary.currency', type: 'jsonld', expect: 'AUD' },
        { test: 'JobPosting[*].directApply', type: 'jsonld' },
      ],
    };
    const result = await structuredDataTest(html, { presets: [Google, jobPosting] })
      .catch((failure) => failure.res || { failed: [{ description: String(failure.message) }] });
    assert.deepEqual(result.failed.map((failed) => `${failed.test}: ${failed.error?.message}`), []);
    assert.ok(result.passed.length >= jobPosting.tests.length);
    assert.deepEqual(result.schemas, ['JobPosting']);
    await context.close();
  });

  test('message pages and the invalid filter page are accessible', async () => {
    const { context, page } = await openPage(wide);
    for (const [target, status] of [['/jobs/00000000-0000-4000-8000-000000000000', 404],
      ['/jobs?state=nowhere', 400], ['/jobs?page=40', 404]]) {
      const response = await page.goto(service.url(target));
      assert.equal(response.status(), status, target);
      assert.deepEqual(await seriousViolations(page), [], target);
    }
    // The skip link is the first thing a keyboard reaches, and it moves focus to the content.
    await page.goto(service.url('/jobs'));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
    assert.ok(await page.locator('.skip-link').isVisible());
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await context.close();
  });
});
