/**
 * Replaces `target[name]` with a wrapper that can be undone, after DataDog browser-sdk's
 * `instrumentMethod`: our code runs around the page's call and can never break it.
 *
 * - The original is called exactly once per call, with the arguments `before` chose or, if `before`
 *   threw, with the page's own arguments.
 * - `after` may replace the result (to observe a promise without marking it handled); if it throws,
 *   the original result is returned.
 * - `hold` (for promise-returning methods only) delays the call until the promise settles, then asks
 *   `replan` for the plan to call with; the page gets a promise of the original's result.
 * - `stop()` restores the original if nobody wrapped us since; otherwise our wrapper stays in the
 *   chain (removing it would drop the later wrapper too) but passes calls straight through.
 *
 * @typedef {{args?: unknown[], after?: (result: any) => any, hold?: Promise<unknown>, replan?: () => CallPlan | undefined}} CallPlan
 * @typedef {(thisArg: any, args: unknown[]) => CallPlan | undefined} Before
 */

/**
 * @param {Record<string, any>} target
 * @param {string} name
 * @param {Before} before
 * @returns {{stop: () => void}}
 */
export function instrumentMethod(target, name, before) {
  const original = target[name];
  if (typeof original !== 'function') return { stop() {} };
  let active = true;

  /** @this {any} */
  const instrumented = function (/** @type {unknown[]} */ ...args) {
    if (!active) return original.apply(this, args);
    const plan = planSafely(() => before(this, args));
    if (plan?.hold !== undefined) {
      const replan = plan.replan;
      return plan.hold.then(() => call(this, args, active && replan ? planSafely(replan) : undefined));
    }
    return call(this, args, plan);
  };

  /** @param {any} self @param {unknown[]} args @param {CallPlan | undefined} plan */
  function call(self, args, plan) {
    const result = original.apply(self, plan?.args ?? args);
    if (plan?.after === undefined) return result;
    try {
      return plan.after(result);
    } catch {
      return result;
    }
  }

  /** @param {() => CallPlan | undefined} makePlan */
  function planSafely(makePlan) {
    try {
      return makePlan();
    } catch {
      return undefined;
    }
  }

  target[name] = instrumented;
  return {
    stop() {
      active = false;
      if (target[name] === instrumented) target[name] = original;
    },
  };
}
